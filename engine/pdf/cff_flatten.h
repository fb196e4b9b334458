// Type 2 charstrings of a CID-keyed CFF font flattened by us: subroutine calls inlined, hints
// dropped, every number written in its shortest form, as hb-subset does with DESUBROUTINIZE
// | NO_HINTING (tests/pdf/cff_flatten_test.cpp compares every glyph of both Noto CJK faces).
// hb-subset plans over the whole 65,535-glyph face for every batch of new glyphs; this reads
// only the glyphs asked for.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pdf/cff.h"

namespace jixiao::pdf {

class CffFlattener {
 public:
  // cff: a whole CID-keyed CFF table, kept alive by the caller while this lives; face: what
  // read_cff_face read from it. Throws Failure ("pdf.write") when an INDEX header lies past
  // the end.
  CffFlattener(std::string_view cff, const CffFace& face, const std::string& font);

  // Glyph g's charstring flattened, or nothing when it holds what this leaves to hb-subset:
  // arithmetic operators, seac-style endchar, a call nested more than 10 deep, a subroutine
  // number out of range, an operand stack over 48, or bytes running past the end.
  std::optional<std::string> flatten(std::uint32_t g) const;
  std::size_t glyph_count() const { return sources_.charstrings.size(); }

 private:
  struct State;
  enum class End { Return, EndChar, Fail };
  End run(std::string_view code, const CffIndex& locals, State& s, int depth) const;

  CffCharstringSources sources_;
  std::vector<std::uint8_t> fd_;  // per glyph
};

}  // namespace jixiao::pdf
