// Lengths against their limits (issue 20, class 9): a length equal to a limit is within it,
// however the two were computed (180mm against 210mm − 2 × 15mm); one beyond it by a
// printable amount is refused, and the limit is printed as authors write lengths.
#include <catch2/catch.hpp>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

namespace {

std::string table_with_widths(const std::string& widths) {
  return "<form id=\"f\" rules=\"r\" page=\"A4\" margin=\"15mm\">\n  <table widths=\"" + widths +
         "\"><tr><td>x</td></tr></table>\n</form>\n";
}

}  // namespace

TEST_CASE("lengths: the full text width of A4 with 15mm margins is a column width") {
  for (const char* widths : {"180mm", "90mm 90mm", "18cm", "60mm 60mm 60mm"}) {
    INFO(widths);
    auto l = load_text(table_with_widths(widths));
    INFO((l.sink.all().empty() ? "" : format(l.sink.all().front())));
    CHECK(l.tmpl);
    CHECK_FALSE(l.sink.has_errors());
  }
  // And as a paragraph indent, another length bounded by the text width.
  auto p = load_text("<form id=\"f\" rules=\"r\" margin=\"15mm\">\n  <p indent=\"180mm\">x</p>\n</form>\n");
  CHECK_FALSE(p.sink.has_errors());
}

TEST_CASE("lengths: a width beyond the text width is refused naming the limit as written") {
  auto l = load_text(table_with_widths("180.1mm"));
  CHECK_FALSE(l.tmpl);
  std::string e = only_error(l.sink);
  CHECK(e == l.path + ":2:18: error: bad value for 'widths' on <table>; expected one entry per column: "
                      "a length more than 0 (14mm), auto, or MIN..MAX with either side left out "
                      "(18mm..30mm, 18mm.., ..30mm); each length at most 180mm (the text width of the "
                      "page), got '180.1mm'");
  auto m = load_text("<form id=\"f\" rules=\"r\" margin=\"15mm\">\n  <p indent=\"180.01mm\">x</p>\n</form>\n");
  CHECK(only_error(m.sink).find("expected a length from 0 to 180mm (the text width of the page)") !=
        std::string::npos);
}

TEST_CASE("lengths: margins that leave exactly the smallest text area are accepted") {
  // 25.4mm is the smallest text area each way: a 50.8mm page with 12.7mm margins leaves it.
  auto ok = load_text("<form id=\"f\" rules=\"r\" page=\"50.8mm 50.8mm\" margin=\"12.7mm\"/>\n");
  INFO((ok.sink.all().empty() ? "" : format(ok.sink.all().front())));
  CHECK_FALSE(ok.sink.has_errors());
  auto bad = load_text("<form id=\"f\" rules=\"r\" page=\"50.8mm 50.8mm\" margin=\"12.8mm\"/>\n");
  REQUIRE(bad.sink.has_errors());  // and the default margins then leave no room either
  CHECK(format(bad.sink.all().front()).find("expected margins that leave at least 25.4mm of the page each way, "
                                            "got '12.8mm'") != std::string::npos);
}
