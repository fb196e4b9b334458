// A category's fixed official weights by indicator name ("weights"), and strict rule-set
// loading: unknown keys at every level, an unused formula "weight", points that do not add
// up to the total — each an error at file:line:col with its JSON pointer.
#include <catch2/catch.hpp>

#include <fstream>

#include "loaded_rules.h"
#include "scoring/scoring.h"
#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

json suzhou_rules() {
  json r = json::parse(test::slurp(test::source_path("templates/rules/suzhou-2021.json")));
  r["id"] = "weights";
  return r;
}

json suzhou_data() { return json::parse(test::slurp(test::source_path("examples/suzhou-2021-project-selfeval.json"))); }

// Seed 000's 投入目标: ten indicators with unequal official weights, 24 in all.
const json kInputWeights = json::parse(R"({"资金使用合规性": 3, "工程管理规范性": 5, "配套设施到位率": 1,
  "预算执行率": 6, "政府采购规范性": 2, "可行性研究充分性": 1, "专款专用率": 3, "资金节约率": 1,
  "业务运维体系健全性": 1, "财务制度健全性": 1})");

using Loaded = test::LoadedRules;
std::unique_ptr<Loaded> load(const json& rules) { return test::load_rules(rules, "weights"); }
std::string all(const DiagnosticSink& sink) { return test::all_formatted(sink); }

// The one error at pointer (located at a line of the file).
Diagnostic error_at(const Loaded& l, const std::string& pointer) {
  INFO(all(l.sink));
  REQUIRE(l.sink.has_errors());
  for (const auto& d : l.sink.all())
    if (d.place.pointer == pointer && d.severity == Severity::Error) {
      CHECK(d.file == l.path);
      CHECK(d.place.line > 0);
      return d;
    }
  FAIL("no error at " + pointer);
  return Diagnostic{};
}

std::vector<std::string> weights(const scoring::DocumentScore& s) {
  std::vector<std::string> out;
  for (const auto& i : s.indicators) out.push_back(scoring::centi_text(i.weight, -1));
  return out;
}

}  // namespace

TEST_CASE("rule weights: a category's official unequal weights by name score as the seed's", "[scoring][rules][weights]") {
  json original = suzhou_data();
  auto plain = load(suzhou_rules());
  REQUIRE_FALSE(plain->sink.has_errors());
  auto before = scoring::score_all(original, *plain->rules);

  json r = suzhou_rules();
  r["categories"][0]["weights"] = kInputWeights;
  auto l = load(r);
  INFO(all(l->sink));
  REQUIRE_FALSE(l->sink.has_errors());
  json data = original;
  for (auto& ind : data["projects"][0]["indicators"]) ind.erase("weight");  // none in the data
  auto after = scoring::score_all(data, *l->rules);
  REQUIRE(after.size() == 1);
  CHECK(weights(after[0]) == weights(before[0]));
  CHECK(weights(after[0])[3] == "6");
  CHECK(after[0].indicators[3].weight_source == "rule");
  CHECK(after[0].indicators[10].weight_source == "split");
  CHECK(after[0].total == before[0].total);
  CHECK(after[0].grade == before[0].grade);
  REQUIRE(after[0].categories.size() == 4);  // the category is kept, in score --json too
  CHECK(after[0].categories[0].name == "投入目标");
  CHECK(after[0].categories[0].weight == 2400);
  CHECK(scoring::to_json(after).find("\"投入目标\"") != std::string::npos);
  for (const auto& f : after[0].findings) CHECK(f.code != "scoring.category-points");
}

TEST_CASE("rule weights: unnamed indicators share what is left by the remainder rule, the data's win", "[scoring][rules][weights]") {
  json r = suzhou_rules();
  r["categories"][0]["weights"] = {{"资金使用合规性", 3}, {"工程管理规范性", 5}};
  r["categories"][0]["remainder"] = "first";
  auto l = load(r);
  INFO(all(l->sink));
  REQUIRE_FALSE(l->sink.has_errors());
  json data = suzhou_data();
  auto& inds = data["projects"][0]["indicators"];
  for (auto& ind : inds) ind.erase("weight");
  inds[1]["weight"] = 4;  // 工程管理规范性 as the data gives it: wins over the rule's 5
  auto s = scoring::score_all(data, *l->rules)[0];
  // 24 - 3 - 4 = 17 over the other eight: 2.16 first (the remainder), 2.12 ×7.
  auto w = weights(s);
  CHECK(std::vector<std::string>(w.begin(), w.begin() + 10) ==
        std::vector<std::string>{"3", "4", "2.16", "2.12", "2.12", "2.12", "2.12", "2.12", "2.12", "2.12"});
  CHECK(s.indicators[0].weight_source == "rule");
  CHECK(s.indicators[1].weight_source == "declared");
  CHECK(s.indicators[2].weight_source == "split");
}

TEST_CASE("rule weights: bad weights are load errors naming the pointer and the numbers", "[scoring][rules][weights]") {
  json r = suzhou_rules();
  r["categories"][0]["weights"] = kInputWeights;
  r["categories"][0]["weights"]["资金使用合规性"] = 4;  // 25 in a category of 24
  auto l = load(r);
  auto d = error_at(*l, "/categories/0/weights");
  CHECK(d.code == "rules.weights");
  CHECK(d.message == "the weights of 投入目标 add up to 25, more than its points 24");

  r = suzhou_rules();
  r["categories"][0]["weights"] = json::array({3, 5, 1});
  l = load(r);
  d = error_at(*l, "/categories/0/weights");
  CHECK(d.code == "rules.type");
  CHECK(d.expected == "an object of indicator name: 分值");

  r = suzhou_rules();
  r["categories"][0]["weights"] = {{"资金使用合规性", -3}};
  l = load(r);
  CHECK(error_at(*l, "/categories/0/weights/资金使用合规性").code == "rules.range");

  r = suzhou_rules();
  r["categories"][0]["weights"] = {{"资金使用合规性", "3"}};
  l = load(r);
  CHECK(error_at(*l, "/categories/0/weights/资金使用合规性").code == "model.type");
}

TEST_CASE("strict rules: an unknown key at any level is an error with the nearest key", "[scoring][rules][strict]") {
  struct Case {
    std::function<void(json&)> edit;
    std::string pointer, hint;
  };
  std::vector<Case> cases = {
      {[](json& r) { r["remainders"] = "first"; }, "/remainders", "did you mean 'remainder'?"},
      {[](json& r) { r["categories"][0]["weight"] = {{"预算执行率", 6}}; }, "/categories/0/weight", "did you mean 'weights'?"},
      {[](json& r) { r["categories"][1]["band"]["full_hihg"] = 1.2; }, "/categories/1/band/full_hihg", "did you mean 'full_high'?"},
      {[](json& r) { r["fields"]["reasn"] = "x"; }, "/fields/reasn", "did you mean 'reason'?"},
      {[](json& r) { r["checks"][0]["mesage"] = "x"; }, "/checks/0/mesage", "did you mean 'message'?"},
      {[](json& r) { r["grades"][0]["grad"] = "优"; }, "/grades/0/grad", "did you mean 'grade'?"},
      {[](json& r) { r["lines"] = json::parse(R"([{"id": "b", "name": "预算执行率", "weight": 10, "scroe": "1"}])"); },
       "/lines/0/scroe", "did you mean 'score'?"},
      {[](json& r) { r["formulas"] = json::parse(R"([{"match": "数据库", "inputs": ["a"], "score": "a", "inptus": []}])"); },
       "/formulas/0/inptus", "did you mean 'inputs'?"},
      {[](json& r) { r["lower_is_better"] = json::parse(R"({"field": "level2", "equal": ["成本指标"]})"); },
       "/lower_is_better/equal", "did you mean 'equals'?"},
  };
  for (const auto& c : cases) {
    INFO(c.pointer);
    json r = suzhou_rules();
    c.edit(r);
    auto l = load(r);
    auto d = error_at(*l, c.pointer);
    CHECK(d.code == "rules.unknown-field");
    CHECK(d.hints == std::vector<std::string>{c.hint});
  }
  // The place is the key's own line:col, before the pointer.
  json r = suzhou_rules();
  r["remainders"] = "first";
  auto l = load(r);
  auto d = error_at(*l, "/remainders");
  std::string text = test::slurp(l->path);
  CHECK(to_string(line_col(text, text.find("\"remainders\""))) == std::to_string(d.place.line) + ":" + std::to_string(d.place.col));
  CHECK(format(d).find(l->path + ":" + std::to_string(d.place.line) + ":" + std::to_string(d.place.col) +
                       ": /remainders: error: unknown field 'remainders'") == 0);
  // "comment" and "comment_…" keys are comments at any level.
  r = suzhou_rules();
  r["comment_weights"] = "x";
  r["categories"][0]["comment"] = "x";
  l = load(r);
  INFO(all(l->sink));
  CHECK_FALSE(l->sink.has_errors());
}

TEST_CASE("strict rules: a formula's weight is an error, not ignored", "[scoring][rules][strict]") {
  json r = suzhou_rules();
  r["formulas"] = json::parse(R"([{"match": "数据库", "inputs": ["a"], "score": "a", "weight": 5}])");
  auto l = load(r);
  auto d = error_at(*l, "/formulas/0/weight");
  CHECK(d.code == "rules.unknown-field");
  CHECK(d.message == "a formula's 'weight' is not used");
  REQUIRE(d.hints.size() == 1);
  CHECK(d.hints[0] == "give the 分值 of 数据库 in its category's \"weights\" (as \"数据库\": 5)");
}

TEST_CASE("strict rules: points that do not add up to the total are an error naming both", "[scoring][rules][strict]") {
  json r = suzhou_rules();
  r["categories"][0]["points"] = 25;
  auto l = load(r);
  auto d = error_at(*l, "/total");
  CHECK(d.code == "rules.total");
  CHECK(d.message == "the points of the lines, categories and pools add up to 81 ≠ 80, the total");
}
