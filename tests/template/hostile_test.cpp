// Hostile templates below the CLI (issue 9): depth, entities, places in linear time,
// numbers out of range, a table spanning more rows than the limit because of the data.
#include <catch2/catch.hpp>

#include <chrono>
#include <limits>

#include "diag/limits.h"
#include "support/support.h"
#include "template/source.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The errors of loading text that must fail, formatted, with the path replaced by "T".
std::vector<std::string> load_errors(const std::string& text) {
  auto l = load_text(text);
  CHECK_FALSE(l.tmpl);
  std::vector<std::string> out;
  for (const auto& d : l.sink.all()) {
    std::string e = format(d);
    out.push_back(e.compare(0, l.path.size(), l.path) == 0 ? "T" + e.substr(l.path.size()) : e);
  }
  return out;
}

std::string first_error(const std::string& text) {
  auto all = load_errors(text);
  REQUIRE_FALSE(all.empty());
  return all.front();
}

std::string in_form(const std::string& lines, const std::string& attrs = "") {
  return "<form id=\"f\" rules=\"r\"" + attrs + ">\n" + lines + "\n</form>\n";
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

TEST_CASE("places computed from the line table agree with line_col", "[template][hostile]") {
  std::string text = "<form>\n  甲乙 <p a=\"1\">\r\n\n丙\t{x}</p>\n" + repeat("中", 100) + "\nend";
  tmpl::XmlSource src("t.xml", text);
  for (std::size_t o = 0; o <= text.size() + 2; ++o)
    CHECK(src.place(o) == to_string(line_col(text, o)));
}

TEST_CASE("elements nested deeper than kTemplateDepth: an error, not a crash", "[template][hostile]") {
  const std::size_t n = 10000;
  CHECK(first_error(in_form(repeat("<if test=\"true\">", n) + repeat("</if>", n))) ==
        "T:2:1009: error: elements nested too deeply: <if> is at depth 65; expected at most 64 "
        "levels of nested elements, got <if>");
  // Unknown elements too: the check is on the XML, before any element is understood.
  CHECK(first_error(in_form(repeat("<x>", n) + repeat("</x>", n))).find("T:2:190: error: elements nested too deeply") == 0);
  // And in a file that is also malformed below the nesting.
  CHECK(first_error(in_form(repeat("<if test=\"1\">", n) + "</iff>")).find("nested too deeply") != std::string::npos);
  // 63 under <form> is fine.
  auto ok = load_text(in_form(repeat("<if test=\"true\">", 63) + repeat("</if>", 63)));
  CHECK(ok.tmpl);
}

TEST_CASE("a bad end tag under nesting is found quickly", "[template][hostile]") {
  auto start = std::chrono::steady_clock::now();
  auto e = first_error(in_form(repeat("<if test=\"true\">\n", 63) + "</iff>" + repeat("</if>", 63)));
  CHECK(e.find("T:65:1: error: malformed XML: end tag </iff> does not match <if> opened at 64:1") == 0);
  CHECK(seconds_since(start) < 1);
  // The open element is found past self-closed elements, comments, CDATA, PIs and '>' in values.
  CHECK(first_error(in_form("<table widths=\"1\"><tr><td a=\">\"/><!-- </x> --><?pi </y>?>"
                            "<![CDATA[</z>]]></tr></p>")) ==
        "T:2:79: error: malformed XML: end tag </p> does not match <table> opened at 2:1; expected "
        "</table>, got </p>");
  CHECK(first_error(in_form("<p><br/></x>")).find("end tag </x> does not match <p> opened at 2:1") != std::string::npos);
  CHECK(first_error(in_form("<table><tr><td>x</td></tr>")).find("T:3:1: error: malformed XML: end tag </form> does not match <table> opened at 2:1") == 0);
  CHECK(first_error("<form><p>x</p>").find("T:1:1: error: malformed XML: <form> is not closed before the end of the file") == 0);
}

TEST_CASE("expressions nested too deeply, in text and attributes", "[template][hostile]") {
  CHECK(first_error(in_form("<p>{" + repeat("(", 100) + "1" + repeat(")", 100) + "}</p>")) ==
        "T:2:69: error: expression: expression nested too deeply (parentheses, calls, operators "
        "in a row); expected at most 64 levels of nesting; split the formula or use sum()/max(), "
        "got more");
  CHECK(first_error(in_form("<if test=\"1" + repeat(" + 1", 100) + "\"/>"))
            .find("T:2:265: error: expression: expression nested too deeply") == 0);
  CHECK(first_error(in_form("<p>{max(1" + repeat(",1", 10000) + ")}</p>"))
            .find("T:2:5: error: expression: expression is too long; expected at most 16384 bytes") == 0);
}

TEST_CASE("undefined entities and stray '&' are errors at their place", "[template][hostile]") {
  CHECK(load_errors(in_form("<p>甲 &foo; 乙</p>")) ==
        std::vector<std::string>{"T:2:6: error: undefined entity '&foo;'; expected &lt; &gt; &amp; "
                                 "&apos; &quot; or a character reference (&#20013;), got '&foo;'"});
  CHECK(load_errors(in_form("<p align=\"&bar;\">x</p>")).front().find("T:2:11: error: undefined entity '&bar;'") == 0);
  CHECK(load_errors(in_form("<p>A & B</p>")).front().find("T:2:6: error: '&' that starts no entity") == 0);
  CHECK(load_errors(in_form("<p>&#0;</p>")).front().find("T:2:4: error: character reference '&#0;'") == 0);
  // What XML defines still loads, in text, attributes, CDATA and comments.
  auto ok = load_text(in_form("<!-- a & b --><p align=\"&#x63;enter\">&lt;&amp;&#20013;&quot;<![CDATA[&x;]]></p>"));
  INFO((ok.sink.all().empty() ? "" : format(ok.sink.all().front())));
  CHECK(ok.tmpl);
}

TEST_CASE("many errors stop after kTemplateErrors", "[template][hostile]") {
  std::string attrs;
  for (int i = 0; i < 20000; ++i) attrs += " a" + std::to_string(i) + "=\"1\"";
  auto start = std::chrono::steady_clock::now();
  auto all = load_errors(in_form("<p" + attrs + ">x</p>"));
  CHECK(seconds_since(start) < 1);
  REQUIRE(all.size() == static_cast<std::size_t>(limits::kTemplateErrors) + 1);
  CHECK(all.back().find("too many errors; the rest in this template are not reported") != std::string::npos);
}

TEST_CASE("lengths, sizes and numbers out of range", "[template][hostile]") {
  CHECK(first_error(in_form("<p size=\"100000000000000000000\">x</p>")).find("T:2:10: error: bad value for 'size' on <p>; expected points from 1 to 200") == 0);
  CHECK(first_error(in_form("<p size=\"0.5\">x</p>")).find("bad value for 'size'") != std::string::npos);
  CHECK(first_error(in_form("<p indent=\"1" + repeat("0", 400) + "\">x</p>")).find("T:2:12: error: bad value for 'indent'") == 0);
  CHECK(first_error(in_form("<p space-before=\"300mm\">x</p>")) ==
        "T:2:18: error: bad value for 'space-before' on <p>; expected a length from 0 to 257mm "
        "(the text height of the page): 12mm, 1.5cm, 10pt, 2em or a number of points, got '300mm'");
  CHECK(first_error(in_form("<p line-height=\"1000\">x</p>")).find("bad value for 'line-height'") != std::string::npos);
  CHECK(first_error(in_form("<p>x</p>", " margin=\"2147483647\"")).find("T:1:32: error: bad value for 'margin' on <form>") == 0);
  CHECK(first_error(in_form("<p>x</p>", " margin=\"100mm\"")) ==
        "T:1:32: error: bad value for 'margin' on <form>; expected margins that leave at least "
        "25.4mm of the page each way, got '100mm'");
  CHECK(first_error(in_form("<p>x</p>", " page=\"1mm 1mm\"")).find("bad value for 'page'") != std::string::npos);
  CHECK(first_error(in_form("<p>x</p>", " page=\"6000mm 100mm\"")).find("bad value for 'page'") != std::string::npos);
  CHECK(first_error(in_form("<p>x</p>", " page=\"30mm 30mm\"")).find("T:1:30: error: bad value for 'page' on <form>; expected a page with room inside its margins") == 0);
  CHECK(first_error(in_form("<p>x</p>", " header-offset=\"400mm\"")).find("bad value for 'header-offset'") != std::string::npos);
  const std::string table = "<table widths=\"20mm 30mm\" ";
  CHECK(first_error(in_form(table + "padding=\"2147483647\"><tr><td colspan=\"2\">x</td></tr></table>")) ==
        "T:2:36: error: bad value for 'padding' on <table>; expected 1 or 2 lengths: all sides, or "
        "top/bottom then left/right (2 2.5), each at most 5mm, got '2147483647'");
  CHECK(first_error(in_form(table + "border=\"20mm\"><tr><td colspan=\"2\">x</td></tr></table>")).find("bad value for 'border'") != std::string::npos);
  CHECK(first_error(in_form("<table widths=\"20mm 0\"/>")).find("bad value for 'widths'") != std::string::npos);
  CHECK(first_error(in_form("<table widths=\"200mm\"/>")).find("bad value for 'widths'") != std::string::npos);
  CHECK(first_error(in_form(table + "><tr min-height=\"1000mm\"><td colspan=\"2\">x</td></tr></table>")).find("bad value for 'min-height'") != std::string::npos);
  CHECK(first_error(in_form(table + "><tr><td colspan=\"2147483647\">x</td></tr></table>")).find("expected a whole number from 1 to 10000") != std::string::npos);
  CHECK(first_error(in_form(table + "><tr><td colspan=\"10001\">x</td></tr></table>")).find("bad value for 'colspan'") != std::string::npos);
  CHECK(first_error(in_form("<p>{1" + repeat("0", 400) + ".0}</p>")).find("T:2:5: error: expression: number too large") == 0);
}

TEST_CASE("a rowspan past kTableSpan because of the data names the data", "[template][hostile]") {
  json view = {{"p", {{"indicators", json::array()}}}};
  view["p"]["indicators"] = json::array();
  for (int i = 0; i < 100000; ++i) view["p"]["indicators"].push_back({{"name", "甲"}});
  auto r = run("<table widths=\"20mm 20mm\"><tr><td rowspan=\"{count(p.indicators) + 1}\">年度绩效指标</td><td>x</td></tr></table>",
               view);
  std::string e = only_error(r.sink);
  INFO(e);
  CHECK(e.find(":1:67: error: rowspan 'count(p.indicators) + 1' is 100001, more than a cell can "
               "span: the data at /p/indicators has 100000 elements; expected at most 10000 (fewer "
               "elements in the data), got 100001") != std::string::npos);
}

TEST_CASE("infinite numbers in the view are errors where they are printed", "[template][hostile]") {
  json view = {{"x", std::numeric_limits<double>::infinity()}};
  auto r = run("<p>{x}</p><p>{round(x, 2)}</p>", view);
  REQUIRE(r.sink.error_count() == 2);
  CHECK(format(r.sink.all()[0]).find(":1:27: error: 'x' is not a finite number (too large, or undefined); expected a finite number, got infinity") != std::string::npos);
  CHECK(r.sink.all()[0].code == "template.range");
}
