// Running headers and footers ({page}, {pages}), and page sizes (landscape).
#include <catch2/catch.hpp>

#include "layout_fixture.h"

using namespace jixiao;
using jixiao::test::page_lines;

namespace {

// 50 lines of 15 pt on 20-line pages: 3 pages.
doc::Document three_pages() {
  doc::Document d;
  d.page = test::page_with_body(300);
  doc::Paragraph p = test::para(test::numbered_lines(50, "甲"));
  d.blocks.push_back(p);
  return d;
}

doc::PageMark mark(const std::string& text, doc::Align align, int first_page = 1) {
  doc::PageMark m;
  m.text = text;
  m.align = align;
  m.style.size = 9;
  m.first_page = first_page;
  return m;
}

// Lines of the page outside the body (the margins), top down.
std::vector<test::PageLine> margin_lines(const layout::Page& page, float top, float bottom) {
  std::vector<test::PageLine> out;
  for (auto& l : page_lines(page))
    if (l.y < top || l.y > bottom) out.push_back(l);
  return out;
}

}  // namespace

TEST_CASE("pages: a centred footer 第 N 页 共 M 页 on every page", "[layout][pages]") {
  auto d = three_pages();
  d.page.footers.push_back(mark("第 {page} 页 共 {pages} 页", doc::Align::Center));
  d.page.footer_offset = 25;
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), sink);
  CHECK(sink.all().empty());
  REQUIRE(res.pages.size() == 3);
  for (int n = 1; n <= 3; ++n) {
    INFO("page " << n);
    auto lines = margin_lines(res.pages[n - 1], 50, 350);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].text == "第 " + std::to_string(n) + " 页 共 3 页");
    CHECK(lines[0].y == Approx(400 - 25));
    // Centred between the margins (50 … 350).
    CHECK(lines[0].x - 50 == Approx(350 - lines[0].right).margin(0.01));
  }
  // The body is untouched: 20 + 20 + 10 lines.
  CHECK(page_lines(res.pages[2]).size() == 10 + 1);
}

TEST_CASE("pages: headers from first_page on, left and right aligned", "[layout][pages]") {
  auto d = three_pages();
  d.page.headers.push_back(mark("深圳市住房建设信息中心", doc::Align::Left, 2));
  d.page.headers.push_back(mark("- {page} -", doc::Align::Right, 2));
  d.page.header_offset = 30;
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), sink);
  REQUIRE(res.pages.size() == 3);
  CHECK(margin_lines(res.pages[0], 50, 350).empty());
  for (int n = 2; n <= 3; ++n) {
    auto lines = margin_lines(res.pages[n - 1], 50, 350);
    REQUIRE(lines.size() == 1);  // both on one baseline
    CHECK(lines[0].y == Approx(30));
    CHECK(lines[0].x == Approx(50));
    CHECK(lines[0].right == Approx(350).margin(0.01));
    CHECK(lines[0].text == "深圳市住房建设信息中心- " + std::to_string(n) + " -");
  }
}

TEST_CASE("pages: a character no font has in a footer is named once, not once a page", "[layout][pages]") {
  auto d = three_pages();
  d.page.footers.push_back(mark("\uE000 {page}", doc::Align::Center));
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), sink);
  CHECK(res.pages.size() == 3);
  REQUIRE(sink.all().size() == 1);
  CHECK(sink.all()[0].code == "layout.missing-glyph");
}

TEST_CASE("pages: landscape is the page size swapped, lines take the wider body", "[layout][pages]") {
  doc::Document d;
  std::swap(d.page.width, d.page.height);  // A4 landscape, as the template gives it
  d.page.footers.push_back(mark("{page}/{pages}", doc::Align::Right));
  std::string text;
  for (int i = 0; i < 100; ++i) text += "绩";
  doc::Paragraph p = test::para(text);
  d.blocks.push_back(p);
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), sink);
  REQUIRE(res.pages.size() == 1);
  CHECK(res.pages[0].width == Approx(841.89));
  CHECK(res.pages[0].height == Approx(595.276));
  // 841.89 − 2 × 42.52 = 756.85 pt: 75 ideographs of 10 pt a line (portrait: 51).
  auto lines = page_lines(res.pages[0]);
  REQUIRE(lines.size() == 3);
  CHECK(lines[0].text.size() == 75 * 3);
  CHECK(lines[1].text.size() == 25 * 3);
  CHECK(lines[2].text == "1/1");
  CHECK(lines[2].y == Approx(595.276 - 28.35));
  CHECK(lines[2].right == Approx(841.89 - 42.52).margin(0.01));
}
