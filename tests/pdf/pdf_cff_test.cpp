// OpenType/CFF faces (Noto Serif/Sans CJK SC, the default 宋 and 黑): embedded as CIDFontType0
// over a CFF subset (/FontFile3 /CIDFontType0C). A CID-keyed CFF is looked up through its
// charset, so the CIDs the content stream writes must be the charset's, checked here against
// the program itself and against what poppler draws.
#include <catch2/catch.hpp>

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>

#include <algorithm>
#include <sstream>

#include "diag/diag.h"
#include "pdf/cff.h"
#include "pdf/pdf.h"
#include "pdf/subset.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::vector<std::uint32_t> glyphs_of(layout::FontId f, const std::u32string& text) {
  std::vector<std::uint32_t> gids;
  for (char32_t c : text) gids.push_back(test::font_library().glyph(f, c));
  std::sort(gids.begin(), gids.end());
  gids.erase(std::unique(gids.begin(), gids.end()), gids.end());
  return gids;
}

pdf::FontSubset subset_of(layout::FontId f, const std::u32string& text) {
  const auto& lib = test::font_library();
  return pdf::FontSubset(lib.harfbuzz_face(f), lib.subset_face(f), lib.harfbuzz_font(f), glyphs_of(f, text), "test");
}

std::string write(const layout::LayoutResult& doc, const std::string& name) {
  pdf::Metadata meta;
  meta.date = 0;
  return test::save_temp(pdf::write_pdf(doc, test::font_library(), meta), name);
}

// Dark pixels (< 128) of page 1 rendered by pdftoppm in grey at 72 dpi (1 px per point).
long ink_of_pdf(const std::string& path) {
  std::string base = path + "-page";
  auto r = test::run_command("pdftoppm -gray -r 72 -f 1 -l 1 -singlefile '" + path + "' '" + base + "'");
  REQUIRE(r.exit_code == 0);
  std::string pgm = test::slurp(base + ".pgm");
  std::istringstream in(pgm);
  std::string magic;
  int w = 0, h = 0, max = 0;
  in >> magic >> w >> h >> max;
  REQUIRE(magic == "P5");
  std::size_t start = static_cast<std::size_t>(in.tellg()) + 1;
  REQUIRE(pgm.size() >= start + static_cast<std::size_t>(w) * static_cast<std::size_t>(h));
  return std::count_if(pgm.begin() + static_cast<std::ptrdiff_t>(start), pgm.end(),
                       [](char c) { return static_cast<unsigned char>(c) < 128; });
}

// Dark pixels of FreeType's own rendering of a glyph at ppem pixels per em.
long ink_of_freetype(layout::FontId f, std::uint32_t gid, int ppem) {
  const layout::FontInfo& info = test::font_library().info(f);
  FT_Library ft = nullptr;
  FT_Face face = nullptr;
  REQUIRE(FT_Init_FreeType(&ft) == 0);
  REQUIRE(FT_New_Face(ft, info.file.c_str(), info.index, &face) == 0);
  FT_Set_Pixel_Sizes(face, 0, static_cast<FT_UInt>(ppem));
  REQUIRE(FT_Load_Glyph(face, gid, FT_LOAD_RENDER | FT_LOAD_NO_HINTING) == 0);
  const FT_Bitmap& bm = face->glyph->bitmap;
  long ink = 0;
  for (unsigned y = 0; y < bm.rows; ++y)
    for (unsigned x = 0; x < bm.width; ++x) ink += bm.buffer[y * static_cast<unsigned>(bm.pitch) + x] > 127;
  FT_Done_Face(face);
  FT_Done_FreeType(ft);
  return ink;
}

}  // namespace

TEST_CASE("cff: Noto Serif CJK SC is subset to a CID-keyed CFF whose charset gives the CIDs", "[pdf][cff]") {
  const layout::FontId song = test::face("song");
  const std::u32string text = U"绩效评价指标";
  pdf::FontSubset s = subset_of(song, text);
  REQUIRE(s.outlines() == pdf::FontSubset::Outlines::Cff);
  CHECK(s.cid_keyed());
  CHECK(s.glyph_count() == text.size() + 1);  // and .notdef
  const std::string& cff = s.program();
  REQUIRE(cff.size() > 4);
  CHECK(cff[0] == 1);  // a bare CFF table (major version 1), not an OpenType file
  pdf::CffCharset charset = pdf::read_cff_charset(cff, "test");
  CHECK(charset.cid_keyed);
  REQUIRE(charset.cid.size() == text.size() + 1);
  CHECK(charset.cid[0] == 0);
  for (std::uint32_t g : glyphs_of(song, text)) {
    INFO("glyph " << g);
    // Every CID written is one the program's charset names …
    CHECK(std::find(charset.cid.begin(), charset.cid.end(), s.cid(g)) != charset.cid.end());
    // … and Noto CJK (ROS Adobe-Identity-0) numbers its CIDs as its glyph ids; HarfBuzz keeps
    // them, so a subset glyph keeps its CID though its glyph index is now 1…6.
    CHECK(s.cid(g) == g);
    CHECK(s.width(g) == 1000);
  }
  CHECK(s.cid(12345678) == 0);  // not in the subset: .notdef
}

TEST_CASE("cff: pdffonts shows CID Type 0C subsets with Unicode maps, qpdf clean, the text reads back", "[pdf][cff]") {
  const auto& lib = test::font_library();
  layout::LayoutResult doc;
  layout::Page page;
  page.runs.push_back(test::shape(lib.face_for("hei", true), 16, 200, 80, U"项目支出绩效自评表"));
  page.runs.push_back(test::shape(test::face("song"), 10.5f, 60, 130, U"偏差原因分析及改进措施，。（）"));
  page.runs.push_back(test::shape(lib.face_for("song", true), 10.5f, 60, 160, U"一级指标"));
  page.runs.push_back(test::shape(test::face("hei"), 10.5f, 60, 190, U"年度总体目标完成情况", 2));
  doc.pages.push_back(page);
  const std::string path = write(doc, "cff.pdf");

  auto fonts = test::run_command("pdffonts '" + path + "'");
  INFO(fonts.out << fonts.err);
  REQUIRE(fonts.exit_code == 0);
  CHECK(fonts.err.empty());
  std::istringstream lines(fonts.out);
  std::string line;
  std::vector<std::string> rows;
  while (std::getline(lines, line)) rows.push_back(line);
  REQUIRE(rows.size() == 2 + 4);
  const char* names[] = {"+NotoSansCJKsc-Bold ", "+NotoSerifCJKsc-Regular ", "+NotoSerifCJKsc-Bold ",
                         "+NotoSansCJKsc-Regular "};
  for (std::size_t i = 2; i < rows.size(); ++i) {
    INFO(rows[i]);
    CHECK(rows[i].find(names[i - 2]) == 6);
    CHECK(rows[i].find("CID Type 0C") != std::string::npos);
    CHECK(rows[i].find("Identity-H") != std::string::npos);
    CHECK(rows[i].find("yes yes yes") != std::string::npos);
  }

  auto check = test::run_command("qpdf --check '" + path + "'");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(check.out.find("No syntax or stream encoding errors found") != std::string::npos);
  CHECK(check.err.empty());

  auto text = test::run_command("pdftotext '" + path + "' -");
  CHECK(text.err.empty());
  CHECK(test::strip_space(text.out) ==
        "项目支出绩效自评表偏差原因分析及改进措施，。（）一级指标年度总体目标完成情况");

  // The program is a FontFile3 of subtype CIDFontType0C under a CIDFontType0 (no CIDToGIDMap).
  auto qdf = test::run_command("qpdf --qdf --object-streams=disable '" + path + "' -");
  CHECK(qdf.out.find("/Subtype /CIDFontType0C") != std::string::npos);
  CHECK(qdf.out.find("/Subtype /CIDFontType0\n") != std::string::npos);
  CHECK(qdf.out.find("/FontFile3") != std::string::npos);
  CHECK(qdf.out.find("/CIDToGIDMap") == std::string::npos);
}

TEST_CASE("cff: poppler draws the glyph the content names, as FreeType draws it from the font", "[pdf][cff]") {
  // One 100 pt glyph on a page, drawn at 72 dpi: 100 pixels per em either way. Had the content
  // written the subset's glyph index (1) instead of the charset's CID, poppler would find no
  // glyph and draw nothing.
  const layout::FontId song = test::face("song");
  long last = -1;
  for (std::u32string ch : {U"绩", U"一"}) {
    layout::LayoutResult doc;
    layout::Page page;
    page.runs.push_back(test::shape(song, 100, 100, 300, ch));
    doc.pages.push_back(page);
    const long pdf_ink = ink_of_pdf(write(doc, "glyph.pdf"));
    const long ft_ink = ink_of_freetype(song, test::font_library().glyph(song, ch[0]), 100);
    INFO(test::to_utf8(ch) << ": poppler " << pdf_ink << " px, FreeType " << ft_ink << " px");
    CHECK(ft_ink > 100);
    CHECK(pdf_ink > ft_ink * 85 / 100);
    CHECK(pdf_ink < ft_ink * 115 / 100);
    CHECK(pdf_ink != last);
    last = pdf_ink;
  }
}

TEST_CASE("cff: a truncated or garbled CFF program is an error naming the font, never a crash", "[pdf][cff]") {
  pdf::FontSubset s = subset_of(test::face("hei"), U"绩效");
  const std::string& cff = s.program();
  int errors = 0;
  for (std::size_t n = 0; n < cff.size(); n += 7) {
    try {
      pdf::read_cff_charset(std::string_view(cff).substr(0, n), "NotoSansCJKsc-Regular");
    } catch (const Failure& f) {
      ++errors;
      CHECK(f.diagnostic().message.find("NotoSansCJKsc-Regular") != std::string::npos);
    }
  }
  CHECK(errors > 0);
  std::string garbled = cff;
  for (std::size_t i = 4; i < garbled.size(); i += 3) garbled[i] = static_cast<char>(0xFF);
  CHECK_THROWS_AS(pdf::read_cff_charset(garbled, "x"), Failure);
  CHECK_THROWS_AS(pdf::read_cff_charset(std::string("\x02\x00\x05\x00", 4), "x"), Failure);  // CFF2
}

namespace {

// A minimal CFF program: one font whose Top DICT has ROS (when cid_keyed), a charset and
// `glyphs` one-byte charstrings (endchar). Offsets are 5-byte integers so the DICT's length
// does not depend on them.
std::string tiny_cff(bool cid_keyed, const std::string& charset, unsigned glyphs) {
  auto int5 = [](std::uint32_t v) {
    return std::string{'\x1d', static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                       static_cast<char>(v >> 8), static_cast<char>(v)};
  };
  const std::string header("\x01\x00\x04\x01", 4), names("\x00\x01\x01\x01\x02" "A", 6);
  const std::size_t dict_size = (cid_keyed ? 5 : 0) + 6 + 6;
  const std::size_t charset_at = header.size() + names.size() + 5 + dict_size + 2 + 2;
  const std::size_t charstrings_at = charset_at + charset.size();
  std::string dict = cid_keyed ? std::string("\x8b\x8b\x8b\x0c\x1e", 5) : "";
  dict += int5(static_cast<std::uint32_t>(charset_at)) + '\x0f';
  dict += int5(static_cast<std::uint32_t>(charstrings_at)) + '\x11';
  std::string top("\x00\x01\x01\x01", 4);
  top += static_cast<char>(1 + dict.size());
  std::string cff = header + names + top + dict + std::string(4, '\0') + charset;  // String, GSubr INDEX
  cff += static_cast<char>(glyphs >> 8);
  cff += static_cast<char>(glyphs);
  cff += '\x01';
  for (unsigned i = 0; i <= glyphs; ++i) cff += static_cast<char>(1 + i);
  return cff + std::string(glyphs, '\x0e');
}

}  // namespace

TEST_CASE("cff: the charset's three formats give the CIDs, without ROS the CIDs are glyph indices", "[pdf][cff]") {
  using V = std::vector<std::uint16_t>;
  // Format 0: one CID per glyph after .notdef.
  auto c = pdf::read_cff_charset(tiny_cff(true, std::string("\x00\x00\x05\x00\x09", 5), 3), "t");
  CHECK(c.cid_keyed);
  CHECK(c.cid == V{0, 5, 9});
  // Format 1: ranges of (first, count-1 as one byte).
  c = pdf::read_cff_charset(tiny_cff(true, std::string("\x01\x00\x64\x01\x01\x00\x00", 7), 4), "t");
  CHECK(c.cid == V{0, 100, 101, 256});
  // Format 2: ranges of (first, count-1 as two bytes).
  c = pdf::read_cff_charset(tiny_cff(true, std::string("\x02\xab\xcd\x00\x02", 5), 4), "t");
  CHECK(c.cid == V{0, 0xabcd, 0xabce, 0xabcf});
  // Not CID-keyed: a CIDFontType0 shows glyph indices, whatever names the charset gives.
  c = pdf::read_cff_charset(tiny_cff(false, std::string("\x00\x00\x05\x00\x09", 5), 3), "t");
  CHECK_FALSE(c.cid_keyed);
  CHECK(c.cid == V{0, 1, 2});
  // A range past CID 65535, a program cut short in its charset, an unknown format: errors.
  CHECK_THROWS_AS(pdf::read_cff_charset(tiny_cff(true, std::string("\x02\xff\xff\x00\x02", 5), 4), "t"), Failure);
  CHECK_THROWS_AS(pdf::read_cff_charset(tiny_cff(true, std::string("\x00\x00\x05\x00\x09", 5), 3).substr(0, 38), "t"), Failure);
  CHECK_THROWS_AS(pdf::read_cff_charset(tiny_cff(true, std::string("\x07\x00\x05", 3), 2), "t"), Failure);
}
