// Every kind of template error, with its exact file:line:col and wording.
#include <catch2/catch.hpp>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {

// Loads text that must fail; returns the only error, formatted, with the path replaced by "T".
std::string load_error(const std::string& text) {
  auto l = load_text(text);
  CHECK_FALSE(l.tmpl);
  std::string e = only_error(l.sink);
  REQUIRE(e.compare(0, l.path.size(), l.path) == 0);
  return "T" + e.substr(l.path.size());
}

// Loads text that must load, instantiates it with view; returns the only error as above.
std::string instantiate_error(const std::string& text, const json& view) {
  auto l = load_text(text);
  INFO((l.sink.all().empty() ? "" : format(l.sink.all().front())));
  REQUIRE(l.tmpl);
  DiagnosticSink sink;
  l.tmpl->instantiate(view, sink);
  std::string e = only_error(sink);
  REQUIRE(e.compare(0, l.path.size(), l.path) == 0);
  return "T" + e.substr(l.path.size());
}

std::string in_form(const std::string& lines) {
  return "<form id=\"f\" rules=\"r\">\n" + lines + "\n</form>\n";
}

const json kProjects = {{"projects", {{{"name", "甲"}, {"amount", 1}}, {{"name", "乙"}, {"amount", 2}}}}};

}  // namespace

TEST_CASE("malformed XML: mismatched end tag names the expected one") {
  CHECK(load_error(in_form("  <p>文字</td>")) ==
        "T:2:8: error: malformed XML: end tag </td> does not match <p> opened at 2:3; "
        "expected </p>, got </td>");
  CHECK(load_error(in_form("  <table widths=\"10\">\n    <tr><td>x</td></tr>")) ==
        "T:4:1: error: malformed XML: end tag </form> does not match <table> opened at 2:3; "
        "expected </table>, got </form>");
  auto l = load_text("<form id=\"f\" rules=\"r\">\n  <p>x</p>\n");
  CHECK(l.sink.all().at(0).code == "template.xml");
}

TEST_CASE("malformed XML: element not closed before the end of the file") {
  CHECK(load_error("<form id=\"f\" rules=\"r\">\n  <p>x</p>\n") ==
        "T:1:1: error: malformed XML: <form> is not closed before the end of the file; "
        "expected </form>, got end of file");
  CHECK(load_error("<form id=\"f\" rules=\"r\">\n<table widths=\"1\"><tr><td>x</td>") ==
        "T:2:19: error: malformed XML: <tr> is not closed before the end of the file; "
        "expected </tr>, got end of file");
}

TEST_CASE("malformed XML: other errors carry pugixml's description") {
  CHECK(load_error("<form id=\"f\" rules=r>\n</form>") ==
        "T:1:20: error: malformed XML: Error parsing element attribute; expected "
        "name=\"value\" attributes and '>' or '/>', got 'r>'");
  CHECK(load_error("") ==
        "T:1:1: error: malformed XML: No document element found; expected a <form> element, "
        "got end of file");
  CHECK(load_error("<form id=\"f\" rules=\"r\"/>\n<form id=\"g\" rules=\"r\"/>") ==
        "T:2:1: error: more than one top-level element; expected a single <form> element, got "
        "<form>");
}

TEST_CASE("unknown elements and misplaced text") {
  CHECK(load_error("<table widths=\"1\"/>") ==
        "T:1:1: error: the template's root element must be <form>; expected <form>, got <table>");
  CHECK(load_error(in_form("  <para>x</para>")) ==
        "T:2:3: error: unknown element <para> in <form>; expected one of: <p>, <h>, <table>, "
        "<page-break>, <for>, <if>, <else>, <header>, <footer>, got <para>");
  CHECK(load_error(in_form("  <for each=\"x\" as=\"y\"><para/></for>")) ==
        "T:2:24: error: unknown element <para> in <for>; expected one of: <p>, <h>, <table>, "
        "<page-break>, <for>, <if>, <else>, got <para>");
  CHECK(load_error(in_form("  <table widths=\"1\">\n    <td>x</td>\n  </table>")) ==
        "T:3:5: error: unknown element <td> in <table>; expected one of: <tr>, <for>, <if>, "
        "<else>, got <td>");
  CHECK(load_error(in_form("  <table widths=\"1\"><tr><th>x</th></tr></table>")) ==
        "T:2:25: error: unknown element <th> in <tr>; expected one of: <td>, <for>, <if>, "
        "<else>, got <th>");
  CHECK(load_error(in_form("  <p>加<b>粗</b></p>")) ==
        "T:2:7: error: unknown element <b> in <p>; expected text, {…} bindings and <br/>, got <b>");
  CHECK(load_error(in_form("  <table widths=\"10\">\n    标题\n    <tr><td>x</td></tr>\n  </table>")) ==
        "T:3:5: error: text is not allowed directly in <table>; expected one of: <tr>, <for>, "
        "<if>, <else>, got text '标题'");
  CHECK(load_error(in_form("  <p>x</p><else/>")) ==
        "T:2:11: error: <else> must directly follow an <if> element; expected <if "
        "test=\"…\">…</if><else>…</else>, got <else>");
  CHECK(load_error(in_form("  <if test=\"1\"><p>x</p></if><p>y</p><else/>")) ==
        "T:2:37: error: <else> must directly follow an <if> element; expected <if "
        "test=\"…\">…</if><else>…</else>, got <else>");
  CHECK(load_error(in_form("  <page-break>x</page-break>")) ==
        "T:2:15: error: <page-break> must be empty; expected <page-break/>, got text 'x'");
}

TEST_CASE("unknown, repeated and missing attributes") {
  CHECK(load_error(in_form("  <p colour=\"red\">x</p>")) ==
        "T:2:6: error: unknown attribute 'colour' on <p>; expected one of: align, font, size, "
        "bold, indent, space-before, space-after, line-height, keep-with-next, orphans, widows, "
        "outline, got 'colour'");
  CHECK(load_error(in_form("  <p align=\"left\" align=\"right\">x</p>")) ==
        "T:2:19: error: attribute 'align' given twice on <p>; expected each attribute once, got "
        "'align'");
  CHECK(load_error("<form rules=\"r\"/>") ==
        "T:1:1: error: <form> needs the attribute 'id'; expected "
        "id=\"shenzhen-project-selfeval-2021\", got no id");
  CHECK(load_error(in_form("  <for as=\"p\"><p>x</p></for>")) ==
        "T:2:3: error: <for> needs the attribute 'each'; expected each=\"p.indicators\", got no each");
  CHECK(load_error(in_form("  <table><tr><td>x</td></tr></table>")) ==
        "T:2:3: error: <table> needs the attribute 'widths'; expected widths=\"14mm 16mm 18mm\", "
        "got no widths");
  CHECK(load_error(in_form("  <p>a<br clear=\"all\"/></p>")) ==
        "T:2:11: error: unknown attribute 'clear' on <br>; expected no attributes, got 'clear'");
}

TEST_CASE("bad attribute values point at the value") {
  CHECK(load_error(in_form("  <p font=\"size=9\" size=\"大\">x</p>")) ==
        "T:2:26: error: bad value for 'size' on <p>; expected points from 1 to 200 (9, 10.5pt) "
        "or a size name: "
        "初号 小初 一号 小一 二号 小二 三号 小三 四号 小四 五号 小五 六号 小六 七号 八号, got '大'");
  CHECK(load_error(in_form("  <p align=\"middle\">x</p>")) ==
        "T:2:13: error: bad value for 'align' on <p>; expected one of: left, center, right, "
        "justify, got 'middle'");
  CHECK(load_error(in_form("  <p bold=\"yes\">x</p>")) ==
        "T:2:12: error: bad value for 'bold' on <p>; expected one of: false, true, got 'yes'");
  CHECK(load_error(in_form("  <p indent=\"2 em\">x</p>")) ==
        "T:2:14: error: bad value for 'indent' on <p>; expected a length from 0 to 180mm (the "
        "text width of the page): 12mm, 1.5cm, 10pt, 2em or a number of points, got '2 em'");
  CHECK(load_error(in_form("  <p line-height=\"0\">x</p>")) ==
        "T:2:19: error: bad value for 'line-height' on <p>; expected a number from 0.5 to 5 (1.25), "
        "got '0'");
  CHECK(load_error(in_form("  <table widths=\"14mm abc\"/>")) ==
        "T:2:23: error: bad value for 'widths' on <table>; expected one entry per column: a length "
        "more than 0 (14mm), auto, or MIN..MAX with either side left out (18mm..30mm, 18mm.., "
        "..30mm); each length at most 180mm (the text width of the page), got 'abc'");
  CHECK(load_error("<form id=\"f\" rules=\"r\" margin=\"1 2 3\"/>") ==
        "T:1:32: error: bad value for 'margin' on <form>; expected 1, 2 or 4 lengths: all, "
        "top/bottom left/right, or top right bottom left (20mm 15mm), each at most 210mm, got '1 2 3'");
  CHECK(load_error("<form id=\"f\" rules=\"r\" page=\"A9\"/>") ==
        "T:1:30: error: bad value for 'page' on <form>; expected A3, A4, A5, B5, Letter or "
        "\"WIDTH HEIGHT\" (210mm 297mm), each side from 25.4mm to 5080mm, got 'A9'");
  CHECK(load_error("<form id=\"f\" rules=\"r\" orientation=\"sideways\"/>") ==
        "T:1:37: error: bad value for 'orientation' on <form>; expected one of: portrait, "
        "landscape, got 'sideways'");
  CHECK(load_error(in_form("  <table widths=\"1\"><tr><td colspan=\"0\">x</td></tr></table>")) ==
        "T:2:38: error: bad value for 'colspan' on <td>; expected a whole number from 1 to 10000, or "
        "one {…} expression, got '0'");
  CHECK(load_error(in_form("  <table widths=\"1\"><tr><td rowspan=\"{1}{2}\">x</td></tr></table>")) ==
        "T:2:38: error: bad value for 'rowspan' on <td>; expected a whole number from 1 to 10000, or "
        "one {…} expression, got '{1}{2}'");
  CHECK(load_error(in_form("  <table widths=\"1\"><tr><td merge=\"up\">x</td></tr></table>")) ==
        "T:2:36: error: bad value for 'merge' on <td>; expected one of: none, down, got 'up'");
  CHECK(load_error(in_form("  <for each=\"xs\" as=\"1x\"/>")) ==
        "T:2:22: error: bad value for 'as' on <for>; expected a name of letters, digits and '_' "
        "(item, p, ind), got '1x'");
  CHECK(load_error(in_form("  <page-break between=\"true\"/>")) ==
        "T:2:3: error: <page-break between=\"true\"> must be inside a <for>; expected a "
        "<page-break between=\"true\"/> inside <for>, got no enclosing <for>");
}

TEST_CASE("expression syntax errors point at the offending character") {
  CHECK(load_error(in_form("  <p>项目：{p.name +}</p>")) ==
        "T:2:18: error: expression syntax: expression ends too early; expected a value, got '}'");
  CHECK(load_error(in_form("  <p>&amp;&lt;{p..x}</p>")) ==
        "T:2:18: error: expression syntax: expected a field name after '.'; expected a field "
        "name, got '.'");
  CHECK(load_error(in_form("  <p>\r\n    {p.x | round:1}</p>")) ==
        "T:3:12: error: expression syntax: unknown filter 'round'; expected fixed:N, trim:N or "
        "money, got 'round'");
  CHECK(load_error(in_form("  <p>{p.name</p>")) ==
        "T:2:13: error: expression syntax: unexpected end of text (missing '}'); expected '}', "
        "got end of text (missing '}')");
  CHECK(load_error(in_form("  <p>a}b</p>")) ==
        "T:2:7: error: a lone '}' in text; expected '}}' for a literal '}', or a '{' before it, "
        "got '}'");
  CHECK(load_error(in_form("  <if test=\"a and\"><p>x</p></if>")) ==
        "T:2:18: error: expression syntax: expression ends too early; expected a value, got end "
        "of expression");
  CHECK(load_error(in_form("  <for each=\"{xs | fixed:2}\" as=\"x\"/>")) ==
        "T:2:14: error: expression syntax: filters are not allowed in 'each'; expected an "
        "expression without '|', got '{xs | fixed:2}'");
  CHECK(load_error(in_form("  <for\n      each=\"p.indicators[0 +]\" as=\"x\"/>")) ==
        "T:3:29: error: expression syntax: unexpected ']'; expected a value, got ']'");
  CHECK(load_error("<form id=\"f\" rules=\"r\" title=\"&quot;{x.}\"/>") ==
        "T:1:40: error: expression syntax: expected a field name after '.'; expected a field "
        "name, got '}'");
  CHECK(load_error("<form id=\"f\" rules=\"r\" title=\"{'自评}\"/>") ==
        "T:1:32: error: expression syntax: string literal is not closed; expected a closing "
        "\"'\", got end of text");
}

TEST_CASE("several load errors are all reported") {
  auto l = load_text(in_form("  <p colour=\"red\">{x.}</p>\n  <para/>"));
  CHECK_FALSE(l.tmpl);
  REQUIRE(l.sink.error_count() == 3);
  CHECK(l.sink.all()[0].code == "template.attribute");
  CHECK(l.sink.all()[1].code == "template.expression");
  CHECK(l.sink.all()[2].code == "template.element");
}

TEST_CASE("binding to a field the view does not have") {
  std::string text = in_form("  <for each=\"projects\" as=\"p\">\n    <p>名称：{p.nme}</p>\n  </for>");
  // Reported once although both projects hit it.
  CHECK(instantiate_error(text, kProjects) ==
        "T:3:11: error: no field 'nme' in 'p'; expected one of: amount, name, got 'nme'\n"
        "  hint: did you mean 'name'?");
  auto l = load_text(text);
  DiagnosticSink sink;
  l.tmpl->instantiate(kProjects, sink);
  CHECK(sink.all().at(0).code == "template.binding");

  CHECK(instantiate_error(in_form("  <for each=\"projcts\" as=\"p\"/>"), kProjects) ==
        "T:2:14: error: no field or loop variable 'projcts'; expected one of: projects, got "
        "'projcts'\n  hint: did you mean 'projects'?");
}

TEST_CASE("type errors at instantiation") {
  CHECK(instantiate_error(in_form("  <for each=\"projects\" as=\"p\">\n"
                                  "    <for each=\"p.name\" as=\"c\"/>\n  </for>"),
                          kProjects) ==
        "T:3:16: error: <for each> over a non-array: 'p.name' is string; expected an array or "
        "object, got string");
  CHECK(instantiate_error(in_form("  <p>{count(projects[0].name)}</p>"), kProjects) ==
        "T:2:6: error: count() of a non-array: 'projects[0].name' is string '甲'; expected an "
        "array, got string");
  CHECK(instantiate_error(in_form("  <p>{projects[0].name + 1}</p>"), kProjects) ==
        "T:2:6: error: arithmetic on a string: 'projects[0].name' in 'projects[0].name + 1'; "
        "expected a number, got string '甲'");
  CHECK(instantiate_error(in_form("  <p>{projects[0]}</p>"), kProjects) ==
        "T:2:6: error: cannot print object 'projects[0]'; expected a string, number, boolean or "
        "null, got object");
  CHECK(instantiate_error(in_form("  <p>{projects[0].name | money}</p>"), kProjects) ==
        "T:2:6: error: filter 'money' needs a number: 'projects[0].name' is string '甲'; "
        "expected a number, got string '甲'");
  CHECK(instantiate_error(in_form("  <table widths=\"1\"><tr><td rowspan=\"{1.5}\">x</td></tr></table>"),
                          kProjects) ==
        "T:2:38: error: rowspan '1.5' is not a whole number from 1 up; expected a whole number "
        "from 1 up, got number");
  CHECK(instantiate_error(in_form("  <p>{projects[2].name}</p>"), kProjects) ==
        "T:2:6: error: index 2 is out of range: 'projects' has 2 elements; expected 0 to 1, got 2");
}

TEST_CASE("table geometry errors") {
  CHECK(instantiate_error(in_form("  <table widths=\"10 10 10\">\n"
                                  "    <tr><td>a</td><td>b</td><td>c</td></tr>\n"
                                  "    <tr><td colspan=\"2\">a</td></tr>\n  </table>"),
                          kProjects) ==
        "T:4:5: error: row 2 of the table at 2:3 covers 2 columns; expected 3 columns (one per "
        "entry of widths=), got 2");
  CHECK(instantiate_error(in_form("  <table widths=\"10 10 10\">\n"
                                  "    <tr><td colspan=\"3\">a</td><td>b</td></tr>\n  </table>"),
                          kProjects) ==
        "T:3:5: error: row 1 of the table at 2:3 covers 4 columns; expected 3 columns (one per "
        "entry of widths=), got 4");
  CHECK(instantiate_error(in_form("  <table widths=\"10 10\">\n"
                                  "    <tr><td rowspan=\"3\">a</td><td>b</td></tr>\n"
                                  "    <tr><td>c</td></tr>\n  </table>"),
                          kProjects) ==
        "T:3:9: error: rowspan 3 reaches past the last row of the table at 2:3; expected a "
        "rowspan of at most 2, got 3");
  CHECK(instantiate_error(in_form("  <table widths=\"10 10 10\">\n"
                                  "    <tr><td>a</td><td rowspan=\"2\">b</td><td>c</td></tr>\n"
                                  "    <tr><td colspan=\"2\">x</td></tr>\n  </table>"),
                          kProjects) ==
        "T:4:9: error: cell in column 1 of row 2 overlaps a cell spanning down from a row above; "
        "expected a colspan that ends before column 2, got colspan 2");
  // Rows from a <for> are numbered as instantiated.
  CHECK(instantiate_error(in_form("  <table widths=\"10 10\">\n"
                                  "    <for each=\"projects\" as=\"p\"><tr><td>{p.name}</td>"
                                  "<if test=\"p_index == 0\"><td>x</td></if></tr></for>\n  </table>"),
                          kProjects) ==
        "T:3:33: error: row 2 of the table at 2:3 covers 1 column; expected 2 columns (one per "
        "entry of widths=), got 1");
}

TEST_CASE("an unreadable template throws Failure") {
  DiagnosticSink sink;
  CHECK_THROWS_AS(tmpl::Template::load(temp_dir("missing") + "/none.xml", sink), Failure);
}
