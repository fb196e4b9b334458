#include "pdf/tounicode.h"

#include <algorithm>

#include "pdf/numbers.h"

namespace jixiao::pdf {

namespace {

// CMap destinations are at most 512 bytes (PDF 32000 9.10.3); a cluster never comes close,
// but a runaway one must not make the CMap invalid.
constexpr std::size_t kMaxCodePoints = 100;

void append_utf16be(std::string& out, std::u32string_view text) {
  append_utf16be_hex(out, text.substr(0, kMaxCodePoints));
}

// A single BMP code point that a bfrange may step through.
bool rangeable(std::u32string_view t) {
  return t.size() == 1 && t[0] < 0x10000 && !(t[0] >= 0xD800 && t[0] <= 0xDFFF);
}

// bfrange increments only the last byte of source and destination, so a range may not cross
// a multiple of 256 on either side.
bool continues(const CidText& prev, const CidText& next) {
  return rangeable(next.text) && next.cid == prev.cid + 1 && (next.cid & 0xFF) != 0 &&
         next.text[0] == prev.text[0] + 1 && (next.text[0] & 0xFF) != 0;
}

struct Line {
  std::size_t first, last;  // indexes into the entries
};

void emit_blocks(std::string& out, const std::vector<CidText>& entries,
                 const std::vector<Line>& lines, bool ranges) {
  // At most 100 lines per block (PDF 32000 9.10.3 / Adobe CMap spec).
  for (std::size_t start = 0; start < lines.size(); start += 100) {
    std::size_t end = std::min(lines.size(), start + 100);
    out += std::to_string(end - start);
    out += ranges ? " beginbfrange\n" : " beginbfchar\n";
    for (std::size_t i = start; i < end; ++i) {
      const CidText& a = entries[lines[i].first];
      out += '<';
      append_hex4(out, a.cid);
      out += "> <";
      if (ranges) {
        append_hex4(out, entries[lines[i].last].cid);
        out += "> <";
      }
      append_utf16be(out, a.text);
      out += ">\n";
    }
    out += ranges ? "endbfrange\n" : "endbfchar\n";
  }
}

}  // namespace

std::string to_unicode_cmap(const std::vector<CidText>& entries) {
  std::vector<Line> chars, ranges;
  for (std::size_t i = 0; i < entries.size();) {
    if (entries[i].text.empty()) {
      ++i;
      continue;
    }
    std::size_t j = i;
    if (rangeable(entries[i].text))
      while (j + 1 < entries.size() && continues(entries[j], entries[j + 1])) ++j;
    (j > i ? ranges : chars).push_back({i, j});
    i = j + 1;
  }
  std::string out =
      "/CIDInit /ProcSet findresource begin\n"
      "12 dict begin\n"
      "begincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n"
      "/CMapType 2 def\n"
      "1 begincodespacerange\n"
      "<0000> <FFFF>\n"
      "endcodespacerange\n";
  emit_blocks(out, entries, chars, false);
  emit_blocks(out, entries, ranges, true);
  out +=
      "endcmap\n"
      "CMapName currentdict /CMap defineresource pop\n"
      "end\n"
      "end\n";
  return out;
}

}  // namespace jixiao::pdf
