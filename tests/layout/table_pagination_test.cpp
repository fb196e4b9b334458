// Tables across pages, the rules of docs/templates.md "Tables across pages": cell padding,
// section heading rows and labels repeated with their continued mark, closing rows and short
// groups kept together, splits leaving at least min_split_lines on each side. Numbers: cells
// of 10 pt at a pitch of 12.5 pt with the default padding (3 pt above and below, 4 pt beside),
// so a row of n lines is 12.5 n + 6 tall; the page body is 320.5 pt, 300 pt wide.
#include <catch2/catch.hpp>

#include "layout_fixture.h"

using namespace jixiao;
using jixiao::test::cell;
using jixiao::test::numbered_lines;
using jixiao::test::page_texts;

namespace {

constexpr float kTop = 50;
constexpr float kRow = 18.5f;  // a one-line row

layout::LayoutResult lay(const doc::Table& t) {
  doc::Document d;
  d.page = test::page_with_body(320.5f);
  d.blocks.push_back(t);
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), sink);
  CHECK_FALSE(sink.has_errors());
  return res;
}

doc::Cell left(const std::string& text) {
  doc::Cell c = cell(text);
  c.align = doc::Align::Left;
  return c;
}

std::string joined(const std::vector<std::string>& lines, std::size_t from = 0) {
  std::string s;
  for (std::size_t i = from; i < lines.size(); ++i) s += lines[i];
  return s;
}

// Columns 60 + 200 centred in the 300 pt body: x 70 … 130 … 330.
doc::Table numbered(int rows, bool header = true) {
  doc::Table t;
  t.column_widths = {60, 200};
  if (header) t.rows.push_back({{cell("序号"), cell("内容")}, true});
  for (int i = 1; i <= rows; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  return t;
}

}  // namespace

TEST_CASE("table padding: the default keeps text 4 pt from the side rules and 3 pt from top and bottom", "[layout][table][padding]") {
  doc::Table t;
  CHECK(t.padding_x == 4);  // about 1.5 mm, as the official forms
  CHECK(t.padding_y == 3);
  t.column_widths = {100, 200};  // x 50 … 150 … 350
  t.rows.push_back({{cell("项目名称"), left(numbered_lines(2))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 1);
  auto lines = test::page_lines(res.pages[0], 150, 350);
  REQUIRE(lines.size() == 2);
  for (std::size_t k = 0; k < lines.size(); ++k) {
    CHECK(lines[k].x == Approx(150 + 4));
    // Each line sits in its own pitch below the top padding: no glyph reaches a rule.
    CHECK(lines[k].y > kTop + 3 + k * 12.5f + 5);
    CHECK(lines[k].y <= kTop + 3 + (k + 1) * 12.5f);
  }
  // The row: two lines and the padding above and below.
  CHECK(test::rules_at_y(res.pages[0], kTop + 2 * 12.5f + 6).size() == 1);
  // The centred label keeps at least the padding to either side.
  auto label = test::page_lines(res.pages[0], 50, 150);
  REQUIRE(label.size() == 1);
  CHECK(label[0].x >= 50 + 4);
  CHECK(label[0].right <= 150 - 4 + 0.01f);
}

TEST_CASE("table sections: a heading row and its label repeat with （续） on every continued page", "[layout][table][section]") {
  doc::Table t;
  t.column_widths = {40, 60, 160};  // x 70 … 110 … 170 … 330
  t.continued_mark = "（续）";
  t.rows.push_back({{cell("部门名称", 2), cell("某局")}});
  const int n = 40;
  doc::Row heading{{cell("部门决策", 1, n + 1), cell("指标"), cell("说明")}};
  heading.repeat = true;
  t.rows.push_back(heading);
  for (int i = 1; i <= n; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() >= 3);  // 42 rows of 18.5 pt
  std::string numbers;
  for (std::size_t p = 0; p < res.pages.size(); ++p) {
    auto mid = page_texts(res.pages[p], 110, 170);
    auto label = page_texts(res.pages[p], 70, 110);
    INFO("page " << p + 1);
    if (p == 0) {
      REQUIRE(mid.size() >= 2);
      CHECK(mid[0] == "指标");
      CHECK(joined(label) == "部门名称部门决策");
      mid.erase(mid.begin());
    } else {
      REQUIRE(mid.size() >= 2);
      CHECK(mid[0] == "指标");  // the section's heading row again
      CHECK(page_texts(res.pages[p], 170, 330)[0] == "说明");
      CHECK(joined(label) == "部门决策（续）");
      // The heading row is at the top of the page, above the continued rows.
      auto lines = test::page_lines(res.pages[p], 110, 170);
      CHECK(lines[0].y < kTop + kRow);
      mid.erase(mid.begin());
    }
    for (auto& s : mid) numbers += s + ",";
  }
  std::string expected;
  for (int i = 1; i <= n; ++i) expected += std::to_string(i) + ",";
  CHECK(numbers == expected);  // every row once, none lost
}

TEST_CASE("table sections: a continued label taller than its rows on the page makes them grow", "[layout][table][section]") {
  doc::Table t;
  t.column_widths = {30, 70, 160};  // x 70 … 100 … 170 … 330
  t.continued_mark = "（续）";
  t.closing_rows = 0;
  t.rows.push_back({{cell("部门名称", 2), cell("某局")}});
  // 320.5 − 2 × 18.5 leaves 15 rows on page 1: the 16th goes alone under the heading.
  doc::Row heading{{cell("部门决策", 1, 17), cell("指标"), cell("说明")}};
  heading.repeat = true;
  t.rows.push_back(heading);
  for (int i = 1; i <= 16; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[1], 100, 170) == std::vector<std::string>{"指标", "16"});
  auto label = page_texts(res.pages[1], 70, 100);
  CHECK(joined(label) == "部门决策（续）");
  // 22 pt inside the column: two characters a line, at least three lines, where the
  // heading and the row are 37 pt tall: the row grows to the label's height.
  REQUIRE(label.size() >= 3);
  const float bottom = kTop + static_cast<float>(label.size()) * 12.5f + 6;
  CHECK(test::rules_at_y(res.pages[1], bottom).size() == 1);
  CHECK(test::rules_at_y(res.pages[1], kTop + 2 * kRow).empty());  // the row grew past it
  auto under_heading = test::rules_at_y(res.pages[1], kTop + kRow);
  REQUIRE(under_heading.size() == 1);
  CHECK(under_heading[0].x1 == Approx(100));  // beside the label, not across it
}

TEST_CASE("table sections: without repeat rows a continued page has no heading row, and without a mark the label is as first drawn", "[layout][table][section]") {
  doc::Table t;
  t.column_widths = {40, 60, 160};
  t.rows.push_back({{cell("部门名称", 2), cell("某局")}});
  t.rows.push_back({{cell("部门决策", 1, 31), cell("指标"), cell("说明")}});
  for (int i = 1; i <= 30; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[1], 110, 170)[0] != "指标");
  CHECK(joined(page_texts(res.pages[1], 70, 110)) == "部门决策");
}

TEST_CASE("table closing rows: the final row never stands alone on a page", "[layout][table][keep]") {
  // Header and 16 rows fill page 1 exactly: a 17th row would go alone.
  doc::Table t = numbered(16);
  t.rows.push_back({{cell("填表人"), left("许某")}});
  SECTION("by default the row before goes with it") {
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[1], 70, 130) == std::vector<std::string>{"序号", "16", "填表人"});
  }
  SECTION("closing-rows 3 keeps the last three together") {
    t.closing_rows = 3;
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[1], 70, 130) == std::vector<std::string>{"序号", "15", "16", "填表人"});
  }
  SECTION("closing-rows 0: the old layout, the last row alone") {
    t.closing_rows = 0;
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[1], 70, 130) == std::vector<std::string>{"序号", "填表人"});
  }
}

TEST_CASE("table keep: a 合计 row kept with the previous row is never stranded", "[layout][table][keep]") {
  doc::Table t = numbered(10, false);
  t.closing_rows = 0;
  // A group too long to be kept whole: heading, six items, 合计 (8 × 18.5 = 148 pt).
  t.rows.push_back({{cell("资金来源", 1, 8), left("来源")}});
  for (int i = 1; i <= 6; ++i) t.rows.push_back({{left("项" + std::to_string(i))}});
  doc::Row total{{left("合计")}};
  SECTION("keep-with-previous") {
    total.keep_with_previous = true;
    t.rows.push_back(total);
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[1], 130, 330) == std::vector<std::string>{"项6", "合计"});
    CHECK(joined(page_texts(res.pages[1], 70, 130)) == "资金来源");  // the label again
  }
  SECTION("without it the row goes alone") {
    t.rows.push_back(total);
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[1], 130, 330) == std::vector<std::string>{"合计"});
  }
}

TEST_CASE("table keep: a short rowspan group moves to the next page whole", "[layout][table][keep]") {
  doc::Table t = numbered(14, false);
  t.closing_rows = 0;
  // 14 rows leave 61.5 pt: heading and two items fit, 合计 would not. The group, 74 pt,
  // is within a quarter of the page (80.1 pt).
  t.rows.push_back({{cell("资金来源", 1, 4), left("来源")}});
  t.rows.push_back({{left("甲")}});
  t.rows.push_back({{left("乙")}});
  t.rows.push_back({{left("合计")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0], 70, 130).back() == "14");
  CHECK(page_texts(res.pages[1], 130, 330) == std::vector<std::string>{"来源", "甲", "乙", "合计"});
}

TEST_CASE("table split: a split leaves at least three lines on each side, else the row moves", "[layout][table][split]") {
  SECTION("7 lines fit, 9 to place: 6 | 3") {
    doc::Table t = numbered(11);  // 18.5 + 11 × 18.5 leaves 98.5 pt: 7 lines
    t.rows.push_back({{cell("12"), left(numbered_lines(9))}});
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[0], 130, 330).back() == "行6");
    CHECK(page_texts(res.pages[1], 130, 330) == std::vector<std::string>{"内容", "行7", "行8", "行9"});
  }
  SECTION("2 lines fit: the row moves whole") {
    doc::Table t = numbered(14);  // 43 pt left: 2 lines
    t.rows.push_back({{cell("15"), left(numbered_lines(9))}});
    t.closing_rows = 0;
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[0], 70, 130).back() == "14");
    CHECK(page_texts(res.pages[1], 130, 330).size() == 1 + 9);
  }
  SECTION("min_split_lines 2: the old rule leaves two") {
    doc::Table t = numbered(11);
    t.min_split_lines = 2;
    t.rows.push_back({{cell("12"), left(numbered_lines(9))}});
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    CHECK(page_texts(res.pages[1], 130, 330) == std::vector<std::string>{"内容", "行8", "行9"});
  }
}

TEST_CASE("table keep: 20,000 rows all kept together, all heading sections, end in linear time", "[layout][table][keep][hostile]") {
  for (int variant = 0; variant < 3; ++variant) {
    doc::Table t = numbered(0);
    t.continued_mark = "（续）";
    for (int i = 0; i < 20000; ++i) {
      doc::Row r{{cell(i % 50 == 0 ? "组" : "", 1, i % 50 == 0 ? 50 : 1), left("行")}};
      if (i % 50 != 0) r.cells.erase(r.cells.begin());
      r.keep_with_previous = variant != 1;
      r.repeat = variant != 0 && i % 50 == 0;
      r.min_height = variant == 2 ? 0 : 10;
      t.rows.push_back(r);
    }
    if (variant == 2) t.padding_y = 0;
    INFO("variant " << variant);
    auto res = lay(t);
    CHECK(res.pages.size() > 100);
  }
}

TEST_CASE("table sections: a stacked label too tall for its part of the page is set across its column, whole", "[layout][table][section]") {
  doc::Table t;
  t.column_widths = {60, 60, 140};  // x 70 … 130 … 190 … 330
  t.continued_mark = "（续）";
  t.rows.push_back({{cell("类"), cell("名"), cell("值")}, true});
  for (int i = 1; i <= 14; ++i) t.rows.push_back({{cell(""), cell(std::to_string(i)), cell("短")}});
  // 43 pt left: rows 15 and 16 of the label's five; stacked, it would need 131.
  doc::Cell label = cell("年度主要任务完成情况", 1, 5);
  label.stacked = true;
  t.rows.push_back({{label, cell("15"), cell("短")}});
  for (int i = 16; i <= 19; ++i) t.rows.push_back({{cell(std::to_string(i)), cell("短")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0], 130, 190).back() == "16");
  auto first = page_texts(res.pages[0], 70, 130), second = page_texts(res.pages[1], 70, 130);
  // Page 1: 类, then the label across its column (52 pt: five characters a line), whole.
  REQUIRE(first.size() == 3);
  CHECK(joined(first, 1) == "年度主要任务完成情况");
  // Page 2: 类 and the label again, marked.
  CHECK(joined(second, 1) == "年度主要任务完成情况（续）");
  CHECK(second.size() < 1 + 13);  // not one character a line: it would not fit
}
