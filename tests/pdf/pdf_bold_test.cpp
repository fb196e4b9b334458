// Synthetic bold in the content stream: runs marked synthetic_bold are filled and stroked
// (2 Tr) with a line width of size/35, inside q … Q; the text still extracts.
#include <catch2/catch.hpp>

#include "pdf/pdf.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

TEST_CASE("pdf bold: synthetic runs fill and stroke, regular runs go back to fill", "[pdf][bold]") {
  layout::LayoutResult doc;
  layout::Page page;
  auto bold = test::shape(test::face("song"), 10.5f, 60, 100, U"部门决策");
  bold.synthetic_bold = true;
  page.runs.push_back(bold);
  page.runs.push_back(test::shape(test::face("song"), 10.5f, 60, 130, U"预算编制"));
  auto bold14 = test::shape(test::face("hei"), 14, 60, 160, U"评分表");
  bold14.synthetic_bold = true;
  page.runs.push_back(bold14);
  doc.pages.push_back(page);

  pdf::Metadata meta;
  meta.date = 0;
  const std::string path = test::save_temp(pdf::write_pdf(doc, test::font_library(), meta), "bold.pdf");
  auto check = test::run_command("qpdf --check " + path);
  CHECK(check.exit_code == 0);
  auto text = test::run_command("pdftotext -layout " + path + " -");
  REQUIRE(text.exit_code == 0);
  CHECK(text.out.find("部门决策") != std::string::npos);
  CHECK(text.out.find("预算编制") != std::string::npos);
  CHECK(text.out.find("评分表") != std::string::npos);
  auto fonts = test::run_command("pdffonts " + path);
  CHECK(fonts.out.find("CID Type 0C") != std::string::npos);  // 宋 and 黑 are Noto CJK (CFF)

  // The content stream, uncompressed by qpdf: 0.3 w for 10.5 pt (10.5 / 35), 0.4 w for 14 pt.
  auto qdf = test::run_command("qpdf --qdf --object-streams=disable " + path + " - | tr -d '\\r'");
  const std::string& s = qdf.out;
  const auto q = s.find("q\nBT\n");
  REQUIRE(q != std::string::npos);
  const auto first_w = s.find("0.3 w\n", q), first_tr = s.find("2 Tr\n", q);
  const auto back = s.find("0 Tr\n", q), second_w = s.find("0.4 w\n", q);
  CHECK(first_w != std::string::npos);
  CHECK(first_tr != std::string::npos);
  CHECK(back > first_tr);
  CHECK(second_w > back);
  CHECK(s.find("2 Tr\n", back) > second_w);
  CHECK(s.find("ET\nQ\n", q) != std::string::npos);
}

TEST_CASE("pdf bold: pages without synthetic bold keep the plain text object", "[pdf][bold]") {
  layout::LayoutResult doc;
  layout::Page page;
  page.runs.push_back(test::shape(test::face("song"), 10.5f, 60, 100, U"部门决策"));
  doc.pages.push_back(page);
  pdf::Metadata meta;
  meta.date = 0;
  const std::string path = test::save_temp(pdf::write_pdf(doc, test::font_library(), meta), "plain.pdf");
  auto qdf = test::run_command("qpdf --qdf --object-streams=disable " + path + " - | tr -d '\\r'");
  CHECK(qdf.out.find("BT\n") != std::string::npos);
  CHECK(qdf.out.find(" Tr\n") == std::string::npos);
  CHECK(qdf.out.find("q\nBT") == std::string::npos);
}
