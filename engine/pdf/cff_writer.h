// CID-keyed CFF subsets (Noto Serif/Sans CJK SC) written by us from flattened charstrings
// kept per face, so a bulk run does not run hb-subset over a 65,000-glyph face for every
// document. Each glyph is flattened once by hb-subset (DESUBROUTINIZE | NO_HINTING, as
// pdf/subset.cpp does); a flattened charstring does not depend on the glyphs subset with
// it (tests/pdf/cff_writer_test.cpp), so the output does not depend on what was cached.
#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "layout/fonts.h"
#include "pdf/cff.h"
#include "pdf/cff_flatten.h"
#include "pdf/subset.h"

struct hb_blob_t;

namespace jixiao::pdf {

// A bare CID-keyed CFF program: Header, Name INDEX, Top DICT (ROS, FontBBox, FontMatrix,
// CIDCount, charset, FDSelect, CharStrings, FDArray), String INDEX (the ROS strings), an
// empty Global Subr INDEX, charset and FDSelect (format 0), CharStrings INDEX, FDArray INDEX
// of the Font DICTs used, each with a Private DICT without hints or Subrs.
// gids: original glyph ids, ascending, .notdef first; charstrings: theirs, flattened.
std::string write_cid_cff(const CffFace& face, const std::string& name, const std::vector<std::uint32_t>& gids,
                          const std::vector<std::string_view>& charstrings);

// One CID-keyed CFF face's flattened glyphs, kept as they are met, flattened by
// pdf/cff_flatten.h (hb-subset only for what it leaves). Thread-safe: the lock
// guards look-up and insertion only, new glyphs are flattened outside it. Bounded by the
// face: at most one entry per glyph, never changed or dropped while the cache lives.
class CffGlyphs {
 public:
  // Null for a face without a CID-keyed CFF table (TrueType, name-keyed CFF, CFF2): those
  // take hb-subset. Throws Failure ("pdf.write") for a malformed CFF table.
  static std::shared_ptr<CffGlyphs> of(const layout::FontLibrary& fonts, layout::FontId id, const std::string& name);

  // The face subset to glyphs (original ids; .notdef added), written by write_cid_cff.
  FontSubset subset(const layout::FontLibrary& fonts, layout::FontId id, const std::vector<std::uint32_t>& glyphs,
                    const std::string& name);
  // How many glyphs are kept, and their charstrings' bytes.
  std::size_t size();
  std::size_t bytes();

  // cff: the face's CFF table, referenced for this cache's life (the flattener reads it).
  CffGlyphs(CffFace face, hb_blob_t* cff, const std::string& name);
  ~CffGlyphs();
  CffGlyphs(const CffGlyphs&) = delete;
  CffGlyphs& operator=(const CffGlyphs&) = delete;

 private:
  struct Glyph {
    std::string charstring;
    double width;
  };
  const CffFace face_;
  hb_blob_t* const cff_;
  const CffFlattener flattener_;  // glyphs it cannot flatten go through hb-subset
  std::mutex mutex_;
  std::mutex flattening_;  // held while glyphs not met yet are flattened
  // By original glyph id, those met so far: a table of 65,535 slots was 512 KB of fresh
  // pages per face, which a cold render paid for in page faults.
  std::unordered_map<std::uint32_t, std::unique_ptr<const Glyph>> glyphs_;
  std::size_t bytes_ = 0;
};

}  // namespace jixiao::pdf
