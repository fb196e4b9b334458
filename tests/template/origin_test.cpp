// Origins of cells and paragraphs: the JSON pointer of the data a text shows (the preview's
// page → data links). One value: its pointer; several: what they share below the element of
// the innermost <for>; none (a literal cell of a repeated row): that element.
#include <catch2/catch.hpp>

#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {

const json kView = {{"name", "部门"},
                    {"items", {{{"a", "x"}, {"b", 1}}, {{"a", "y"}, {"b", 2}}, {{"a", "z"}, {"b", 3}}}}};

const char* kTable = R"(<table widths="20mm 20mm 20mm 20mm">
<tr><td>名称</td><td>单位：{name}</td><td colspan="2">{name}</td></tr>
<for each="items" as="it"><tr><td>第{it_index}项</td><td>{it.a}（{it.b}）</td><td>{it.a}/{name}</td><td>{it.b | fixed:1}</td></tr></for>
</table>)";

}  // namespace

TEST_CASE("origins: the data pointer of each cell, also in repeated rows") {
  auto r = run(kTable, kView);
  REQUIRE_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  REQUIRE(t.rows.size() == 4);
  CHECK(t.rows[0].cells[0].origin.data.empty());  // a literal outside any <for>
  CHECK(t.rows[0].cells[1].origin.data == "/name");  // literal text around one value
  CHECK(t.rows[0].cells[2].origin.data == "/name");
  const auto& row = t.rows[3];  // the third item
  CHECK(row.cells[0].text == "第2项");
  CHECK(row.cells[0].origin.data == "/items/2");  // the index is no data: the row's element
  CHECK(row.cells[1].origin.data == "/items/2");  // two members of the element
  CHECK(row.cells[2].origin.data == "/items/2");  // reads outside the element: the element
  CHECK(row.cells[3].origin.data == "/items/2/b");
  for (const auto& cell : row.cells) {
    CHECK(cell.origin.file == r.path);
    CHECK(cell.origin.place.rfind("3:", 0) == 0);  // the <td> of the template's line 3
  }
}

TEST_CASE("origins: paragraphs of a <for> over strings point to each string") {
  auto r = run(R"(<for each="items" as="it"><p>{it.a}</p><p>—</p></for>)", kView);
  REQUIRE_FALSE(r.sink.has_errors());
  CHECK(paragraph(r.doc, 2).origin.data == "/items/1/a");
  CHECK(paragraph(r.doc, 3).origin.data == "/items/1");
}
