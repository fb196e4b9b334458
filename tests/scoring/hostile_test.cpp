// Hostile rule sets (issue 9): value order by dependency, cycles, and numbers that print in
// fixed notation however large.
#include <catch2/catch.hpp>

#include <fstream>

#include "expr/number_format.h"
#include "scoring/scoring.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::unique_ptr<scoring::RuleSet> load(const std::string& values, DiagnosticSink& sink) {
  auto dir = test::temp_dir("rules-order");
  std::ofstream(dir + "/r.json") << R"({"id": "r", "categories": [{"name": "x", "points": 100, "method": "ratio"}], "grades": [{"min": 0, "grade": "差"}], "total": 100, "values": )" + values + "}";
  return scoring::load_rule_set(dir + "/r.json", sink);
}

std::vector<std::string> names(const scoring::RuleSet& rs) {
  std::vector<std::string> out;
  for (const auto& v : rs.values) out.push_back(v.name);
  return out;
}

}  // namespace

TEST_CASE("hostile rules: values in dependency order, file order otherwise (not alphabetical)", "[scoring][hostile]") {
  DiagnosticSink sink;
  auto rs = load(R"j({"zeta": "1", "beta": "values.gamma + values.zeta", "alpha": "2", "gamma": "values['alpha']"})j", sink);
  INFO((sink.all().empty() ? std::string() : format(sink.all().front())));
  CHECK_FALSE(sink.has_errors());
  CHECK(names(*rs) == std::vector<std::string>{"zeta", "alpha", "gamma", "beta"});
}

TEST_CASE("hostile rules: a cycle of values is an error naming them", "[scoring][hostile]") {
  DiagnosticSink sink;
  auto rs = load(R"j({"ok": "1", "a": "values.b", "b": "values.c * 2", "c": "if(1, values.a, 0)"})j", sink);
  REQUIRE(sink.has_errors());
  const auto& d = sink.all().front();
  CHECK(d.code == "rules.value-cycle");
  CHECK(d.place.pointer == "/values");
  CHECK(d.message.find("a, b, c") != std::string::npos);
  CHECK(names(*rs) == std::vector<std::string>{"ok"});
}

TEST_CASE("hostile rules: a long chain of values is ordered in n log n, not looped over", "[scoring][hostile]") {
  std::string values = "{";
  const int n = 20000;
  for (int i = n - 1; i >= 0; --i)  // each uses the next one in the file: reverse order
    values += "\"v" + std::to_string(i) + "\": \"" + (i + 1 < n ? "values.v" + std::to_string(i + 1) : "1") + "\"" + (i ? "," : "");
  values += "}";
  DiagnosticSink sink;
  auto rs = load(values, sink);
  CHECK_FALSE(sink.has_errors());
  REQUIRE(rs->values.size() == static_cast<std::size_t>(n));
  CHECK(rs->values.front().name == "v19999");
  CHECK(rs->values.back().name == "v0");
}

TEST_CASE("hostile numbers: never exponent notation in a form", "[scoring][hostile]") {
  CHECK(expr::format_plain(1.2345678901234568e+29) == "123456789012345680000000000000.0");
  CHECK(expr::format_plain(1e-7) == "0.0000001");
  CHECK(expr::format_plain(-2.5e-10) == "-0.00000000025");
  CHECK(expr::format_plain(100.0) == "100.0");
  CHECK(expr::format_plain(0.5) == "0.5");
  CHECK(expr::format_plain(-0.0) == "-0.0");
  CHECK(expr::format_plain(123.456) == "123.456");
  CHECK(expr::format_fixed(1.2345678901234568e+29, 2) == "123456789012345680000000000000.00");
}
