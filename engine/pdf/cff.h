// The little of a CFF font program (Adobe TN 5176) the PDF stage must read: whether it is
// CID-keyed, and which CID each glyph has. A CIDFontType0 shows glyphs by CID and a PDF
// reader finds the glyph of a CID through the program's charset (PDF 32000 9.7.4.2), so the
// content stream must write what the charset says, not the glyph index.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace jixiao::pdf {

struct CffCharset {
  bool cid_keyed = false;              // the Top DICT has ROS
  std::vector<std::uint16_t> cid;      // per glyph index; for a non-CID font, the index itself
};

// Reads the charset of a bare CFF table (as cut out of an OpenType font). Every offset and
// count is checked against the bytes; a malformed program throws Failure ("pdf.write")
// naming font and what is wrong.
CffCharset read_cff_charset(std::string_view cff, const std::string& font);

// Whether a bare CFF table's Top DICT has ROS (read_cff_charset's cid_keyed, without reading
// the charset). Throws Failure ("pdf.write") as read_cff_charset does.
bool is_cid_keyed(std::string_view cff, const std::string& font);

// The CharStrings of a CFF program, per glyph index (views into cff).
std::vector<std::string_view> read_cff_charstrings(std::string_view cff, const std::string& font);

// An INDEX read in place: an entry's offsets are read when it is asked for, so that a
// flattener touches only the pages of the glyphs it flattens, not 65,535 offsets.
class CffIndex {
 public:
  CffIndex() = default;
  // Throws Failure ("pdf.write") when the INDEX's header or offset array is past the end.
  CffIndex(std::string_view cff, std::size_t at, const std::string& font);
  std::size_t size() const { return count_; }
  // Entry i; nothing when i is out of range or its offsets are out of order or past the end.
  std::optional<std::string_view> at(std::size_t i) const;

 private:
  std::uint32_t offset(std::size_t i) const;
  std::string_view cff_;
  std::size_t count_ = 0, off_size_ = 0, offsets_ = 0, data_ = 0;
};

// What a CID-keyed CFF subset writer (pdf/cff_writer.h) takes over from the whole face.
struct CffFace {
  std::string registry, ordering;       // the ROS strings
  long supplement = 0, cid_count = 8720;
  std::string top_extra;                // FontBBox and FontMatrix of the Top DICT, as bytes
  std::vector<std::string> font_dicts;  // per FD: its Font DICT without FontName and Private
  std::vector<std::string> privates;    // per FD: its Private DICT without hints and Subrs
  std::vector<std::uint8_t> fd;         // per glyph: its FD
  std::vector<std::uint16_t> cid;       // per glyph: its CID
  // Where pdf/cff_flatten.h reads (offsets into the table): the CharStrings INDEX, the Global
  // Subr INDEX and each Font DICT's local Subrs INDEX (-1: it has none).
  long charstrings = -1, global_subrs = -1;
  std::vector<long> local_subrs;
};

// The charstrings of a CID-keyed CFF program and the subroutines they may call, read in
// place (views into cff, the table face was read from). Throws Failure ("pdf.write") when
// an INDEX header lies past the end.
struct CffCharstringSources {
  CffIndex charstrings, globals;
  std::vector<CffIndex> locals;  // per Font DICT; empty INDEX when it has no Subrs
};
CffCharstringSources read_cff_charstring_sources(std::string_view cff, const CffFace& face, const std::string& font);
// Throws Failure ("pdf.write") for a font that is not CID-keyed or is malformed.
CffFace read_cff_face(std::string_view cff, const std::string& font);

}  // namespace jixiao::pdf
