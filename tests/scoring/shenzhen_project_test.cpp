// Seed 004 (深圳 2021 项目支出绩效自评表) is the oracle: every 执行率, budget-line 得分 and
// 总分 printed in it is reproduced here from the example data and the rule set file.
#include <catch2/catch.hpp>

#include <algorithm>

#include "model/model.h"
#include "scoring/scoring.h"
#include "support/support.h"

using namespace jixiao;

namespace {

const scoring::RuleSet& rules() {
  static std::unique_ptr<scoring::RuleSet> rs = [] {
    DiagnosticSink sink;
    auto r = scoring::load_rule_set(test::source_path("templates/rules/shenzhen-project-2021.json"), sink);
    for (auto& d : sink.all()) INFO(format(d));
    REQUIRE_FALSE(sink.has_errors());
    return r;
  }();
  return *rs;
}

nlohmann::json example() {
  return nlohmann::json::parse(test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json")));
}

std::vector<std::string> codes(const scoring::DocumentScore& s) {
  std::vector<std::string> out;
  for (auto& f : s.findings) out.push_back(std::string(severity_name(f.severity)) + " " + f.code + " " + f.pointer);
  return out;
}

}  // namespace

TEST_CASE("seed 004: budget-line 执行率 and 得分 of the nine projects", "[scoring][seed004]") {
  auto scores = scoring::score_all(example(), rules());
  REQUIRE(scores.size() == 9);
  const char* rates[] = {"0.98", "1", "0.87", "0.86", "1", "0.98", "0.99", "1", "1"};
  const char* points[] = {"9.80", "10.00", "8.70", "8.60", "10.00", "9.80", "9.90", "10.00", "10.00"};
  for (std::size_t i = 0; i < 9; ++i) {
    auto& s = scores[i];
    INFO(s.title);
    CHECK(scoring::centi_text(scoring::to_centi(s.values["rate_total"].get<double>()), -1) == rates[i]);
    CHECK(s.values["rate_fiscal"] == s.values["rate_total"]);
    CHECK(s.values["rate_carryover"].get<double>() == 0);
    REQUIRE(s.lines.size() == 1);
    CHECK(s.lines[0].name == "预算执行率");
    CHECK(s.lines[0].weight == 1000);
    CHECK(scoring::centi_text(s.lines[0].score, 2) == points[i]);
  }
}

TEST_CASE("seed 004: the nine 总分, grades and weights", "[scoring][seed004]") {
  auto scores = scoring::score_all(example(), rules());
  const char* totals[] = {"99.8", "100", "98.7", "92.6", "100", "99.8", "99.9", "100", "100"};
  for (std::size_t i = 0; i < 9; ++i) {
    auto& s = scores[i];
    INFO(s.title);
    CHECK(scoring::centi_text(s.total, -1) == totals[i]);
    CHECK(s.max == 10000);
    CHECK(s.grade == "优");
    REQUIRE(s.categories.size() == 3);
    CHECK(s.categories[0].weight == 5000);  // 产出 50
    CHECK(s.categories[1].weight == 2000);  // 效益 20
    CHECK(s.categories[2].weight == 2000);  // 满意度 20
    for (auto& f : s.findings) CHECK(f.severity != Severity::Error);
  }
  CHECK(scores[2].indicators[1].weight == 715);  // 7.15 as the data declares
  CHECK(scores[2].indicators[1].weight_source == "declared");
}

TEST_CASE("seed 004: declared scores are kept, and where they differ from the rule a finding says so",
          "[scoring][seed004]") {
  auto scores = scoring::score_all(example(), rules());
  // 源码 project: 时效 "2021年7月前完成" met on 2021年12月3日 — the rule gives 0, the unit
  // declared 6 of 12 with its reason.
  auto& late = scores[3].indicators[2];
  CHECK(late.name == "平台搭建完成时间");
  CHECK(late.weight == 1200);
  CHECK(late.score == 600);
  REQUIRE(late.computed);
  CHECK(*late.computed == 0);
  CHECK(codes(scores[3]) == std::vector<std::string>{"note scoring.declared-differs /projects/3/indicators/2/score"});
  // 信息基础设施: cost target "≤124000" against 1170000 — "设置指标少写一个0", full score kept.
  auto& cost = scores[5].indicators[3];
  CHECK(cost.score == 1250);
  REQUIRE(cost.computed);
  CHECK(*cost.computed == 132);  // 12.5 × 124000/1170000 = 1.3248
  CHECK(codes(scores[5]) == std::vector<std::string>{"note scoring.declared-differs /projects/5/indicators/3/score"});
  // Elsewhere the rule agrees with every declared score.
  for (int i : {0, 1, 2, 4, 6, 7, 8}) CHECK(codes(scores[static_cast<std::size_t>(i)]).empty());
  // A cost written without "≤" is still 反向: 46 万元 budgeted, 31.92 spent → full.
  CHECK(*scores[3].indicators[3].computed == 1200);
}

TEST_CASE("执行率 rounds half up on the exact quotient", "[scoring]") {
  auto doc = example()["projects"][0];
  auto with = [&](double executed, double annual) {
    for (const char* line : {"total", "fiscal"}) {
      doc["funds"][line]["annual"] = annual;
      doc["funds"][line]["initial"] = annual;
      doc["funds"][line]["executed"] = executed;
    }
    return scoring::score_document(doc, "/projects/0", rules());
  };
  CHECK(scoring::centi_text(with(870996, 890000).lines[0].score, 2) == "9.80");  // 0.97865 → 0.98
  CHECK(scoring::centi_text(with(242730, 280000).lines[0].score, 2) == "8.70");  // 0.86689 → 0.87
  CHECK(scoring::centi_text(with(319200, 370000).lines[0].score, 2) == "8.60");  // 0.86270 → 0.86
  CHECK(scoring::centi_text(with(2784690.56, 2800000).lines[0].score, 2) == "9.90");
  CHECK(scoring::centi_text(with(145, 1000).lines[0].score, 2) == "1.50");  // 0.145 → 0.15: half goes up
  CHECK(scoring::centi_text(with(144.99, 1000).lines[0].score, 2) == "1.40");
  auto over = with(1200, 1000);
  CHECK(scoring::centi_text(over.lines[0].score, 2) == "10.00");  // capped at the weight
  auto o = codes(over);
  CHECK(std::find(o.begin(), o.end(), "warning shenzhen.executed-above-budget /projects/0/funds/total/executed") != o.end());
  auto zero = with(0, 0);
  CHECK(zero.lines[0].score == 0);
  auto z = codes(zero);
  CHECK(std::find(z.begin(), z.end(), "error shenzhen.budget-zero /projects/0/funds/total/annual") != z.end());
}

TEST_CASE("findings name the JSON pointer of the data they concern", "[scoring]") {
  auto doc = example()["projects"][0];
  doc["indicators"][1]["score"] = 13;  // above its weight 12.5
  doc["indicators"][2]["score"] = 10;  // deducted with 无偏差 as reason
  doc["funds"]["total"]["annual"] = 900000.0;  // no longer the sum of its lines
  auto c = codes(scoring::score_document(doc, "/projects/0", rules()));
  auto has = [&](const std::string& x) { return std::find(c.begin(), c.end(), x) != c.end(); };
  CHECK(has("error scoring.score-above-weight /projects/0/indicators/1/score"));
  CHECK(has("warning scoring.deduction-without-reason /projects/0/indicators/2/deviation_reason"));
  CHECK(has("error shenzhen.funds-annual-sum /projects/0/funds/total/annual"));
  for (auto& f : scoring::score_document(doc, "/projects/0", rules()).findings) CHECK(f.pointer.rfind("/projects/0/", 0) == 0);
}

TEST_CASE("category points split in two-decimal steps, the remainder in the middle", "[scoring]") {
  using V = std::vector<scoring::Centi>;
  CHECK(scoring::split_points(2200, 6) == V{366, 366, 366, 370, 366, 366});  // seed 000 结果 22
  CHECK(scoring::split_points(800, 3) == V{266, 268, 266});                  // seed 000 影响力 8
  CHECK(scoring::split_points(2600, 4) == V{650, 650, 650, 650});            // seed 000 产出 26
  CHECK(scoring::split_points(5000, 4) == V{1250, 1250, 1250, 1250});        // seed 004 产出 50
  CHECK(scoring::split_points(1000, 1) == V{1000});
  CHECK(scoring::split_points(1000, 0).empty());
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
