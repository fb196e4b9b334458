// Automatic column widths (widths="auto", "MIN..MAX"): the distribution of what the fixed
// columns leave, as CSS's automatic table layout shares it, with exact numbers; then whole
// tables: what a column's text needs, header rows counted, spanning cells left out, a date
// kept on one line.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "layout/table.h"
#include "layout_fixture.h"

using namespace jixiao;
using layout::ColumnNeed;
using test::cell;

namespace {

constexpr double kOpen = 14400;  // no MAX

// Column 0 fixed at 100 pt, then one automatic column per bounds, in a table 300 pt wide.
doc::Table fixed_and_auto(std::vector<doc::AutoWidth> bounds, double width = 300) {
  doc::Table t;
  t.column_widths = {100};
  t.auto_widths = {std::nullopt};
  for (const auto& b : bounds) {
    t.column_widths.push_back(0);
    t.auto_widths.push_back(b);
  }
  t.width = width;
  return t;
}

std::vector<double> distribute(const doc::Table& t, std::vector<ColumnNeed> needs) {
  needs.insert(needs.begin(), ColumnNeed{});  // the fixed column's is not read
  return layout::distribute_widths(t, needs, 500);
}

using Widths = std::vector<double>;

bool near(const Widths& got, const Widths& want) {
  if (got.size() != want.size()) return false;
  for (std::size_t i = 0; i < got.size(); ++i)
    if (std::abs(got[i] - want[i]) > 1e-9) return false;
  return true;
}

}  // namespace

TEST_CASE("widths: room for every column's widest line: each gets it, the rest in proportion", "[layout][table][widths]") {
  // 200 left; max-content 40 + 60 = 100 fits, the other 100 goes 40 : 60.
  const auto w = distribute(fixed_and_auto({{}, {}}), {{20, 40}, {30, 60}});
  CHECK(near(w, {100, 80, 120}));
}

TEST_CASE("widths: room between min- and max-content: what each lacks of its widest line, in proportion", "[layout][table][widths]") {
  // 200 left; min-content 50 + 30 = 80, the other 120 goes 100 : 100 (max − min).
  const auto w = distribute(fixed_and_auto({{}, {}}), {{50, 150}, {30, 130}});
  CHECK(near(w, {100, 110, 90}));
  // Unequal lacks: 150 over 190 : 90.
  const auto u = distribute(fixed_and_auto({{}, {}}), {{20, 210}, {30, 120}});
  CHECK(near(u, {100, 20 + 150.0 * 190 / 280, 30 + 150.0 * 90 / 280}));
}

TEST_CASE("widths: less room than min-content: min-content scaled down", "[layout][table][widths]") {
  const auto w = distribute(fixed_and_auto({{}, {}}, 200), {{80, 200}, {120, 300}});
  CHECK(near(w, {100, 40, 60}));
  // No room at all (a hostile document: fixed columns wider than the table): none is given.
  const auto none = distribute(fixed_and_auto({{}, {}}, 50), {{80, 200}, {120, 300}});
  CHECK(near(none, {100, 0, 0}));
}

TEST_CASE("widths: empty columns share the room equally", "[layout][table][widths]") {
  CHECK(near(distribute(fixed_and_auto({{}, {}}), {{0, 0}, {0, 0}}), {100, 100, 100}));
}

TEST_CASE("widths: a MAX gives what it holds back to the other columns", "[layout][table][widths]") {
  // 80 : 120 unbounded; the first held at 50, the second takes the 150 left.
  const auto w = distribute(fixed_and_auto({{0, 50}, {0, kOpen}}), {{20, 40}, {30, 60}});
  CHECK(near(w, {100, 50, 150}));
}

TEST_CASE("widths: a MIN takes what it needs from the other columns", "[layout][table][widths]") {
  // 110 : 90 unbounded; the second held at 100, the first gets the 100 left (of 50 … 150).
  const auto w = distribute(fixed_and_auto({{0, kOpen}, {100, kOpen}}), {{50, 150}, {30, 130}});
  CHECK(near(w, {100, 100, 100}));
  // A MIN above what min-content scaling would give holds even when room is short.
  const auto s = distribute(fixed_and_auto({{0, kOpen}, {90, kOpen}}, 200), {{80, 200}, {120, 300}});
  CHECK(near(s, {100, 10, 90}));
}

TEST_CASE("widths: bounds on both sides at once", "[layout][table][widths]") {
  // Unbounded: 80, 120 and 0. Column 2 is 30 over its MAX, column 3 (empty) 30 under its
  // MIN: both are held, and column 1 takes the 80 left.
  const auto w = distribute(fixed_and_auto({{0, kOpen}, {0, 90}, {30, kOpen}}), {{20, 40}, {30, 60}, {0, 0}});
  CHECK(near(w, {100, 80, 90, 30}));
}

TEST_CASE("widths: a table with only fixed columns keeps them", "[layout][table][widths]") {
  doc::Table t;
  t.column_widths = {60, 200};
  CHECK(near(layout::distribute_widths(t, {{500, 500}, {500, 500}}, 500), {60, 200}));
  t.auto_widths = {std::nullopt, std::nullopt};
  t.width = 100;
  CHECK(near(layout::distribute_widths(t, {{500, 500}, {500, 500}}, 500), {60, 200}));
}

TEST_CASE("widths: the same needs give the same widths", "[layout][table][widths]") {
  const auto t = fixed_and_auto({{0, 70}, {}, {10, kOpen}, {}});
  const std::vector<ColumnNeed> needs{{20, 90}, {35, 35}, {5, 300}, {40, 41}};
  const auto first = distribute(t, needs);
  CHECK(std::accumulate(first.begin(), first.end(), 0.0) == Approx(300));
  for (int i = 0; i < 5; ++i) CHECK(distribute(t, needs) == first);
}

// --- Whole tables: 10 pt text, 5 pt padding on each side, in a 300 pt text width ---------

namespace {

doc::Table table_of(std::vector<std::optional<doc::AutoWidth>> columns) {
  doc::Table t;
  t.padding_x = 5;
  t.padding_y = 2;
  for (const auto& c : columns) t.column_widths.push_back(c ? 0 : 100);
  t.auto_widths = std::move(columns);
  return t;
}

layout::LayoutResult lay(const doc::Table& t) {
  doc::Document d;
  d.page = test::page_with_body(600, 400);
  d.blocks.push_back(t);
  DiagnosticSink sink;
  auto res = layout::lay_out(d, test::layout_fonts(), sink);
  CHECK_FALSE(sink.has_errors());
  return res;
}

// The x of the table's vertical rules on its first page, left to right.
std::vector<float> column_edges(const layout::LayoutResult& res) {
  std::vector<float> xs;
  for (const auto& r : res.pages.at(0).rules)
    if (std::abs(r.x1 - r.x2) < 0.01f &&
        std::none_of(xs.begin(), xs.end(), [&](float x) { return std::abs(x - r.x1) < 0.01f; }))
      xs.push_back(r.x1);
  std::sort(xs.begin(), xs.end());
  return xs;
}

std::vector<float> column_widths(const layout::LayoutResult& res) {
  const auto xs = column_edges(res);
  std::vector<float> w;
  for (std::size_t i = 1; i < xs.size(); ++i) w.push_back(xs[i] - xs[i - 1]);
  return w;
}

// 20 ideographs: running text, breakable anywhere.
const std::string kRunning = "一项二项三项四项五项六项七项八项九项十项";

}  // namespace

TEST_CASE("widths: a column needs its widest word and its widest line, padding included", "[layout][table][widths]") {
  doc::Table t = table_of({std::nullopt, doc::AutoWidth{}, doc::AutoWidth{}});
  // Column 2: a heading of six dictionary words (偏差|原因|分析|及|改进|措施): 2 ems at least,
  // though a short paragraph may break inside a word; 11 ems on one line.
  t.rows.push_back({{cell("序号"), cell(kRunning), cell("偏差原因分析及改进措施")}});
  const auto res = lay(t);
  // 200 left; min 20 + 30, max 210 + 120: the 150 beyond min-content goes 190 : 90.
  const auto w = column_widths(res);
  REQUIRE(w.size() == 3);
  CHECK(w[0] == Approx(100));
  CHECK(w[1] == Approx(20 + 150.0 * 190 / 280));
  CHECK(w[2] == Approx(30 + 150.0 * 90 / 280));
}

TEST_CASE("widths: header rows count, cells spanning columns do not", "[layout][table][widths]") {
  doc::Table t = table_of({std::nullopt, doc::AutoWidth{}, doc::AutoWidth{}});
  doc::Row header{{cell("序号"), cell("一"), cell("（万元）")}, true};
  t.rows.push_back(header);
  t.rows.push_back({{cell("1"), cell("二"), cell("三")}});
  const auto before = column_widths(lay(t));
  // The bracketed group stays whole: 4 ems + padding, and max-content the same.
  // 200 left, max 20 + 50 fits: 70 spread 20 : 50 → 57.14 and 142.86.
  REQUIRE(before.size() == 3);
  CHECK(before[1] == Approx(20 + 130.0 * 20 / 70));
  CHECK(before[2] == Approx(50 + 130.0 * 50 / 70));
  t.rows.push_back({{cell("2"), cell(kRunning + kRunning, 2)}});
  CHECK(column_widths(lay(t)) == before);
}

TEST_CASE("widths: a date in an automatic column stays on one line", "[layout][table][widths]") {
  // 实际完成值 beside a long 偏差原因 in 200 pt: fixed halves would split the date.
  doc::Table t = table_of({std::nullopt, doc::AutoWidth{}, doc::AutoWidth{}});
  t.rows.push_back({{cell("三级指标"), cell("实际完成值"), cell("偏差原因分析及改进措施")}, true});
  t.rows.push_back({{cell("完成时间"), cell("2021年11月25日"), cell(kRunning + kRunning + kRunning)}});
  const auto res = lay(t);
  const auto xs = column_edges(res);
  REQUIRE(xs.size() == 4);
  const auto date_column = test::page_texts(res.pages[0], xs[1], xs[2]);
  CHECK(std::find(date_column.begin(), date_column.end(), "2021年11月25日") != date_column.end());
  // A MAX narrower than the date wins: the date is cut where dates are cut.
  t.auto_widths[1] = doc::AutoWidth{0, 45};
  const auto bounded = lay(t);
  const auto bx = column_edges(bounded);
  REQUIRE(bx.size() == 4);
  CHECK(bx[2] - bx[1] == Approx(45));
  const auto cut = test::page_texts(bounded.pages[0], bx[1], bx[2]);
  CHECK(std::find(cut.begin(), cut.end(), "2021年11月25日") == cut.end());
}

TEST_CASE("widths: bounds no template gives (0..0, MIN above MAX) still lay out", "[layout][table][widths]") {
  doc::Table t = table_of({doc::AutoWidth{0, 0}, doc::AutoWidth{80, 20}});
  t.rows.push_back({{cell("甲乙丙"), cell("丁")}});
  doc::Document d;
  d.page = test::page_with_body(600, 400);
  d.blocks.push_back(t);
  DiagnosticSink sink;
  const auto res = layout::lay_out(d, test::layout_fonts(), sink);
  REQUIRE(res.pages.size() == 1);
  // The empty column takes no room; the other is held at its MIN (the table is narrower).
  const auto w = column_widths(res);
  REQUIRE(w.size() == 1);
  CHECK(w[0] == Approx(80));
}
