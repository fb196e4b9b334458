// Seed 004 (深圳 2021 项目支出绩效自评表) is the oracle: every 执行率, budget-line 得分 and
// 总分 printed in it is reproduced here from the example data.
#include <catch2/catch.hpp>

#include "model/model.h"
#include "scoring/scoring.h"
#include "support/support.h"

using namespace jixiao;

namespace {

scoring::RuleSet rules() {
  DiagnosticSink sink;
  auto rs = scoring::load_rule_set(test::source_path("templates/rules/shenzhen-project-2021.json"), sink);
  REQUIRE_FALSE(sink.has_errors());
  return rs;
}

model::Dossier example() {
  DiagnosticSink sink;
  auto d = model::load_dossier(test::source_path("examples/shenzhen-2021-project-selfeval.json"), sink);
  for (auto& x : sink.all()) INFO(format(x));
  REQUIRE_FALSE(sink.has_errors());
  return d;
}

}  // namespace

TEST_CASE("seed 004: budget-line 执行率 and 得分 of the nine projects", "[scoring][seed004]") {
  auto d = example();
  auto rs = rules();
  REQUIRE(d.projects.size() == 9);
  const char* rates[] = {"0.98", "1.00", "0.87", "0.86", "1.00", "0.98", "0.99", "1.00", "1.00"};
  const char* points[] = {"9.80", "10.00", "8.70", "8.60", "10.00", "9.80", "9.90", "10.00", "10.00"};
  for (std::size_t i = 0; i < 9; ++i) {
    INFO(d.projects[i].name);
    auto s = scoring::score_project(d.projects[i], rs);
    CHECK(scoring::centi_text(s.total.rate, 2) == rates[i]);
    CHECK(scoring::centi_text(s.fiscal.rate, 2) == rates[i]);
    CHECK(scoring::centi_text(s.carryover.rate, 2) == "0.00");
    CHECK(scoring::centi_text(s.budget.score, 2) == points[i]);
    CHECK(s.budget.weight == 1000);
  }
}

TEST_CASE("seed 004: the nine 总分 and their grades", "[scoring][seed004]") {
  auto d = example();
  auto rs = rules();
  const char* totals[] = {"99.8", "100", "98.7", "92.6", "100", "99.8", "99.9", "100", "100"};
  for (std::size_t i = 0; i < 9; ++i) {
    INFO(d.projects[i].name);
    auto s = scoring::score_project(d.projects[i], rs);
    CHECK(scoring::centi_text(s.total_score, -1) == totals[i]);
    CHECK(s.max_score == 10000);
    CHECK(s.grade == "优");
    for (auto& f : s.findings) INFO(f.code + " " + f.pointer + " " + f.message);
    CHECK(s.findings.empty());
  }
}

TEST_CASE("seed 004: a declared score below its weight is kept with its reason", "[scoring][seed004]") {
  auto d = example();
  auto s = scoring::score_project(d.projects[3], rules());  // 源码 project: 时效 6 of 12
  REQUIRE(s.indicators.size() == 8);
  CHECK(s.indicators[2].name == "平台搭建完成时间");
  CHECK(s.indicators[2].weight == 1200);
  CHECK(s.indicators[2].score == 600);
  CHECK(s.indicators[2].rule == "declared");
}

TEST_CASE("执行率 rounds half up on the exact quotient", "[scoring]") {
  auto rs = rules();
  model::Project p;
  p.name = "x";
  auto with = [&](double executed, double annual) {
    p.funds.total = {annual, annual, executed, "/projects/0/funds/total"};
    return scoring::score_project(p, rs);
  };
  CHECK(scoring::centi_text(with(870996, 890000).budget.score, 2) == "9.80");  // 0.97865 → 0.98
  CHECK(scoring::centi_text(with(242730, 280000).budget.score, 2) == "8.70");  // 0.86689 → 0.87
  CHECK(scoring::centi_text(with(319200, 370000).budget.score, 2) == "8.60");  // 0.86270 → 0.86
  CHECK(scoring::centi_text(with(2784690.56, 2800000).budget.score, 2) == "9.90");
  CHECK(scoring::centi_text(with(1170000, 1190000).budget.score, 2) == "9.80");
  CHECK(scoring::centi_text(with(145, 1000).total.rate, 2) == "0.15");  // exact half goes up
  CHECK(scoring::centi_text(with(144.99, 1000).total.rate, 2) == "0.14");
  auto over = with(1200, 1000);
  CHECK(scoring::centi_text(over.total.rate, 2) == "1.20");
  CHECK(scoring::centi_text(over.budget.score, 2) == "10.00");  // capped at the weight
  REQUIRE_FALSE(over.findings.empty());
  auto zero = with(0, 0);
  CHECK(zero.budget.score == 0);
  bool found = false;
  for (auto& f : zero.findings) found = found || (f.code == "scoring.budget-zero" && f.pointer == "/projects/0/funds/total/annual");
  CHECK(found);
}

TEST_CASE("findings name the JSON pointer of the data they concern", "[scoring]") {
  auto d = example();
  auto p = d.projects[0];
  p.indicators[1].score = {13, true};  // above its weight 12.5
  p.indicators[2].score = {10, true};  // deducted with 无偏差 as reason
  auto s = scoring::score_project(p, rules());
  std::vector<std::string> got;
  for (auto& f : s.findings) got.push_back(f.code + " " + f.pointer);
  CHECK(std::find(got.begin(), got.end(), "scoring.score-above-weight /projects/0/indicators/1/score") != got.end());
  CHECK(std::find(got.begin(), got.end(), "scoring.deduction-without-reason /projects/0/indicators/2/deviation_reason") != got.end());
}

TEST_CASE("centi_text prints the form's decimals", "[scoring]") {
  CHECK(scoring::centi_text(980, 2) == "9.80");
  CHECK(scoring::centi_text(9980, -1) == "99.8");
  CHECK(scoring::centi_text(10000, -1) == "100");
  CHECK(scoring::centi_text(714, -1) == "7.14");
  CHECK(scoring::centi_text(-50, 2) == "-0.50");
  CHECK(scoring::to_centi(7.14) == 714);
  CHECK(scoring::to_centi(0.145) == 15);
  CHECK(scoring::to_centi(2784690.56) == 278469056);
}
