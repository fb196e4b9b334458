// A diagnostic's place: a JSON pointer and a line:col apart, printed the way compilers print
// positions (file:line:col:) so that editors and terminals jump there, then the pointer.
#include <catch2/catch.hpp>

#include "diag/diag.h"
#include "diag/lang.h"

using namespace jixiao;

TEST_CASE("place: a pointer, a line:col or both, from the strings stages pass") {
  Place p("/projects/3/name");
  CHECK(p.pointer == "/projects/3/name");
  CHECK_FALSE(p.has_line());
  Place lc("12:5");
  CHECK(lc.pointer.empty());
  CHECK(lc.line == 12);
  CHECK(lc.col == 5);
  CHECK(lc.text() == "12:5");
  CHECK(Place("").empty());
  CHECK(Place("0:5").pointer == "0:5");  // not a line: kept as it was given
  CHECK(Place(LineCol{3, 7}) == "3:7");
  Place both("/form");
  both.line = 3;
  both.col = 3;
  CHECK(both.text() == "/form");
}

TEST_CASE("place: format prints file:line:col: /pointer: and keeps the one-sided forms") {
  Diagnostic d{Severity::Error, "model.type", "data.json", "/projects/0/amount", "wrong type", "a number", "", {}};
  CHECK(format(d) == "data.json: /projects/0/amount: error: wrong type; expected a number");
  d.place.line = 7;
  d.place.col = 23;
  CHECK(format(d) == "data.json:7:23: /projects/0/amount: error: wrong type; expected a number");
  CHECK(format(d, "zh").rfind("data.json:7:23: /projects/0/amount: 错误：", 0) == 0);
  d.place = "41:9";
  CHECK(format(d) == "data.json:41:9: error: wrong type; expected a number");
  d.file.clear();
  CHECK(format(d) == "41:9: error: wrong type; expected a number");
  d.place = "";
  CHECK(format(d) == "error: wrong type; expected a number");
}
