// A number no form has is not printed (issue 20, class 8): 1e308 would print as 309 digits
// through `money`, `fixed:2` or plainly; an error at the binding says so instead. Figures
// of a form, up to the amount ceiling, print in full.
#include <catch2/catch.hpp>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao;
using namespace jixiao::test;
using nlohmann::json;

TEST_CASE("number print: a figure of magnitude 10^16 or more is an error at its binding", "[template][edges]") {
  json view = {{"x", 1e308}, {"y", -1e16}, {"n", 10000000000000000000ull}};
  auto r = run("<p>{x | money}</p><p>{x | fixed:2}</p><p>{x}</p><p>{y | trim:2}</p><p>{n}</p>", view);
  REQUIRE(r.sink.error_count() == 5);
  std::string first = format(r.sink.all()[0]);
  CHECK(first.find(":1:27: error: 'x' is too large to print on a form; expected a number of magnitude below "
                   "10^16, got number 1e+308") != std::string::npos);
  CHECK(r.sink.all()[0].code == "template.range");
  for (const auto& d : r.sink.all()) CHECK(format(d).find("00000000000000000") == std::string::npos);
}

TEST_CASE("number print: the amount ceiling and its neighbours print in full", "[template][edges]") {
  json view = {{"top", 1e15}, {"near", 9999999999999998.0}, {"fen", 0.01}, {"zero", -0.0}};
  auto r = run("<p>{top | money}</p><p>{near | fixed:0}</p><p>{fen | fixed:2}</p><p>{zero | fixed:2}</p>", view);
  CHECK_FALSE(r.sink.has_errors());
  CHECK(paragraph(r.doc, 0).text == "1,000,000,000,000,000.00");
  CHECK(paragraph(r.doc, 1).text == "9999999999999998");
  CHECK(paragraph(r.doc, 2).text == "0.01");
  CHECK(paragraph(r.doc, 3).text == "0.00");
}
