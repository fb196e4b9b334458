// Issue 13's later-year 苏州 form, made from copied files only: 产出 and 效益 share one pool
// of 55 points over their six indicators, the remainder on the first (9.2, then 9.16 ×5),
// and the data gives no weights.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

// The shipped form, schema and rule set copied under new ids; 结果目标 becomes 效益目标,
// 影响力 goes, 投入 carries 25 and the pool 55. remainder: the pool's place, null for none.
std::string variant_dir(const json& remainder) {
  auto dir = test::temp_dir("variant-pool");
  test::run_command("mkdir -p " + dir + "/forms " + dir + "/rules " + dir + "/schemas");
  std::string xml = test::slurp(test::source_path("templates/forms/suzhou-project-selfeval-2021.xml"));
  xml = test::replace_all(xml, "id=\"suzhou-project-selfeval-2021\" rules=\"suzhou-2021\" schema=\"suzhou-project-selfeval\"",
                    "id=\"suzhou-project-selfeval-2023\" rules=\"suzhou-2023\" schema=\"suzhou-selfeval-2023\"");
  std::ofstream(dir + "/forms/suzhou-project-selfeval-2023.xml") << xml;
  std::string schema = test::slurp(test::source_path("templates/schemas/suzhou-project-selfeval.schema.json"));
  schema = test::replace_all(schema, "\"结果目标\"", "\"效益目标\"");
  schema = test::replace_all(schema, "\"suzhou-project-selfeval-2021\"", "\"suzhou-project-selfeval-2023\"");  // its form id
  std::ofstream(dir + "/schemas/suzhou-selfeval-2023.schema.json") << schema;

  json rules = json::parse(test::slurp(test::source_path("templates/rules/suzhou-2021.json")));
  rules["id"] = "suzhou-2023";
  json cats = rules["categories"];
  cats[0]["points"] = 25;
  cats[1].erase("points");
  cats[2].erase("points");
  cats[2]["name"] = "效益目标";
  rules["categories"] = json::array({cats[0], cats[1], cats[2]});
  json pool = {{"categories", json::array({"产出目标", "效益目标"})}, {"points", 55}};
  if (!remainder.is_null()) pool["remainder"] = remainder;
  rules["pools"] = json::array({pool});
  std::ofstream(dir + "/rules/suzhou-2023.json") << rules.dump(2);

  json data = json::parse(test::slurp(test::source_path("examples/suzhou-2021-project-selfeval.json")));
  data.erase("$schema");
  data["form"] = "suzhou-project-selfeval-2023";
  json kept = json::array();
  int outputs = 0, outcomes = 0;
  for (json ind : data["projects"][0]["indicators"]) {
    std::string category = ind["category"];
    if (category == "投入目标") {
      kept.push_back(ind);
    } else if ((category == "产出目标" && outputs++ < 3) || (category == "结果目标" && outcomes++ < 3)) {
      if (category == "结果目标") ind["category"] = "效益目标";
      ind.erase("weight");
      ind["score"] = kept.size() == 10 ? 9.2 : 9.16;  // as the unit printed them
      kept.push_back(ind);
    }
  }
  kept[0]["weight"] = 4;  // 投入: 24 + 1
  kept[0]["score"] = 4;
  data["projects"][0]["indicators"] = kept;
  std::ofstream(dir + "/data.json") << data.dump(2);
  return dir;
}

// The variant's data rendered with its templates, as pdftotext reads it, without spaces.
std::string rendered_text(const std::string& dir) {
  auto render = test::run_jixiao("render " + dir + "/data.json -o " + dir + "/out.pdf --templates " + dir);
  INFO(render.err);
  REQUIRE(render.exit_code == 0);
  return test::strip_space(test::run_command("pdftotext " + dir + "/out.pdf -").out);
}

}  // namespace

TEST_CASE("pooled categories with the remainder first reproduce 9.2 and 9.16 x5", "[cli][variant][pool]") {
  auto dir = variant_dir("first");
  auto score = test::run_jixiao("score " + dir + "/data.json --json --templates " + dir);
  INFO(score.err);
  REQUIRE(score.exit_code == 0);
  auto doc = json::parse(score.out)["documents"][0];
  std::vector<double> weights;
  for (const auto& ind : doc["indicators"])
    if (ind["category"] != "投入目标") {
      weights.push_back(ind["weight"].get<double>());
      CHECK(ind["weight_source"] == "split");
    }
  CHECK(weights == std::vector<double>{9.2, 9.16, 9.16, 9.16, 9.16, 9.16});
  CHECK(doc["total"].get<double>() == Approx(80));
  CHECK(doc["findings"].empty());

  auto text = rendered_text(dir);
  // 指标名称, 目标值, 权重, 实际完成值, 自评分
  CHECK(text.find("数据库=1套9.21套9.2") != std::string::npos);
  CHECK(text.find("验收合格率=100%9.16100%9.16") != std::string::npos);

  // The static check knows pools and the remainder's place.
  auto check = test::run_jixiao("templates --check --templates " + dir);
  INFO(check.err);
  CHECK(check.exit_code == 0);
}

TEST_CASE("without the remainder's place the pool splits as seed 000, and the finding names 分值 and 得分",
          "[cli][variant][pool]") {
  auto dir = variant_dir(nullptr);  // middle: the 9.2 lands on the fourth indicator
  auto check = test::run_jixiao("check " + dir + "/data.json --templates " + dir);
  CHECK(check.exit_code == 2);
  CHECK(check.err.find("/projects/0/indicators/10/score: error: 得分 exceeds 分值 (分值 9.16, 得分 9.2)") !=
        std::string::npos);
  auto score = test::run_jixiao("score " + dir + "/data.json --templates " + dir);
  CHECK(score.out.find("error: /projects/0/indicators/10/score: 得分 exceeds 分值 (分值 9.16, 得分 9.2)") !=
        std::string::npos);
}

namespace {

// Issue 26's variant, in a rule set alone (the data gives no 分值): 投入 by the official
// unequal weights by name, 产出 and 结果 pooled (48 over nine indicators, the remainder
// first: 5.36 then 5.33 ×8), 影响力 split evenly (2.66, 2.68, 2.66).
std::string four_ways_dir() {
  auto dir = test::temp_dir("variant-four-ways");
  test::run_command("mkdir -p " + dir + "/forms " + dir + "/rules " + dir + "/schemas");
  std::string xml = test::slurp(test::source_path("templates/forms/suzhou-project-selfeval-2021.xml"));
  xml = test::replace_all(xml, "id=\"suzhou-project-selfeval-2021\" rules=\"suzhou-2021\" schema=\"suzhou-project-selfeval\"",
                          "id=\"suzhou-project-selfeval-2024\" rules=\"suzhou-2024\" schema=\"suzhou-selfeval-2024\"");
  std::ofstream(dir + "/forms/suzhou-project-selfeval-2024.xml") << xml;
  std::string schema = test::slurp(test::source_path("templates/schemas/suzhou-project-selfeval.schema.json"));
  schema = test::replace_all(schema, "\"suzhou-project-selfeval-2021\"", "\"suzhou-project-selfeval-2024\"");
  std::ofstream(dir + "/schemas/suzhou-selfeval-2024.schema.json") << schema;

  json rules = json::parse(test::slurp(test::source_path("templates/rules/suzhou-2021.json")));
  rules["id"] = "suzhou-2024";
  json& cats = rules["categories"];
  cats[0]["weights"] = {{"资金使用合规性", 3}, {"工程管理规范性", 5}, {"配套设施到位率", 1}, {"预算执行率", 6},
                        {"政府采购规范性", 2}, {"可行性研究充分性", 1}, {"专款专用率", 3},   {"资金节约率", 1},
                        {"业务运维体系健全性", 1}, {"财务制度健全性", 1}};
  cats[1].erase("points");
  cats[2].erase("points");
  rules["pools"] = json::array({{{"categories", json::array({"产出目标", "结果目标"})}, {"points", 48}, {"remainder", "first"}}});
  std::ofstream(dir + "/rules/suzhou-2024.json") << rules.dump(2);

  json data = json::parse(test::slurp(test::source_path("examples/suzhou-2021-project-selfeval.json")));
  data.erase("$schema");
  data["form"] = "suzhou-project-selfeval-2024";
  json kept = json::array();
  for (json ind : data["projects"][0]["indicators"]) {
    if (ind["name"] == "业务系统稳定性") continue;  // nine pooled indicators: 48 does not divide evenly
    ind.erase("weight");
    std::string category = ind["category"];
    if (category == "产出目标" || category == "结果目标") ind["score"] = kept.size() == 10 ? 5.36 : 5.33;
    kept.push_back(ind);
  }
  data["projects"][0]["indicators"] = kept;
  std::ofstream(dir + "/data.json") << data.dump(2);
  return dir;
}

}  // namespace

TEST_CASE("fixed weights by name, an even split and a pool with the remainder first, from the rule set alone",
          "[cli][variant][pool][weights]") {
  auto dir = four_ways_dir();
  auto check = test::run_jixiao("templates --check --templates " + dir);
  INFO(check.err);
  CHECK(check.exit_code == 0);

  auto score = test::run_jixiao("score " + dir + "/data.json --json --templates " + dir);
  INFO(score.err);
  REQUIRE(score.exit_code == 0);
  auto doc = json::parse(score.out)["documents"][0];
  std::map<std::string, std::vector<double>> weights;
  std::map<std::string, std::set<std::string>> sources;
  for (const auto& ind : doc["indicators"]) {
    weights[ind["category"]].push_back(ind["weight"].get<double>());
    sources[ind["category"]].insert(ind["weight_source"].get<std::string>());
  }
  CHECK(weights["投入目标"] == std::vector<double>{3, 5, 1, 6, 2, 1, 3, 1, 1, 1});
  CHECK(sources["投入目标"] == std::set<std::string>{"rule"});
  CHECK(weights["产出目标"] == std::vector<double>{5.36, 5.33, 5.33, 5.33});
  CHECK(weights["结果目标"] == std::vector<double>{5.33, 5.33, 5.33, 5.33, 5.33});
  CHECK(sources["产出目标"] == std::set<std::string>{"split"});
  CHECK(weights["影响力目标"] == std::vector<double>{2.66, 2.68, 2.66});
  CHECK(sources["影响力目标"] == std::set<std::string>{"split"});

  // Every category's 分值 and 得分, and the total.
  std::map<std::string, std::pair<double, double>> categories;
  for (const auto& c : doc["categories"]) categories[c["name"]] = {c["weight"].get<double>(), c["score"].get<double>()};
  CHECK(categories["投入目标"].first == Approx(24));
  CHECK(categories["产出目标"].first == Approx(21.35));
  CHECK(categories["结果目标"].first == Approx(26.65));
  CHECK(categories["影响力目标"].first == Approx(8));
  for (const auto& [name, c] : categories) CHECK(c.second == Approx(c.first));  // every target met
  CHECK(doc["total"].get<double>() == Approx(80));
  CHECK(doc["findings"].empty());

  // On the page: each indicator's 权重 beside its 自评分, and 合计 80 (the form prints no
  // category subtotals: seed 000).
  auto text = rendered_text(dir);
  CHECK(text.find("工程管理规范性规范5100%5") != std::string::npos);
  CHECK(text.find("数据库=1套5.361套5.36") != std::string::npos);
  CHECK(text.find("验收合格率=100%5.33100%5.33") != std::string::npos);
  CHECK(text.find("专职管理落实情况落实2.68100%2.68") != std::string::npos);
  CHECK(text.find("合计80") != std::string::npos);
}

TEST_CASE("a named weight no indicator takes is a warning naming it and the nearest name", "[cli][variant][weights]") {
  auto dir = four_ways_dir();
  std::string rules = test::slurp(dir + "/rules/suzhou-2024.json");
  std::ofstream(dir + "/rules/suzhou-2024.json") << test::replace_all(rules, "\"工程管理规范性\"", "\"工程管理规范\"");
  for (const std::string lang : {"en", "zh"}) {
    auto check = test::run_jixiao("check " + dir + "/data.json --templates " + dir + " --lang " + lang);
    INFO(check.err);
    CHECK(check.exit_code == 0);  // warnings only: 工程管理规范性 now shares what is left
    CHECK(check.err.find(lang == "en" ? "/projects/0/indicators: warning: the rule set gives 工程管理规范 of 投入目标 分值 5, "
                                        "and no indicator of that category has that name (nearest: 工程管理规范性)"
                                      : "/projects/0/indicators: 警告：评分规则给 投入目标 的 工程管理规范 定了分值 5，但该类中没有这个名称的指标"
                                        "（最接近的是 工程管理规范性）") != std::string::npos);
  }
}
