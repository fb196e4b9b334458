// Embedded fonts are subsets: a form costs kilobytes, not the megabytes of the CJK font files.
#include <catch2/catch.hpp>

#include <chrono>
#include <sstream>

#include "pdf/pdf.h"
#include "pdf/subset_cache.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

namespace {

// n distinct CJK ideographs from U+4E00 on that the face has.
std::u32string ideographs(layout::FontId f, std::size_t n) {
  std::u32string s;
  for (char32_t c = 0x4E00; s.size() < n && c < 0x9FFF; ++c)
    if (test::font_library().glyph(f, c)) s += c;
  return s;
}

std::string form_with(layout::FontId f, std::size_t glyphs) {
  std::u32string text = ideographs(f, glyphs);
  layout::LayoutResult doc;
  layout::Page page;
  for (std::size_t i = 0; i < text.size(); i += 40)
    page.runs.push_back(test::shape(f, 10.5f, 50, 60 + 14 * static_cast<float>(i / 40), text.substr(i, 40)));
  doc.pages.push_back(page);
  pdf::Metadata meta;
  meta.title = "大小";
  meta.date = 0;
  return pdf::write_pdf(doc, test::font_library(), meta);
}

}  // namespace

TEST_CASE("a PDF with 50 glyphs of 宋 (Noto Serif CJK SC, 26 MB of TTC) stays small", "[pdf]") {
  std::string bytes = form_with(test::face("song"), 50);
  INFO(bytes.size() << " bytes");
  // Measured 8,237 bytes (HarfBuzz 6.0, Noto Serif CJK 2.001, desubroutinized CFF).
  CHECK(bytes.size() < 16 * 1024);
}

TEST_CASE("a PDF with 500 glyphs of 宋 grows with the glyphs, not the font", "[pdf]") {
  std::string bytes = form_with(test::face("song"), 500);
  INFO(bytes.size() << " bytes");
  CHECK(bytes.size() < 150 * 1024);  // measured 84,290 bytes
  auto r = test::run_command("qpdf --check '" + test::save_temp(bytes, "500.pdf") + "'");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("a PDF with 50 glyphs of TrueType 楷 (LXGW WenKai) stays small", "[pdf]") {
  std::string bytes = form_with(test::face("kai"), 50);
  INFO(bytes.size() << " bytes");
  CHECK(bytes.size() < 16 * 1024);  // measured 10,619 bytes
}

// The budget: the 10-page 深圳 2020 department report, set in Noto Serif CJK SC (宋,
// body), Noto Sans CJK SC (黑, headings), Liberation Serif (digits) and 楷, under 190 KB
// untagged and tagged: the structure tree's 315 elements, packed into object streams, add
// about 6 KB (38 KB as plain indirect objects).
TEST_CASE("the 003 department report renders under 190 KB with Noto Serif CJK SC as 宋", "[pdf][size]") {
  const std::string dir = test::temp_dir("size");
  std::string out = dir + "/003.pdf";
  auto r = test::run_jixiao("render '" + test::source_path("examples/shenzhen-2020-department-selfeval.json") +
                            "' -o '" + out + "' --date 2026-01-01");
  INFO(r.err);
  REQUIRE(test::file_exists(out));
  const std::size_t size = test::slurp(out).size();
  INFO(size << " bytes");
  CHECK(size < 190 * 1024);  // measured 173,730 bytes
  const std::string tagged = dir + "/003-tagged.pdf";
  test::run_jixiao("render '" + test::source_path("examples/shenzhen-2020-department-selfeval.json") + "' -o '" +
                   tagged + "' --date 2026-01-01 --tags");
  CHECK(test::slurp(tagged).size() < 190 * 1024);  // measured 179,932 bytes (object streams)
  auto fonts = test::run_command("pdffonts '" + out + "'");
  INFO(fonts.out);
  std::istringstream lines(fonts.out);
  bool song = false;
  for (std::string line; std::getline(lines, line);)
    if (line.find("+NotoSerifCJKsc-Regular ") == 6) {
      song = true;
      CHECK(line.find("CID Type 0C") != std::string::npos);
      CHECK(line.find("yes yes yes") != std::string::npos);
    }
  CHECK(song);
}

// Not run by default: `test_pdf "[measure]"` prints sizes for docs/pdf.md.
TEST_CASE("measure PDF sizes by glyph count", "[.][measure]") {
  for (const char* family : {"song", "hei", "kai"})
    for (std::size_t n : {10u, 50u, 200u, 500u, 1000u})
      WARN(family << " " << n << " glyphs: " << form_with(test::face(family), n).size() << " bytes");
}

// Not run by default: `test_pdf "[bench]"` times bulk writing (hundreds of forms per process).
TEST_CASE("time writing forms in bulk", "[.][bench]") {
  layout::LayoutResult doc;
  layout::Page page;
  const char* families[] = {"song", "hei", "kai", "latin"};
  for (int i = 0; i < 60; ++i) {
    auto f = test::face(families[i % 4]);
    std::u32string text = i % 4 == 3 ? U"870996.00 1234567.89" : ideographs(f, 200).substr(static_cast<std::size_t>(i) * 3 % 150, 20);
    page.runs.push_back(test::shape(f, 10.5f, 50, 40 + 12 * static_cast<float>(i), text));
    page.rules.push_back({40, 30 + 12 * static_cast<float>(i), 550, 30 + 12 * static_cast<float>(i), 0.5f});
  }
  doc.pages = {page, page};
  pdf::Metadata meta;
  meta.title = "项目支出绩效自评表";
  meta.date = 0;
  auto start = std::chrono::steady_clock::now();
  std::size_t bytes = 0;
  const int n = 100;
  pdf::SubsetCache subsets(test::font_library());  // as the engine keeps one
  for (int i = 0; i < n; ++i) bytes += pdf::write_pdf(doc, test::font_library(), meta, nullptr, &subsets).size();
  auto ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  WARN(n << " forms of 2 pages, 4 faces: " << ms / n << " ms each, " << bytes / n << " bytes each");
}
