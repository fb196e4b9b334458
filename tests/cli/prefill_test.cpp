// A self-evaluation that names its declaration: 项目概况, 项目总目标, 年度绩效目标 and the
// indicators' targets come from the declaration (seed 001); the unit adds the rest.
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kDeclaration = test::source_path("examples/suzhou-2021-project-declaration.json");

// The Suzhou self-evaluation example reduced to what the unit adds: actual values and
// scores, no narratives the declaration holds, no targets.
nlohmann::json self_evaluation(const nlohmann::json& decl) {
  auto d = nlohmann::json::parse(test::slurp(test::source_path("examples/suzhou-2021-project-selfeval.json")));
  auto& p = d["projects"][0];
  p["declaration"] = "declaration.json";  // beside the data, where a declaration must be
  p["narratives"].erase("overview");
  p["narratives"].erase("goal");
  p["narratives"].erase("annual_goal");
  const std::map<std::string, std::string> category = {
      {"投入", "投入目标"}, {"产出", "产出目标"}, {"结果", "结果目标"}, {"影响力", "影响力目标"}};
  p["indicators"] = nlohmann::json::array();
  for (auto& di : decl["projects"][0]["indicators"]) {
    std::string target = di["target"];
    if (!target.empty() && target[0] == '=') target = target.substr(1);
    p["indicators"].push_back({{"category", category.at(di["category"])}, {"name", di["name"]},
                               {"actual", target}, {"score", 0}});
  }
  return d;
}

// The self-evaluation as self.json in dir, its declaration beside it.
void write_with_declaration(const std::string& dir, const nlohmann::json& data) {
  std::ofstream(dir + "/self.json") << data.dump(2);
  std::ofstream(dir + "/declaration.json") << test::slurp(kDeclaration);
}

}  // namespace

TEST_CASE("prefill: the declaration's narratives and targets in the self-evaluation", "[cli][prefill]") {
  REQUIRE(test::file_exists(kDeclaration));
  auto decl = nlohmann::json::parse(test::slurp(kDeclaration));
  auto dir = test::temp_dir("prefill");
  auto data = self_evaluation(decl);
  write_with_declaration(dir, data);
  auto r = test::run_jixiao("render " + dir + "/self.json -o " + dir + "/out.pdf");
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  CHECK(r.err.find("prefill.conflict") == std::string::npos);
  auto text = test::strip_space(test::run_command("pdftotext -raw " + dir + "/out.pdf -").out);
  auto& dp = decl["projects"][0];
  for (const char* field : {"overview", "goal", "annual_goal"}) {
    std::string value = dp[field];
    std::size_t start = 0;
    for (auto nl = value.find('\n'); ; nl = value.find('\n', start)) {
      std::string paragraph = value.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
      INFO(field << ": " << paragraph);
      CHECK(text.find(test::strip_space(paragraph)) != std::string::npos);
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
  }
  for (auto& di : dp["indicators"]) {
    INFO(di["name"]);
    CHECK(text.find(test::strip_space(di["target"].get<std::string>())) != std::string::npos);
  }
}

TEST_CASE("prefill: a target in both that differs is a warning, the declaration's stands", "[cli][prefill]") {
  auto decl = nlohmann::json::parse(test::slurp(kDeclaration));
  auto dir = test::temp_dir("prefill");
  auto data = self_evaluation(decl);
  data["projects"][0]["indicators"][0]["target"] = "90%";
  write_with_declaration(dir, data);
  auto r = test::run_jixiao("check " + dir + "/self.json");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  std::string want = "/projects/0/indicators/0/target: warning: differs from the declaration; the declaration's "
                     "value is used; expected " + decl["projects"][0]["indicators"][0]["target"].get<std::string>() +
                     ", got 90%";
  CHECK(r.err.find(want) != std::string::npos);
}

TEST_CASE("prefill: a declaration that cannot be read is an error at the link", "[cli][prefill]") {
  auto dir = test::temp_dir("prefill");
  auto data = nlohmann::json::parse(test::slurp(test::source_path("examples/suzhou-2021-project-selfeval.json")));
  data["projects"][0]["declaration"] = "nope.json";
  std::ofstream(dir + "/self.json") << data.dump(2);
  auto r = test::run_jixiao("render " + dir + "/self.json -o " + dir + "/out.pdf");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/projects/0/declaration: error: the declaration 'nope.json' cannot be read: cannot read file: no such file or directory") != std::string::npos);
  CHECK_FALSE(test::file_exists(dir + "/out.pdf"));
}
