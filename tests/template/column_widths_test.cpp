// <table widths> with automatic columns (auto, MIN..MAX) and <table width>: what they read
// into the document, and their errors at the entry or attribute that is wrong.
#include <catch2/catch.hpp>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao::test;
using nlohmann::json;
namespace doc = jixiao::doc;

namespace {

// The form's text width is 180mm (A4, 15mm side margins).
std::string with_table(const std::string& attrs, int columns = 1) {
  std::string cells;
  for (int i = 0; i < columns; ++i) cells += "<td>x</td>";
  return form_text("\n  <table " + attrs + "><tr>" + cells + "</tr></table>\n");
}

std::string error_of(const std::string& attrs, int columns = 1) {
  auto l = load_text(with_table(attrs, columns));
  CHECK_FALSE(l.tmpl);
  const std::string e = only_error(l.sink);
  REQUIRE(e.rfind(l.path + ":", 0) == 0);
  return e.substr(l.path.size() + 1);  // "line:col: error: …"
}

}  // namespace

TEST_CASE("column widths: auto and MIN..MAX entries are automatic columns within their bounds") {
  auto r = run(R"(<table widths="20mm auto 18mm..30mm 18mm.. ..30mm">
  <tr><td>a</td><td>b</td><td>c</td><td>d</td><td>e</td></tr></table>)",
               json::object());
  REQUIRE_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  REQUIRE(t.column_widths.size() == 5);
  CHECK(t.column_widths[0] == Approx(20 * kMm));
  for (int c = 1; c < 5; ++c) CHECK(t.column_widths[c] == 0);
  REQUIRE(t.auto_widths.size() == 5);
  CHECK_FALSE(t.auto_widths[0]);
  const double text_width = 180 * kMm;
  CHECK(t.width == Approx(text_width));  // the default: the text width
  CHECK(t.auto_widths[1]->min == 0);
  CHECK(t.auto_widths[1]->max == Approx(text_width));
  CHECK(t.auto_widths[2]->min == Approx(18 * kMm));
  CHECK(t.auto_widths[2]->max == Approx(30 * kMm));
  CHECK(t.auto_widths[3]->min == Approx(18 * kMm));
  CHECK(t.auto_widths[3]->max == Approx(text_width));
  CHECK(t.auto_widths[4]->min == 0);
  CHECK(t.auto_widths[4]->max == Approx(30 * kMm));
}

TEST_CASE("column widths: width= sets the total the automatic columns share") {
  auto r = run(R"(<table widths="20mm auto" width="120mm"><tr><td>a</td><td>b</td></tr></table>)",
               json::object());
  REQUIRE_FALSE(r.sink.has_errors());
  CHECK(table(r.doc, 0).width == Approx(120 * kMm));
}

TEST_CASE("column widths: a table of fixed columns reads as before") {
  auto r = run(R"(<table widths="20mm 30mm"><tr><td>a</td><td>b</td></tr></table>)", json::object());
  REQUIRE_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  CHECK(t.column_widths == std::vector<double>{20 * kMm, 30 * kMm});
  CHECK(t.auto_widths.empty());
  CHECK(t.width == 0);
  // width= equal to the sum is allowed (and changes nothing).
  auto same = run(R"(<table widths="20mm 30mm" width="50mm"><tr><td>a</td><td>b</td></tr></table>)",
                  json::object());
  CHECK_FALSE(same.sink.has_errors());
}

TEST_CASE("column widths: a bad entry is an error at the entry, naming what an entry may be") {
  const std::string help =
      "expected one entry per column: a length more than 0 (14mm), auto, or MIN..MAX with either "
      "side left out (18mm..30mm, 18mm.., ..30mm); each length at most 180mm (the text width of the "
      "page), got ";
  // <table widths=" ends at column 18 of line 2.
  CHECK(error_of(R"(widths="20mm auto..")", 2) == "2:23: error: bad value for 'widths' on <table>; " + help + "'auto..'");
  CHECK(error_of(R"(widths="-5mm")") == "2:18: error: bad value for 'widths' on <table>; " + help + "'-5mm'");
  CHECK(error_of(R"(widths="..")") == "2:18: error: bad value for 'widths' on <table>; " + help + "'..'");
  CHECK(error_of(R"(widths="10mm..-1mm")") == "2:18: error: bad value for 'widths' on <table>; " + help + "'10mm..-1mm'");
  CHECK(error_of(R"(widths="0")") == "2:18: error: bad value for 'widths' on <table>; " + help + "'0'");
  CHECK(error_of(R"(widths="10mm..181mm")") == "2:18: error: bad value for 'widths' on <table>; " + help + "'10mm..181mm'");
  CHECK(error_of(R"(widths="20mm 30mm..18mm")", 2) ==
        "2:23: error: bad value for 'widths' on <table>; expected MIN..MAX with MIN at most MAX "
        "(18mm..30mm), got '30mm..18mm'");
  CHECK(error_of(R"(widths="..0")") ==
        "2:18: error: bad value for 'widths' on <table>; expected a MAX more than 0 (..30mm), got '..0'");
}

TEST_CASE("column widths: a bad width= is an error at its value") {
  const std::string expected =
      "expected a length more than 0 and at most 180mm (the text width of the page), got ";
  CHECK(error_of(R"(widths="auto" width="0")") ==
        "2:31: error: bad value for 'width' on <table>; " + expected + "'0'");
  CHECK(error_of(R"(widths="auto" width="200mm")") ==
        "2:31: error: bad value for 'width' on <table>; " + expected + "'200mm'");
  CHECK(error_of(R"(widths="auto" width="2147483647")").find("bad value for 'width'") != std::string::npos);
  CHECK(error_of(R"(widths="auto" width="NaN")").find("bad value for 'width'") != std::string::npos);
}

TEST_CASE("column widths: a width too small for the fixed columns and the MINs is an error") {
  CHECK(error_of(R"(widths="100mm 50mm 18mm.." width="150mm")", 3) ==
        "2:44: error: bad value for 'width' on <table>; expected at least 168mm of table width for "
        "the fixed columns and the automatic columns' MIN; the table is 150mm wide, got '150mm'");
  // Without width=, the text width is the total and widths= is named.
  CHECK(error_of(R"(widths="170mm auto 18mm..")", 3) ==
        "2:18: error: bad value for 'widths' on <table>; expected at least 188mm of table width for "
        "the fixed columns and the automatic columns' MIN; the table is 180mm wide, got '170mm auto 18mm..'");
}

TEST_CASE("column widths: MAXes that cannot fill the table are an error") {
  CHECK(error_of(R"(widths="100mm ..30mm 10mm..40mm")", 3) ==
        "2:18: error: bad value for 'widths' on <table>; expected columns that can fill the table's "
        "180mm: the fixed columns and the automatic columns' MAX give 170mm; leave one MAX out "
        "(18mm..), got '100mm ..30mm 10mm..40mm'");
  // A fixed table whose widths do not add up to width=.
  CHECK(error_of(R"(widths="20mm 30mm" width="60mm")", 2) ==
        "2:36: error: bad value for 'width' on <table>; expected the sum of the widths, 50mm (width= is "
        "for a table with auto columns), got '60mm'");
}
