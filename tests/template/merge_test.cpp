// merge="down": equal neighbouring cells become one cell with a rowspan, hierarchically.
#include <catch2/catch.hpp>

#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {

// A table: label column spanning all rows, then level1, level2 (both merge="down"), name.
const char* kIndicatorTable = R"(
  <table widths="10 10 10 10">
    <for each="rows" as="r">
      <tr>
        <if test="r_index == 0"><td rowspan="{count(rows)}">指标</td></if>
        <td merge="down">{r.l1}</td>
        <td merge="down">{r.l2}</td>
        <td>{r.name}</td>
      </tr>
    </for>
  </table>)";

doc::Table indicator_table(const json& rows) {
  auto r = run(kIndicatorTable, {{"rows", rows}});
  INFO((r.sink.all().empty() ? "" : format(r.sink.all().front())));
  REQUIRE_FALSE(r.sink.has_errors());
  return table(r.doc, 0);
}

json row(const char* l1, const char* l2, const char* name) {
  return {{"l1", l1}, {"l2", l2}, {"name", name}};
}

std::vector<int> rowspans(const doc::Row& r) {
  std::vector<int> out;
  for (const auto& c : r.cells) out.push_back(c.rowspan);
  return out;
}

}  // namespace

TEST_CASE("merge=down joins equal cells of consecutive rows") {
  auto t = indicator_table(json::array({row("产出", "数量", "a"), row("产出", "数量", "b"),
                                        row("产出", "质量", "c"), row("效益", "社会", "d")}));
  CHECK(row_texts(t) ==
        std::vector<std::string>{"指标|产出|数量|a", "b", "质量|c", "效益|社会|d"});
  CHECK(rowspans(t.rows[0]) == std::vector<int>{4, 3, 2, 1});
  CHECK(rowspans(t.rows[1]) == std::vector<int>{1});
  CHECK(rowspans(t.rows[2]) == std::vector<int>{1, 1});
  CHECK(rowspans(t.rows[3]) == std::vector<int>{1, 1, 1});
}

TEST_CASE("merge=down is hierarchical: no merging across a different cell to the left") {
  auto t = indicator_table(json::array({row("产出", "数量", "a"), row("效益", "数量", "b"),
                                        row("效益", "数量", "c")}));
  // 数量 of row 2 does not join 数量 of row 1 (产出 ≠ 效益), but row 3 joins row 2.
  CHECK(row_texts(t) == std::vector<std::string>{"指标|产出|数量|a", "效益|数量|b", "c"});
  CHECK(rowspans(t.rows[0]) == std::vector<int>{3, 1, 1, 1});
  CHECK(rowspans(t.rows[1]) == std::vector<int>{2, 2, 1});
}

TEST_CASE("merge=down only joins neighbours, never across a different row") {
  auto t = indicator_table(json::array({row("A", "x", "1"), row("B", "x", "2"), row("A", "x", "3")}));
  CHECK(row_texts(t) == std::vector<std::string>{"指标|A|x|1", "B|x|2", "A|x|3"});
}

TEST_CASE("equal empty cells merge too") {
  auto t = indicator_table(json::array({row("", "", "1"), row("", "", "2")}));
  CHECK(row_texts(t) == std::vector<std::string>{"指标|||1", "2"});
  CHECK(rowspans(t.rows[0]) == std::vector<int>{2, 2, 2, 1});
}

TEST_CASE("merge=down needs both cells marked and the same colspan") {
  json view = {{"v", "同"}};
  auto r = run(R"(<table widths="10 10 10">
    <tr><td merge="down">{v}</td><td>a</td><td>b</td></tr>
    <tr><td>{v}</td><td>c</td><td>d</td></tr>
    <tr><td merge="down">{v}</td><td>e</td><td>f</td></tr>
    <tr><td merge="down" colspan="2">{v}</td><td>g</td></tr>
    <tr><td merge="down" colspan="2">{v}</td><td>h</td></tr>
  </table>)",
               view);
  REQUIRE_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  CHECK(row_texts(t) == std::vector<std::string>{"同|a|b", "同|c|d", "同|e|f", "同|g", "h"});
  CHECK(t.rows[3].cells[0].rowspan == 2);
  CHECK(t.rows[3].cells[0].colspan == 2);
}

TEST_CASE("merge=down finds columns past rowspans like HTML") {
  // Column 0 is covered by a rowspan in rows 2 and 3, so their first listed cell is column 1;
  // the middle column is merge=down, the last one is not.
  auto r = run(R"(<table widths="10 10 10">
    <tr><td rowspan="3">L</td><td merge="down">m</td><td merge="down">1</td></tr>
    <tr><td merge="down">m</td><td merge="down">2</td></tr>
    <tr><td merge="down">m</td><td merge="down">2</td></tr>
    <tr><td merge="down">m</td><td merge="down">m</td><td>3</td></tr>
  </table>)",
               json::object());
  REQUIRE_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  CHECK(row_texts(t) == std::vector<std::string>{"L|m|1", "2", "", "m|m|3"});
  CHECK(rowspans(t.rows[0]) == std::vector<int>{3, 3, 1});
  CHECK(rowspans(t.rows[1]) == std::vector<int>{2});
  // Row 4's first cell is in column 0 (the rowspan ended), so it does not join the m above
  // in column 1; its second cell (column 1) then may not merge either.
  CHECK(rowspans(t.rows[3]) == std::vector<int>{1, 1, 1});
}

TEST_CASE("merged cells keep the first cell's style and origin") {
  auto r = run(R"(<table widths="10">
    <tr><td merge="down" align="left">x</td></tr>
    <tr><td merge="down" align="right">x</td></tr>
  </table>)",
               json::object());
  const auto& t = table(r.doc, 0);
  REQUIRE(t.rows[0].cells.size() == 1);
  CHECK(t.rows[0].cells[0].align == doc::Align::Left);
  CHECK(t.rows[0].cells[0].origin.place == "2:9");
  CHECK(t.rows[1].cells.empty());
}
