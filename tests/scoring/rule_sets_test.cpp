// Rule sets are data: the seeds' numbers come out of the files under templates/rules/, and
// another city's variant written only as a file in tests/ scores with no code change.
#include <catch2/catch.hpp>

#include <algorithm>

#include "scoring/scoring.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::unique_ptr<scoring::RuleSet> load(const std::string& relative) {
  DiagnosticSink sink;
  auto rs = scoring::load_rule_set(test::source_path(relative), sink);
  for (auto& d : sink.all()) INFO(format(d));
  REQUIRE_FALSE(sink.has_errors());
  return rs;
}

nlohmann::json data(const std::string& relative) {
  return nlohmann::json::parse(test::slurp(test::source_path(relative)));
}

std::vector<std::string> weights(const scoring::DocumentScore& s) {
  std::vector<std::string> out;
  for (auto& i : s.indicators) out.push_back(scoring::centi_text(i.weight, -1));
  return out;
}

}  // namespace

TEST_CASE("every rule set file under templates/rules loads", "[scoring][rules]") {
  for (const char* id : {"shenzhen-project-2021", "suzhou-2021", "shenzhen-department-2020", "mof-2020"}) {
    INFO(id);
    auto rs = load(std::string("templates/rules/") + id + ".json");
    CHECK(rs->id == id);
    CHECK_FALSE(rs->categories.empty());
    CHECK_FALSE(rs->grades.empty());
  }
}

TEST_CASE("seed 000: weights split as the seed shows them, 80 in total", "[scoring][seed000]") {
  auto rs = load("templates/rules/suzhou-2021.json");
  auto scores = scoring::score_all(data("examples/suzhou-2021-project-selfeval.json"), *rs);
  REQUIRE(scores.size() == 1);
  auto& s = scores[0];
  CHECK(weights(s) == std::vector<std::string>{"3", "5", "1", "6", "2", "1", "3", "1", "1", "1",  // 投入, declared
                                               "6.5", "6.5", "6.5", "6.5",                         // 产出 26 / 4
                                               "3.66", "3.66", "3.66", "3.7", "3.66", "3.66",      // 结果 22 / 6
                                               "2.66", "2.68", "2.66"});                           // 影响力 8 / 3
  CHECK(s.indicators[17].name == "业务系统安全性");  // where 3.7 lands
  CHECK(s.indicators[21].name == "专职管理落实情况");  // where 2.68 lands
  CHECK(s.indicators[0].weight_source == "declared");
  CHECK(s.indicators[10].weight_source == "split");
  CHECK(scoring::centi_text(s.total, -1) == "80");
  CHECK(s.max == 8000);
  for (auto& c : s.categories) CHECK(c.weight == c.points);
  for (auto& f : s.findings) INFO(f.code + " " + f.pointer + " " + f.message + " " + f.computed + " " + f.declared);
  CHECK(s.findings.empty());  // the budget identities hold and every declared score is the rule's
  for (auto& i : s.indicators) {
    INFO(i.name);
    REQUIRE(i.computed);
    CHECK(*i.computed == i.score);
  }
}

TEST_CASE("seed 000: the budget identities catch a wrong figure", "[scoring][seed000]") {
  auto rs = load("templates/rules/suzhou-2021.json");
  auto d = data("examples/suzhou-2021-project-selfeval.json");
  d["projects"][0]["composition"]["total"]["budget"] = 500;
  d["projects"][0]["budget"]["balance"] = 1;
  auto s = scoring::score_all(d, *rs)[0];
  std::vector<std::string> got;
  for (auto& f : s.findings) got.push_back(f.code + " " + f.pointer + " " + f.computed + " " + f.declared);
  CHECK(got == std::vector<std::string>{"suzhou.budget-balance /projects/0/budget/balance 0 1",
                                        "suzhou.composition-budget /projects/0/composition/total/budget 499.24 500"});
}

TEST_CASE("seed 003: 综合评分 92.00, 优, and the formulas' disagreements", "[scoring][seed003]") {
  auto rs = load("templates/rules/shenzhen-department-2020.json");
  auto scores = scoring::score_all(data("examples/shenzhen-2020-department-selfeval.json"), *rs);
  REQUIRE(scores.size() == 1);
  auto& s = scores[0];
  CHECK(s.title == "深圳市住房建设信息中心");
  CHECK(scoring::centi_text(s.total, 2) == "92.00");
  CHECK(s.grade == "优");
  REQUIRE(s.categories.size() == 3);
  CHECK(s.categories[0].points == 2000);
  CHECK(s.categories[0].weight == 2000);
  CHECK(s.categories[2].weight == 6000);
  CHECK(scoring::centi_text(s.categories[0].score, -1) == "20");
  CHECK(scoring::centi_text(s.categories[1].score, -1) == "17");
  CHECK(scoring::centi_text(s.categories[2].score, -1) == "55");
  std::vector<std::string> got;
  for (auto& f : s.findings) got.push_back(f.code + " " + f.pointer + " computed " + f.computed + " declared " + f.declared);
  std::sort(got.begin(), got.end());
  auto find_row = [&](const std::string& name) {
    for (std::size_t i = 0; i < s.indicators.size(); ++i)
      if (s.indicators[i].name == name) return i;
    FAIL("no row " << name);
    return std::size_t{0};
  };
  auto budget = find_row("预算执行率"), costs = find_row("公用经费控制率"), timely = find_row("项目完成及时性"),
       satisfied = find_row("公众或服务对象满意度");
  std::vector<std::string> want{
      "scoring.declared-differs /departments/0/scorecard/" + std::to_string(budget) + "/score computed 5.82 declared 3",
      "scoring.declared-differs /departments/0/scorecard/" + std::to_string(costs) + "/score computed 5 declared 6"};
  std::sort(want.begin(), want.end());
  CHECK(got == want);
  CHECK(*s.indicators[timely].computed == 600);
  CHECK(*s.indicators[satisfied].computed == 600);
  CHECK(s.indicators[budget].rule == "formula");
  CHECK(s.indicators[budget].score == 300);  // the declared score is kept
  CHECK(s.indicators[0].rule == "declared");
}

TEST_CASE("a variant rule set written only as a file scores with no code change", "[scoring][rules]") {
  auto rs = load("tests/data/variant.rules.json");
  auto scores = scoring::score_all(data("tests/data/variant.data.json"), *rs);
  REQUIRE(scores.size() == 1);
  auto& s = scores[0];
  CHECK(s.title == "变体项目");
  CHECK(scoring::centi_text(s.lines[0].score, -1) == "16");  // 80% spent: 20 × 0.8
  CHECK(weights(s) == std::vector<std::string>{"10", "6.66", "6.68", "6.66", "15", "15", "20"});
  std::vector<std::string> got;
  for (auto& i : s.indicators) got.push_back(i.rule + " " + scoring::centi_text(i.score, -1));
  CHECK(got == std::vector<std::string>{"declared 10",  // 决策: declared
                                        "ratio 5.99",   // 90% of 100%: 6.66 × 0.9
                                        "ratio 6.68",   // 健全 = 健全
                                        "ratio 5",      // 3 of ≥4 次: 6.66 × 0.75 = 4.995, half up
                                        "band 13.5",    // 95 of 100 人: 5 points below × 2%
                                        "band 15",      // before the deadline
                                        "ratio 20"});   // ≤50 万元, 40 spent
  CHECK(scoring::centi_text(s.total, -1) == "92.17");
  CHECK(s.grade == "A");
  CHECK(s.findings.empty());
}
