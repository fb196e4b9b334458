// What may score (issue 20, class 8): rule-set numbers checked at load with their pointer,
// data numbers and ratios checked before they score, and numbers in messages never printed
// as hundreds of digits or a saturated figure. The CLI cases are tests/cli/number_edges_test.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "expr/number_format.h"
#include "scoring/scoring.h"
#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

// A rule set of one ratio category (or the band given), written to a file and loaded.
std::unique_ptr<scoring::RuleSet> load(const std::string& category, DiagnosticSink& sink) {
  auto dir = test::temp_dir("number-limits");
  std::ofstream(dir + "/r.json") << R"({"id": "r", "categories": [)" + category +
                                        R"(], "grades": [{"min": 0, "grade": "差"}], "total": 100})";
  return scoring::load_rule_set(dir + "/r.json", sink);
}

std::string places(const DiagnosticSink& sink) {
  std::string out;
  for (const auto& d : sink.all()) out += d.code + " " + d.place.text() + ";";
  return out;
}

}  // namespace

TEST_CASE("number limits: a band's parameters are ratios and shares, checked at load", "[scoring][edges]") {
  DiagnosticSink ok;
  load(R"({"name": "x", "points": 100, "method": "band", "band": {"full_low": 1, "full_high": 1.3,
           "below_per_point": 0.05, "above_per_point": 0.01}})",
       ok);
  CHECK_FALSE(ok.has_errors());
  DiagnosticSink bad;
  load(R"({"name": "x", "points": 100, "method": "band", "band": {"full_low": 0, "full_high": 1e300,
           "below_per_point": -0.05, "above_per_point": 2}})",
       bad);
  CHECK(places(bad) ==
        "rules.range /categories/0/band/full_low;rules.range /categories/0/band/full_high;"
        "rules.range /categories/0/band/below_per_point;rules.range /categories/0/band/above_per_point;");
  CHECK(format(bad.all()[1]).find("expected a number from 0 to 1000, got number 1e+300") != std::string::npos);
}

TEST_CASE("number limits: an absurd actual/target is a finding naming both, not full marks", "[scoring][edges]") {
  DiagnosticSink sink;
  auto rs = load(R"({"name": "产出指标", "points": 100, "method": "ratio"})", sink);
  REQUIRE_FALSE(sink.has_errors());
  json doc = {{"name", "p"},
              {"indicators", {{{"category", "产出指标"}, {"name", "件数"}, {"target", "≥1"}, {"actual", "5000"}}}}};
  auto s = scoring::score_document(doc, "/projects/0", *rs);
  REQUIRE_FALSE(s.findings.empty());
  const auto& f = s.findings.front();
  CHECK(f.code == "scoring.ratio-range");
  CHECK(f.severity == Severity::Warning);
  CHECK(f.message == "actual/target of 件数 is 5000, outside 0 to 1000 (/projects/0/indicators/0/actual against "
                     "/projects/0/indicators/0/target): not scored from them");
  CHECK(s.indicators[0].score == 0);
  CHECK_FALSE(s.indicators[0].computed.has_value());
  // Within the limit it scores as before: 999 times the target is the full weight.
  doc["indicators"][0]["actual"] = "999";
  CHECK(scoring::score_document(doc, "/projects/0", *rs).indicators[0].score == 10000);
}

TEST_CASE("number limits: hundredths hold every figure that may score, unsaturated", "[scoring][edges]") {
  CHECK(scoring::to_centi(1e15) == 100000000000000000);
  CHECK(scoring::centi_text(scoring::to_centi(1e13), 2) == "10000000000000.00");
  CHECK(scoring::to_centi(-0.0) == 0);
}

TEST_CASE("number limits: numbers in messages are brief, never 309 digits", "[scoring][edges]") {
  CHECK(expr::format_brief(1e308) == "1e+308");
  CHECK(expr::format_brief(4.9e-324) == "5e-324");
  CHECK(expr::format_brief(1e-7) == "1e-07");
  CHECK(expr::format_brief(0.0) == "0");
  CHECK(expr::format_brief(-0.0) == "0");
  CHECK(expr::format_brief(870996.0 / 890000.0) == "0.98");
  CHECK(expr::format_brief(1035356.3) == "1035356.3");
  CHECK(expr::format_brief(1e15 + 1) == "1000000000000001");
  CHECK(expr::format_brief(1e16) == "1e+16");
  CHECK(expr::format_brief(std::nan("")) == "NaN");
  CHECK_FALSE(expr::printable(1e16));
  CHECK(expr::printable(9999999999999998.0));
}
