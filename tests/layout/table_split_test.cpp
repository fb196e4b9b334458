// Tables across pages: rows split inside their cells between lines, header rows repeated,
// borders closed at every break, rowspan labels, stacked cells. Numbers: cells of 10 pt at a
// pitch of 12.5 pt with 2 pt padding above and below, so a row of n lines is 12.5 n + 4 tall;
// a page body of 320.5 pt holds a one-line header row (16.5) and a row of 24 lines (304).
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

#include "layout_fixture.h"

using namespace jixiao;
using jixiao::test::cell;
using jixiao::test::numbered_lines;
using jixiao::test::page_texts;

namespace {

constexpr float kTop = 50, kFoot = 370.5f;  // body of page_with_body(320.5)
constexpr float kAscent = 1.25f + 8.8f;     // (12.5 − 10) / 2 + 0.88 em

// The rules these cases were written for, unchanged under them: 2 pt/2.5 pt padding, splits
// leaving two lines, no closing rows (table_pagination_test.cpp has today's defaults).
doc::Table legacy() {
  doc::Table t;
  t.padding_x = 2.5;
  t.padding_y = 2;
  t.min_split_lines = 2;
  t.closing_rows = 0;
  return t;
}

// Columns 60 + 200 centred in the 300 pt body: x 70 … 130 … 330.
doc::Table two_columns() {
  doc::Table t = legacy();
  t.column_widths = {60, 200};
  t.rows.push_back({{cell("序号"), cell("内容")}, true});
  return t;
}

doc::Cell left(const std::string& text) {
  doc::Cell c = cell(text);
  c.align = doc::Align::Left;
  return c;
}

layout::LayoutResult lay(const doc::Table& t, std::vector<doc::Block> before = {},
                         DiagnosticSink* diagnostics = nullptr) {
  doc::Document d;
  d.page = test::page_with_body(320.5f);
  d.blocks = std::move(before);
  d.blocks.push_back(t);
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), diagnostics ? *diagnostics : sink);
  if (!diagnostics) CHECK(sink.all().empty());
  return res;
}

std::vector<std::string> column(const layout::Page& p, float x0, float x1) {
  return page_texts(p, x0, x1);
}

std::string join(const std::vector<std::string>& lines, std::size_t from = 0) {
  std::string s;
  for (std::size_t i = from; i < lines.size(); ++i) s += (i > from ? "\n" : "") + lines[i];
  return s;
}

// No two rules of a page overlap: every stretch of border is drawn once.
void check_drawn_once(const layout::Page& p) {
  for (std::size_t i = 0; i < p.rules.size(); ++i)
    for (std::size_t j = i + 1; j < p.rules.size(); ++j) {
      const auto &a = p.rules[i], &b = p.rules[j];
      const bool ha = a.y1 == a.y2, hb = b.y1 == b.y2;
      if (ha != hb) continue;
      if (ha && std::abs(a.y1 - b.y1) < 0.01f) CHECK((a.x2 <= b.x1 + 0.01f || b.x2 <= a.x1 + 0.01f));
      if (!ha && std::abs(a.x1 - b.x1) < 0.01f) CHECK((a.y2 <= b.y1 + 0.01f || b.y2 <= a.y1 + 0.01f));
    }
}

}  // namespace

TEST_CASE("table split: a 40-line cell where 24 fit splits 24 | 16 under the repeated header", "[layout][table][split]") {
  doc::Table t = two_columns();
  const std::string text = numbered_lines(40);
  t.rows.push_back({{cell("1"), left(text)}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  auto c2p1 = column(res.pages[0], 130, 330), c2p2 = column(res.pages[1], 130, 330);
  REQUIRE(c2p1.size() == 1 + 24);
  REQUIRE(c2p2.size() == 1 + 16);
  CHECK(c2p1[0] == "内容");
  CHECK(c2p2[0] == "内容");  // the header again
  CHECK(c2p1[24] == "行24");
  CHECK(c2p2[1] == "行25");
  CHECK(join(c2p1, 1) + "\n" + join(c2p2, 1) == text);  // nothing lost, nothing twice
  CHECK(column(res.pages[0], 70, 130) == std::vector<std::string>{"序号", "1"});
  CHECK(column(res.pages[1], 70, 130) == std::vector<std::string>{"序号"});

  // Borders: closed at the page foot on page 1, the row's top rule under the repeated
  // header on page 2, and the table's bottom after the 16 lines.
  auto foot = test::rules_at_y(res.pages[0], kFoot);
  REQUIRE(foot.size() == 1);
  CHECK(foot[0].x1 == Approx(70));
  CHECK(foot[0].x2 == Approx(330));
  CHECK(test::rules_at_y(res.pages[1], kTop + 16.5f).size() == 1);
  CHECK(test::rules_at_y(res.pages[1], kTop + 16.5f + 4 + 16 * 12.5f).size() == 1);
  for (auto& p : res.pages) check_drawn_once(p);

  // The split cell flows from the top of each piece; "1", whole in the first piece, stays
  // centred in it: (304 − 4 − 12.5) / 2 below the padding.
  auto lines = test::page_lines(res.pages[0], 130, 330);
  CHECK(lines[1].y == Approx(kTop + 16.5f + 2 + kAscent));
  CHECK(test::page_lines(res.pages[1], 130, 330)[1].y == Approx(kTop + 16.5f + 2 + kAscent));
  CHECK(test::page_lines(res.pages[0], 70, 130)[1].y == Approx(kTop + 16.5f + 2 + 143.75f + kAscent));
}

TEST_CASE("table split: a row that would leave one line at the page foot moves whole", "[layout][table][split]") {
  doc::Table t = two_columns();
  for (int i = 1; i <= 17; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  // 304 − 17 × 16.5 = 23.5 pt left: one line of the next row would fit.
  t.rows.push_back({{cell("18"), left(numbered_lines(10))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(column(res.pages[0], 70, 130).back() == "17");
  CHECK(column(res.pages[1], 70, 130) == std::vector<std::string>{"序号", "18"});
  CHECK(join(column(res.pages[1], 130, 330), 1) == numbered_lines(10));
  // The page foot has the bottom rule of row 17, not of a split row.
  CHECK(test::rules_at_y(res.pages[0], kTop + 16.5f + 17 * 16.5f).size() == 1);
  CHECK(test::rules_at_y(res.pages[0], kFoot).empty());
}

TEST_CASE("table split: a split carries at least two lines of the tallest cell over", "[layout][table][split]") {
  doc::Table t = two_columns();
  for (int i = 1; i <= 11; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  // 304 − 11 × 16.5 = 122.5 pt left: 9 lines of 10 fit, but then one would go alone.
  t.rows.push_back({{cell("12"), left(numbered_lines(10))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  auto p1 = column(res.pages[0], 130, 330), p2 = column(res.pages[1], 130, 330);
  CHECK(p1.back() == "行8");
  CHECK(p2 == std::vector<std::string>{"内容", "行9", "行10"});
}

// Columns 60 + 100 + 100: x 70 … 130 … 230 … 330.
doc::Table three_columns() {
  doc::Table t = legacy();
  t.column_widths = {60, 100, 100};
  t.rows.push_back({{cell("序号"), cell("说明"), cell("标准")}, true});
  return t;
}

TEST_CASE("table split: every cell a split cuts keeps min_split lines on each side, not only the tallest", "[layout][table][split]") {
  doc::Table t = three_columns();
  for (int i = 1; i <= 11; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短"), left("短")}});
  // 122.5 pt left: 9 lines fit. The tallest cell (20 lines) could split 9 | 11, but the
  // 10-line cell beside it would leave its last line alone on the next page: 8 | 2 instead.
  t.rows.push_back({{cell("12"), left(numbered_lines(10, "说")), left(numbered_lines(20, "标"))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  auto b1 = column(res.pages[0], 130, 230), b2 = column(res.pages[1], 130, 230);
  CHECK(b1.back() == "说8");
  CHECK(b2 == std::vector<std::string>{"说明", "说9", "说10"});
  auto c1 = column(res.pages[0], 230, 330);
  CHECK(c1.back() == "标8");
}

TEST_CASE("table split: a row no split cuts cleanly moves whole", "[layout][table][split]") {
  doc::Table t = three_columns();
  for (int i = 1; i <= 16; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短"), left("短")}});
  // 304 − 16 × 16.5 = 40 pt left: 2 lines. The 5-line cell could split 2 | 3, but the
  // 3-line one beside it would leave one line alone: the row goes to the next page whole.
  t.rows.push_back({{cell("17"), left(numbered_lines(3, "说")), left(numbered_lines(5, "标"))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(column(res.pages[0], 70, 130).back() == "16");
  CHECK(column(res.pages[1], 130, 230) == std::vector<std::string>{"说明", "说1", "说2", "说3"});
  CHECK(column(res.pages[1], 230, 330).size() == 1 + 5);
}

TEST_CASE("table split: a row of at most a quarter of the page moves whole instead of splitting", "[layout][table][split]") {
  doc::Table t = two_columns();
  for (int i = 1; i <= 14; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  // 304 − 14 × 16.5 = 73 pt left: 5 lines of 6 fit, and a split could leave 3 | 3; but the
  // row (79 pt) needs less than a quarter of the 320.5 pt page: it goes on whole.
  t.rows.push_back({{cell("15"), left(numbered_lines(6))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(column(res.pages[0], 70, 130).back() == "14");
  CHECK(join(column(res.pages[1], 130, 330), 1) == numbered_lines(6));
}

TEST_CASE("table split: a split row shows its short labels again, marked, numbers not", "[layout][table][split]") {
  doc::Table t = three_columns();
  t.continued_mark = "（续）";
  for (int i = 1; i <= 11; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短"), left("短")}});
  // 9 lines fit: the 20-line cell splits 9 | 11; 资金使用 and 12 were drawn whole on page 1.
  t.rows.push_back({{cell("12"), cell("资金使用"), left(numbered_lines(20, "标"))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(column(res.pages[1], 130, 230) == std::vector<std::string>{"说明", "资金使用（续）"});
  CHECK(column(res.pages[1], 70, 130) == std::vector<std::string>{"序号"});
  // The mark is page furniture: the structure has the label once.
  for (const auto& run : res.pages[1].runs)
    if (test::utf8(run.text).find("资金") != std::string::npos) CHECK(run.tag == layout::kArtifact);
}

TEST_CASE("table split: text continuing on the next page is drawn last on its page", "[layout][table][split]") {
  // Text extraction in content order (pdftotext -raw, copy and paste) then joins a split
  // cell's two parts, as it joins a paragraph running over a page break; cells that end on
  // the page come before it, in the table's order.
  doc::Table t = three_columns();
  for (int i = 1; i <= 11; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短"), left("短")}});
  t.rows.push_back({{cell("12"), left(numbered_lines(20, "说")), left("分")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  const auto& runs = res.pages[0].runs;
  std::vector<std::string> order;
  for (const auto& run : runs) order.push_back(test::utf8(run.text));
  auto at = [&](const std::string& s) {
    return std::find(order.begin(), order.end(), s) - order.begin();
  };
  INFO(join(order));
  // Runs change at a change of font: "说" and "1" are two.
  REQUIRE(at("说") < static_cast<long>(order.size()));
  CHECK(at("12") < at("说"));
  CHECK(at("分") < at("说"));
  REQUIRE(order.size() >= 2);
  CHECK(order[order.size() - 2] + order.back() == "说9");
  // The next page starts with the rest of the cell (after the repeated header row).
  std::string next;
  for (const auto& run : res.pages[1].runs)
    if (run.tag != layout::kArtifact) next += test::utf8(run.text);
  CHECK(next.rfind("说10", 0) == 0);
}

TEST_CASE("table split: a row taller than a page runs over three pages", "[layout][table][split]") {
  doc::Table t = two_columns();
  const std::string text = numbered_lines(60);
  t.rows.push_back({{cell("1"), left(text)}});
  t.rows.push_back({{cell("2"), left("末行")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 3);
  std::vector<std::string> all;
  for (auto& p : res.pages) {
    auto c = column(p, 130, 330);
    CHECK(c[0] == "内容");
    all.insert(all.end(), c.begin() + 1, c.end());
  }
  REQUIRE(all.size() == 61);
  CHECK(column(res.pages[0], 130, 330).size() == 1 + 24);
  CHECK(column(res.pages[1], 130, 330).size() == 1 + 24);
  CHECK(all.back() == "末行");
  all.pop_back();
  CHECK(join(all) == text);
  for (auto& p : res.pages) check_drawn_once(p);
}

TEST_CASE("table split: a rowspan label is centred where its span starts and shown again after the break", "[layout][table][split]") {
  doc::Table t = legacy();
  t.column_widths = {40, 60, 160};  // x 70 … 110 … 170 … 330
  t.rows.push_back({{cell("一级"), cell("三级"), cell("标准")}, true});
  t.rows.push_back({{cell("部门决策", 1, 3), cell("甲"), left(numbered_lines(8))}});
  t.rows.push_back({{cell("乙"), left(numbered_lines(8))}});
  // Two rows of 104 pt leave 96: 7 lines of the third row's 10 stay, 3 go.
  t.rows.push_back({{cell("丙"), left(numbered_lines(10))}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  auto label1 = test::page_lines(res.pages[0], 70, 110);
  auto label2 = test::page_lines(res.pages[1], 70, 110);
  // 部门决策 in 35 pt: two lines (部门决 | 策, or balanced 部门 | 决策).
  REQUIRE(label1.size() == 3);
  REQUIRE(label2.size() == 3);
  CHECK(label1[1].text + label1[2].text == "部门决策");
  CHECK(label2[1].text + label2[2].text == "部门决策");
  // Page 1: the span's piece runs from 66.5 to 66.5 + 208 + 4 + 87.5; the label is centred in it.
  const float piece1 = 208 + 4 + 87.5f;
  CHECK(label1[1].y == Approx(kTop + 16.5f + 2 + (piece1 - 4 - 25) / 2 + kAscent));
  // Page 2: the piece is the rest of the third row, 4 + 3 × 12.5 = 41.5 pt.
  CHECK(label2[1].y == Approx(kTop + 16.5f + 2 + (41.5f - 4 - 25) / 2 + kAscent));
  CHECK(column(res.pages[1], 170, 330) == std::vector<std::string>{"标准", "行8", "行9", "行10"});
  // 丙 ended in the first piece: it is not repeated.
  CHECK(column(res.pages[1], 110, 170) == std::vector<std::string>{"三级"});
  for (auto& p : res.pages) check_drawn_once(p);
}

TEST_CASE("table split: the continued mark takes the label's own bracket style", "[layout][table][split]") {
  for (const bool half : {true, false}) {
    doc::Table t = legacy();
    t.continued_mark = "（续）";
    t.column_widths = {80, 40, 140};  // x 70 … 150 … 190 … 330
    t.rows.push_back({{cell("一级"), cell("三级"), cell("标准")}, true});
    t.rows.push_back({{cell(half ? "决策\n(20分)" : "决策\n（20分）", 1, 3), cell("甲"), left(numbered_lines(8))}});
    t.rows.push_back({{cell("乙"), left(numbered_lines(8))}});
    t.rows.push_back({{cell("丙"), left(numbered_lines(10))}});
    auto res = lay(t);
    REQUIRE(res.pages.size() == 2);
    auto label = column(res.pages[1], 70, 150);
    REQUIRE(label.size() >= 2);
    CHECK(label[1] == (half ? "决策(续)" : "决策（续）"));
  }
}

TEST_CASE("table split: a stacked label taller than its first piece continues on the next page", "[layout][table][split]") {
  doc::Table t = legacy();
  t.column_widths = {20, 60, 180};  // x 70 … 90 … 150 … 330
  t.rows.push_back({{cell("类"), cell("名"), cell("值")}, true});
  for (int i = 1; i <= 14; ++i) t.rows.push_back({{cell("", 1), cell(std::to_string(i)), cell("短")}});
  doc::Cell label = cell("年度主要任务完成情况", 1, 2);
  label.stacked = true;
  t.rows.push_back({{label, cell("15"), cell("短")}});
  t.rows.push_back({{cell("16"), cell("短")}});
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  auto p1 = page_texts(res.pages[0], 70, 90), p2 = page_texts(res.pages[1], 70, 90);
  // 304 − 15 × 16.5 = 56.5 pt left below row 15's top… the label needs 129: 5 | 5 lines.
  std::string chars;
  for (std::size_t i = 1; i < p1.size(); ++i) chars += p1[i];
  for (std::size_t i = 1; i < p2.size(); ++i) chars += p2[i];
  CHECK(chars == "年度主要任务完成情况");
  CHECK(p1.size() > 2);
  CHECK(p2.size() > 2);
  CHECK(page_texts(res.pages[0], 90, 150).back() == "16");  // the rows themselves fit
}

TEST_CASE("table: a stacked cell sets one character a line, centred in its column", "[layout][table]") {
  doc::Table t = legacy();
  t.column_widths = {20, 100};
  doc::Cell label = cell("年度 主要任务");
  label.stacked = true;
  t.rows.push_back({{label, cell("基本支出")}});
  auto res = lay(t);
  const float x0 = 50 + (300 - 120) / 2.0f;
  auto lines = test::page_lines(res.pages[0], x0, x0 + 20);  // the left column only
  REQUIRE(lines.size() == 6);                                // the space is dropped
  for (auto& l : lines) {
    CHECK(l.x == Approx(x0 + 5));  // (20 − 10) / 2
    CHECK(l.text.size() == 3);      // one ideograph
  }
  CHECK(lines[0].text == "年");
  CHECK(lines[5].text == "务");
  // The row is as tall as the six lines: 6 × 12.5 + 4.
  CHECK(test::rules_at_y(res.pages[0], kTop + 79).size() == 1);
}

TEST_CASE("table split: a row kept short by its minimum height moves instead of splitting", "[layout][table][split]") {
  doc::Table t = two_columns();
  for (int i = 1; i <= 10; ++i) t.rows.push_back({{cell(std::to_string(i)), left("短")}});
  doc::Row tall{{cell("11"), left("签字盖章")}};
  tall.min_height = 200;  // 304 − 165 = 139 left
  t.rows.push_back(tall);
  auto res = lay(t);
  REQUIRE(res.pages.size() == 2);
  CHECK(column(res.pages[1], 70, 130) == std::vector<std::string>{"序号", "11"});
  CHECK(test::rules_at_y(res.pages[1], kTop + 16.5f + 200).size() == 1);
}

TEST_CASE("table split: after a paragraph, the table moves whole when its first row cannot start", "[layout][table][split]") {
  doc::Table t = two_columns();
  t.rows.push_back({{cell("1"), left(numbered_lines(10))}});
  // 20 lines of 15 pt leave 20.5 pt: the header (16.5) fits, two lines of the row do not.
  doc::Paragraph p = test::para(numbered_lines(20, "甲"));
  auto res = lay(t, {p});
  REQUIRE(res.pages.size() == 2);
  CHECK(page_texts(res.pages[0]).size() == 20);
  CHECK(column(res.pages[1], 130, 330).size() == 11);
  CHECK(res.pages[0].rules.empty());  // no orphaned header at the foot of page 1
}
