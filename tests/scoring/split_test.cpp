// How a rule set splits points: the remainder's place (first, middle, last, spread) and
// points pooled over several categories; a bad value is a load error with file, pointer,
// the expected values and the nearest name.
#include <catch2/catch.hpp>

#include <fstream>

#include "loaded_rules.h"
#include "scoring/scoring.h"
#include "support/support.h"

using namespace jixiao;
using nlohmann::json;
using V = std::vector<scoring::Centi>;

namespace {

// The shipped 苏州 rule set with 结果目标 renamed 效益目标, 影响力 dropped, 投入 25 and
// 产出 + 效益 sharing 55 points: the later year's variant of issue 13.
json pooled_rules() {
  json r = json::parse(test::slurp(test::source_path("templates/rules/suzhou-2021.json")));
  r["id"] = "pooled";
  r.erase("values");  // the budget identities are not what is tested here
  r.erase("checks");
  json band = r["categories"][1]["band"];
  r["categories"] = json::array({r["categories"][0],
                                 {{"name", "产出目标"}, {"method", "band"}, {"band", band}},
                                 {{"name", "效益目标"}, {"method", "band"}, {"band", band}}});
  r["categories"][0]["points"] = 25;
  r["pools"] = json::parse(R"([{"name": "产出和效益", "categories": ["产出目标", "效益目标"],
                                 "points": 55, "remainder": "first"}])");
  return r;
}

using Loaded = test::LoadedRules;
std::unique_ptr<Loaded> load(const json& rules) { return test::load_rules(rules, "pooled"); }
std::string all(const DiagnosticSink& sink) { return test::all_formatted(sink); }

json indicator(const std::string& category, const std::string& name) {
  return {{"category", category}, {"name", name}, {"target", "=100%"}, {"actual", "100%"}};
}

// One project: 投入 with its weights given (4 + 21 = 25), three 产出 and three 效益 without.
json project() {
  json inds = json::array({indicator("投入目标", "资金使用合规性"), indicator("投入目标", "预算执行率")});
  inds[0]["weight"] = 4;
  inds[1]["weight"] = 21;
  for (const char* n : {"数据库", "验收合格率", "信息化平台"}) inds.push_back(indicator("产出目标", n));
  for (const char* n : {"使用单位满意度", "数据共享率", "业务系统稳定性"}) inds.push_back(indicator("效益目标", n));
  return {{"name", "苏州市住房保障一体化信息平台"}, {"indicators", inds}};
}

std::vector<std::string> weights(const scoring::DocumentScore& s) {
  std::vector<std::string> out;
  for (const auto& i : s.indicators) out.push_back(scoring::centi_text(i.weight, -1));
  return out;
}

}  // namespace

TEST_CASE("the remainder of a split lands first, middle, last or spread", "[scoring][split]") {
  using R = scoring::Remainder;
  CHECK(scoring::split_points(5500, 6, R::First) == V{920, 916, 916, 916, 916, 916});
  CHECK(scoring::split_points(5500, 6, R::Middle) == V{916, 916, 916, 920, 916, 916});
  CHECK(scoring::split_points(5500, 6, R::Last) == V{916, 916, 916, 916, 916, 920});
  CHECK(scoring::split_points(5500, 6, R::Spread) == V{917, 917, 917, 917, 916, 916});
  CHECK(scoring::split_points(5500, 6) == scoring::split_points(5500, 6, R::Middle));  // the default
  for (R r : {R::First, R::Middle, R::Last, R::Spread}) {
    CHECK(scoring::split_points(2600, 4, r) == V{650, 650, 650, 650});  // nothing left over
    CHECK(scoring::split_points(1000, 0, r).empty());
    auto parts = scoring::split_points(5000, 7, r);                     // seed 004: 50 over 7
    scoring::Centi sum = 0;
    for (auto p : parts) sum += p;
    CHECK(sum == 5000);
  }
}

TEST_CASE("points pooled over two categories split over all their indicators", "[scoring][split]") {
  auto loaded = load(pooled_rules());
  INFO(all(loaded->sink));
  REQUIRE_FALSE(loaded->sink.has_errors());
  const auto& rs = *loaded->rules;
  REQUIRE(rs.pools.size() == 1);
  CHECK(rs.pools[0].name == "产出和效益");
  CHECK(rs.categories[1].pool == "产出和效益");

  auto s = scoring::score_document(project(), "/projects/0", rs);
  CHECK(weights(s) == std::vector<std::string>{"4", "21", "9.2", "9.16", "9.16", "9.16", "9.16", "9.16"});
  CHECK(s.indicators[2].weight_source == "split");
  CHECK(scoring::centi_text(s.total, -1) == "80");  // every band met: full weights
  for (const auto& f : s.findings) INFO(f.code + " " + f.message + scoring::numbers_text(f));
  CHECK(s.findings.empty());
  REQUIRE(s.categories.size() == 3);
  CHECK(s.categories[1].points == 2752);  // a pooled category's points: the share it got
  CHECK(s.categories[2].points == 2748);

  // A weight given in the data comes off the pool first: 55 − 10 over the other five.
  json p = project();
  p["indicators"][7]["weight"] = 10;
  s = scoring::score_document(p, "/projects/0", rs);
  CHECK(weights(s) == std::vector<std::string>{"4", "21", "9", "9", "9", "9", "9", "10"});

  // The pool's sum is checked like a category's.
  p["indicators"][7]["weight"] = 60;
  s = scoring::score_document(p, "/projects/0", rs);
  bool found = false;
  for (const auto& f : s.findings)
    if (f.code == "scoring.category-points") {
      found = true;
      CHECK(f.message == "分值 of pool 产出和效益 do not add up to the pool's points");
      CHECK(scoring::numbers_text(f) == " (points 55, sum of 分值 60)");
    }
  CHECK(found);
}

TEST_CASE("a category's and the rule set's remainder", "[scoring][split]") {
  json r = pooled_rules();
  r.erase("pools");
  r["categories"][1]["points"] = 27;  // 27 over 3: no remainder; 28 over 3 leaves 0.01
  r["categories"][2]["points"] = 28;
  r["remainder"] = "last";
  auto loaded = load(r);
  INFO(all(loaded->sink));
  REQUIRE_FALSE(loaded->sink.has_errors());
  auto s = scoring::score_document(project(), "/projects/0", *loaded->rules);
  CHECK(weights(s) == std::vector<std::string>{"4", "21", "9", "9", "9", "9.33", "9.33", "9.34"});

  r["categories"][2]["remainder"] = "first";  // the category's own place wins
  loaded = load(r);
  s = scoring::score_document(project(), "/projects/0", *loaded->rules);
  CHECK(weights(s) == std::vector<std::string>{"4", "21", "9", "9", "9", "9.34", "9.33", "9.33"});

  r.erase("remainder");  // none anywhere: the middle, as seed 000 and every shipped form
  r["categories"][2].erase("remainder");
  loaded = load(r);
  s = scoring::score_document(project(), "/projects/0", *loaded->rules);
  CHECK(weights(s) == std::vector<std::string>{"4", "21", "9", "9", "9", "9.33", "9.34", "9.33"});
}

TEST_CASE("a bad remainder or pool is a load error naming file, pointer and the expected", "[scoring][split]") {
  // The error reported at place (others may follow from it, such as a category left
  // without points when its pool names it wrongly).
  auto error_at = [](const Loaded& l, const std::string& place) {
    INFO(all(l.sink));
    REQUIRE(l.sink.has_errors());
    for (const auto& d : l.sink.all())
      if (d.place.pointer == place) return d;
    FAIL("no error at " + place);
    return Diagnostic{};
  };
  json r = pooled_rules();
  r["pools"][0]["remainder"] = "frist";
  auto l = load(r);
  auto d = error_at(*l, "/pools/0/remainder");
  CHECK(d.code == "rules.value");
  CHECK(d.file == l->path);
  CHECK(d.expected == "one of: first, middle, last, spread");
  CHECK(d.got == "'frist'");
  CHECK(d.hints == std::vector<std::string>{"did you mean 'first'?"});
  // At the value's line:col in the file, then its pointer.
  CHECK(format(d).find(l->path + ":" + std::to_string(d.place.line) + ":" + std::to_string(d.place.col) +
                       ": /pools/0/remainder: error: unknown remainder place 'frist'") == 0);
  CHECK(d.place.line > 1);

  r = pooled_rules();
  r["remainder"] = 1;
  l = load(r);
  CHECK(error_at(*l, "/remainder").expected == "a string");

  r = pooled_rules();
  r["categories"][2]["remainder"] = "centre";
  l = load(r);
  d = error_at(*l, "/categories/2/remainder");
  CHECK(d.code == "rules.pool");  // a pooled category takes its pool's place

  r = pooled_rules();
  r["pools"][0]["categories"][1] = "效益目的";
  l = load(r);
  d = error_at(*l, "/pools/0/categories/1");
  CHECK(d.code == "rules.value");
  CHECK(d.message == "'效益目的' is not a category of the rule set");
  CHECK(d.expected == "one of: 投入目标, 产出目标, 效益目标");
  CHECK(d.hints == std::vector<std::string>{"did you mean '效益目标'?"});

  r = pooled_rules();
  r["categories"][1]["points"] = 27;  // two truths for one category's points
  l = load(r);
  CHECK(error_at(*l, "/categories/1/points").code == "rules.pool");

  r = pooled_rules();
  r["pools"].push_back({{"categories", json::array({"效益目标"})}, {"points", 1}});
  l = load(r);
  d = error_at(*l, "/pools/1/categories/0");
  CHECK(d.code == "rules.pool");
  CHECK(d.message == "category '效益目标' is in two pools");

  r = pooled_rules();
  r["categories"].push_back({{"name", "影响力目标"}});
  r["pools"].push_back({{"name", "产出和效益"}, {"categories", json::array({"影响力目标"})}, {"points", 0}});
  l = load(r);
  CHECK(error_at(*l, "/pools/1/name").message == "two pools are named '产出和效益'");

  r = pooled_rules();  // a misspelt key would leave the default in silence
  r["categories"][0]["remainer"] = "first";
  l = load(r);
  d = error_at(*l, "/categories/0/remainer");
  CHECK(d.code == "rules.unknown-field");
  CHECK(d.expected == "one of: name, points, method, band, remainder, weights");
  CHECK(d.hints == std::vector<std::string>{"did you mean 'remainder'?"});

  r = pooled_rules();
  r["pools"][0]["point"] = 55;
  l = load(r);
  CHECK(error_at(*l, "/pools/0/point").hints == std::vector<std::string>{"did you mean 'points'?"});

  r = pooled_rules();
  r["pools"][0].erase("points");
  l = load(r);
  CHECK(error_at(*l, "/pools/0/points").code == "model.missing");
}
