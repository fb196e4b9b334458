// The little of a CFF font program (Adobe TN 5176) the PDF stage must read: whether it is
// CID-keyed, and which CID each glyph has. A CIDFontType0 shows glyphs by CID and a PDF
// reader finds the glyph of a CID through the program's charset (PDF 32000 9.7.4.2), so the
// content stream must write what the charset says, not the glyph index.
#pragma once
#include <cstdint>
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

}  // namespace jixiao::pdf
