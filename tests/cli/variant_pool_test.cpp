// Issue 13's later-year 苏州 form, made from copied files only: 产出 and 效益 share one pool
// of 55 points over their six indicators, the remainder on the first (9.2, then 9.16 ×5),
// and the data gives no weights.
#include <catch2/catch.hpp>

#include <fstream>

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

  auto render = test::run_jixiao("render " + dir + "/data.json -o " + dir + "/out.pdf --templates " + dir);
  INFO(render.err);
  REQUIRE(render.exit_code == 0);
  auto text = test::strip_space(test::run_command("pdftotext " + dir + "/out.pdf -").out);
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
