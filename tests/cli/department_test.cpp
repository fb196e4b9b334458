// Seed 003 through the CLI: the department report's score, its findings, and its render.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {
const std::string kDepartment = test::source_path("examples/shenzhen-2020-department-selfeval.json");
}

TEST_CASE("score --json: seed 003's 92.00 and the 预算执行率 the formula disagrees with", "[cli][score][seed003]") {
  auto r = test::run_jixiao("score " + kDepartment + " --json");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);  // findings are the output; none is an error
  CHECK(r.err.empty());       // …and they are printed once, in the output
  auto docs = nlohmann::json::parse(r.out)["documents"];
  REQUIRE(docs.size() == 1);
  CHECK(docs[0]["total_text"] == "92.00");
  CHECK(docs[0]["grade"] == "优");
  bool found = false;
  for (auto& f : docs[0]["findings"]) {
    CHECK(f["pointer"].get<std::string>().rfind("/departments/0/", 0) == 0);
    if (f["code"] == "scoring.declared-differs" && f["message"].get<std::string>().find("预算执行率") != std::string::npos) {
      found = true;
      CHECK(f["computed"] == "5.82");
      CHECK(f["declared"] == "3");
    }
  }
  CHECK(found);
}

TEST_CASE("check: validation and the bureau's checks, exit 0 without errors", "[cli][check]") {
  auto ok = test::run_jixiao("check " + kDepartment);
  CHECK(ok.exit_code == 0);
  CHECK(ok.err.find("/departments/0/scorecard/15/score: warning: declared 得分 of 预算执行率") != std::string::npos);
  auto dir = test::temp_dir("check");
  auto data = nlohmann::json::parse(test::slurp(kDepartment));
  data["departments"][0]["task_total"]["budget"] = 1701.5;
  std::ofstream(dir + "/d.json") << data.dump();
  auto bad = test::run_jixiao("check " + dir + "/d.json");
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("/departments/0/task_total/budget: error: 金额合计 预算数 ≠ the sum of the tasks (computed 1701.05, declared 1701.5)") !=
        std::string::npos);
}

TEST_CASE("every finding of every example names a JSON pointer", "[cli][score]") {
  for (const char* ex : {"examples/shenzhen-2021-project-selfeval.json", "examples/shenzhen-2020-department-selfeval.json",
                         "examples/suzhou-2021-project-selfeval.json"}) {
    INFO(ex);
    auto r = test::run_jixiao(std::string("score ") + test::source_path(ex) + " --json");
    REQUIRE(r.exit_code == 0);
    // The parsed document must outlive the loop: a range-for over a member of a temporary
    // keeps only the member's reference, and the temporary dies before the first iteration.
    auto parsed = nlohmann::json::parse(r.out);
    for (auto& d : parsed["documents"])
      for (auto& f : d["findings"]) CHECK(f["pointer"].get<std::string>().size() > 1);
  }
}

TEST_CASE("render: the department report, 评分表 across pages under its repeated header", "[cli][render][seed003]") {
  auto dir = test::temp_dir("dept");
  auto r = test::run_jixiao("render " + kDepartment + " -o " + dir + "/d.pdf --date 2021-03-01");
  INFO(r.err);
  REQUIRE(r.exit_code == 3);  // written, with the two formula disagreements as warnings
  auto info = test::run_command("pdfinfo " + dir + "/d.pdf");
  int pages = 0;
  auto at = info.out.find("Pages:");
  REQUIRE(at != std::string::npos);
  pages = std::stoi(info.out.substr(at + 6));
  CHECK(pages >= 8);
  int scorecard_pages = 0;
  for (int p = 1; p <= pages; ++p) {
    auto t = test::run_command("pdftotext -f " + std::to_string(p) + " -l " + std::to_string(p) + " -layout " + dir + "/d.pdf -");
    std::string text = test::strip_space(t.out);
    if (text.find("指标说明") != std::string::npos && text.find("评分标准") != std::string::npos) {
      ++scorecard_pages;
      CHECK(text.find("一级指标") != std::string::npos);  // the header rows, on every page
    }
  }
  CHECK(scorecard_pages >= 3);
  CHECK(test::run_command("qpdf --check " + dir + "/d.pdf").exit_code == 0);
}
