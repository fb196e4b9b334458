// What lay_out records when asked (LayoutOptions): boxes with their origins, the reasons of
// page breaks where the paginators decide them, and the debug overlay's marks and colours;
// by default nothing of it.
#include <catch2/catch.hpp>

#include <algorithm>

#include "layout_fixture.h"

using namespace jixiao;

namespace {

constexpr std::uint32_t kRed = 0xE00000;

// A table of n one-line rows, its last closing rows kept together, on a page of 320.5 pt.
doc::Document rows_table(int n, int closing) {
  doc::Table t;
  t.column_widths = {100, 200};
  t.closing_rows = closing;
  t.origin = {"t.xml", "3:1", ""};
  for (int i = 0; i < n; ++i) {
    doc::Row r;
    r.cells = {test::cell("行" + std::to_string(i + 1)), test::cell("值")};
    r.cells[0].origin = {"t.xml", "5:7", "/rows/" + std::to_string(i)};
    t.rows.push_back(r);
  }
  doc::Document d;
  d.page = test::page_with_body(320.5f);
  d.blocks.push_back(t);
  return d;
}

// d must outlive the result: boxes point into it.
layout::LayoutResult lay(const doc::Document& d, bool boxes, bool overlay = false) {
  DiagnosticSink sink;
  layout::LayoutOptions o;
  o.boxes = boxes;
  o.overlay = overlay;
  auto res = layout::lay_out(d, test::layout_fonts(), sink, o);
  CHECK_FALSE(sink.has_errors());
  return res;
}

}  // namespace

TEST_CASE("overlay: nothing is recorded by default", "[layout][overlay]") {
  const auto d = rows_table(40, 2);
  auto res = lay(d, false);
  REQUIRE(res.pages.size() == 3);
  for (const auto& p : res.pages) {
    CHECK(p.boxes.empty());
    CHECK(p.breaks.empty());
    CHECK(p.overlay.empty());
    CHECK(p.run_colors.empty());
  }
}

TEST_CASE("overlay: cell boxes carry their origin, a break names closing_rows", "[layout][overlay]") {
  // 17 one-line rows (18.5 pt) fit a page of 320.5 pt: with 18 rows and the last three kept
  // together, rows 16 to 18 move on and the break says why.
  const auto d = rows_table(18, 3);
  auto res = lay(d, true);
  REQUIRE(res.pages.size() == 2);
  REQUIRE(res.pages[0].breaks.size() == 1);
  CHECK(res.pages[0].breaks[0].reason == "row 16 kept with next (closing_rows=3)");
  CHECK(res.pages[0].breaks[0].y == Approx(50 + 15 * 18.5f));
  CHECK(res.pages[1].breaks.empty());
  const auto& boxes = res.pages[1].boxes;
  auto cell = std::find_if(boxes.begin(), boxes.end(), [](const layout::Box& b) {
    return b.kind == layout::Box::Kind::Cell && b.origin->data == "/rows/16";
  });
  REQUIRE(cell != boxes.end());
  CHECK(*cell->text == "行17");
  CHECK(cell->origin->place == "5:7");
  CHECK(cell->y == Approx(50 + 18.5f));
  CHECK(cell->h == Approx(18.5f));
  CHECK(cell->w == Approx(100));
  CHECK(boxes.front().kind == layout::Box::Kind::Table);
  CHECK(boxes.front().h == Approx(3 * 18.5f));
  // Recording adds nothing to the page itself.
  auto plain = lay(d, false);
  CHECK(plain.pages[0].runs.size() == res.pages[0].runs.size());
  CHECK(plain.pages[0].rules.size() == res.pages[0].rules.size());
}

TEST_CASE("overlay: a paragraph's break names the orphans rule", "[layout][overlay]") {
  doc::Document d;
  d.page = test::page_with_body(100);  // 6 lines of 15 pt
  d.blocks.push_back(test::para(test::numbered_lines(5)));
  auto p = test::para(test::numbered_lines(4, "段"));
  p.orphans = 2;
  p.origin = {"t.xml", "9:3", ""};
  d.blocks.push_back(p);  // one line would fit under the first: orphans moves it all on
  auto res = lay(d, true);
  REQUIRE(res.pages.size() == 2);
  REQUIRE(res.pages[0].breaks.size() == 1);
  CHECK(res.pages[0].breaks[0].reason == "paragraph at line 9: orphans=2, only 1 line(s) fit here");
  const auto& boxes = res.pages[1].boxes;
  REQUIRE_FALSE(boxes.empty());
  CHECK(boxes.back().kind == layout::Box::Kind::Paragraph);
  CHECK(boxes.back().h == Approx(4 * 15));
}

TEST_CASE("overlay: text too wide for its cell is red, boxes and baselines drawn", "[layout][overlay]") {
  // Lines break between characters when they must: only a character wider than the cell's
  // text width (10 pt less 2 × 4 pt padding) overflows it.
  doc::Table t;
  t.column_widths = {10, 200};
  doc::Row r;
  r.cells = {test::cell("宽"), test::cell("正常")};
  t.rows.push_back(r);
  doc::Document d;
  d.page = test::page_with_body(320.5f);
  d.blocks.push_back(t);
  auto res = lay(d, false, true);
  REQUIRE(res.pages.size() == 1);
  const auto& page = res.pages[0];
  REQUIRE(page.run_colors.size() == page.runs.size());
  CHECK(std::count(page.run_colors.begin(), page.run_colors.end(), kRed) >= 1);
  CHECK(std::count(page.run_colors.begin(), page.run_colors.end(), 0u) >= 1);  // 正常 stays black
  const auto red_marks = std::count_if(page.overlay.begin(), page.overlay.end(),
                                       [](const layout::Mark& m) { return m.rgb == kRed; });
  CHECK(red_marks >= 2);  // the cell's box and the line's
  const auto baselines = std::count_if(page.overlay.begin(), page.overlay.end(), [](const layout::Mark& m) {
    return m.kind == layout::Mark::Kind::Line && m.h == 0;
  });
  CHECK(baselines >= 2);
}
