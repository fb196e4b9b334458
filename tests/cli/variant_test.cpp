// A new city's variant of a form is files only: a template and a rule set copied into a
// directory of the user's, found with --templates, scored and rendered with no rebuild.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

}  // namespace

TEST_CASE("a variant template and rule set from a user directory", "[cli][variant]") {
  auto dir = test::temp_dir("variant");
  test::run_command("mkdir -p " + dir + "/forms " + dir + "/rules");
  // The template: another id, another title, its own rule set.
  std::string xml = test::slurp(test::source_path("templates/forms/shenzhen-project-selfeval-2021.xml"));
  xml = test::replace_all(xml, "id=\"shenzhen-project-selfeval-2021\" rules=\"shenzhen-project-2021\"",
                    "id=\"variant-city-2022\" rules=\"variant-city-2022\"");
  xml = test::replace_all(xml, ">项目支出绩效自评表<", ">某市项目支出绩效自评表（2022）<");
  std::ofstream(dir + "/forms/variant-city-2022.xml") << xml;
  // The rule set: other category names, another split of points.
  auto rules = nlohmann::json::parse(test::slurp(test::source_path("templates/rules/shenzhen-project-2021.json")));
  rules["id"] = "variant-city-2022";
  rules["categories"] = nlohmann::json::parse(R"([
    {"name": "产出", "points": 50, "method": "ratio"},
    {"name": "效益", "points": 20, "method": "ratio"},
    {"name": "满意度", "points": 20, "method": "ratio"}])");
  std::ofstream(dir + "/rules/variant-city-2022.json") << rules.dump(2);
  // Data in the variant's words.
  auto data = nlohmann::json::parse(test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json")));
  data["form"] = "variant-city-2022";
  data["projects"] = nlohmann::json::array({data["projects"][0]});
  for (auto& ind : data["projects"][0]["indicators"]) {
    std::string l1 = ind["level1"];
    ind["level1"] = l1.substr(0, l1.size() - std::string("指标").size());
    ind["weight"] = 10.0;  // another split: 产出 4 × 12.5 becomes …
  }
  auto& inds = data["projects"][0]["indicators"];
  inds[0]["weight"] = 20.0; inds[0]["score"] = 20.0;  // 产出: 20 + 10 + 10 + 10 = 50
  inds[1]["score"] = 10.0; inds[2]["score"] = 10.0; inds[3]["score"] = 10.0;
  inds[4]["weight"] = 0.0; inds[5]["weight"] = 20.0; inds[6]["weight"] = 0.0; inds[7]["weight"] = 20.0;
  std::ofstream(dir + "/data.json") << data.dump(2);

  auto list = test::run_jixiao("templates --templates " + dir);
  CHECK(list.exit_code == 0);
  CHECK(list.out.find("variant-city-2022\tvariant-city-2022\tshenzhen-project-selfeval\t" + dir) == 0);

  auto score = test::run_jixiao("score " + dir + "/data.json --json --templates " + dir);
  INFO(score.err);
  REQUIRE(score.exit_code == 0);
  auto doc = nlohmann::json::parse(score.out)["documents"][0];
  CHECK(doc["categories"][0]["name"] == "产出");
  CHECK(doc["categories"][0]["weight"].get<double>() == 50);
  CHECK(doc["total"].get<double>() == Approx(99.8));
  CHECK(doc["findings"].empty());

  auto render = test::run_jixiao("render " + dir + "/data.json -o " + dir + "/out.pdf --templates " + dir);
  INFO(render.err);
  REQUIRE(render.exit_code == 0);
  auto text = test::run_command("pdftotext " + dir + "/out.pdf -");
  CHECK(test::strip_space(text.out).find("某市项目支出绩效自评表（2022）") != std::string::npos);
  CHECK(test::strip_space(text.out).find("20.0") != std::string::npos);
}
