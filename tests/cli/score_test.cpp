// `jixiao score --json` on seed 004's example gives the seed's figures.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

TEST_CASE("score --json: the nine totals and budget-line scores of seed 004", "[cli][score]") {
  auto r = test::run_jixiao("score " + test::source_path("examples/shenzhen-2021-project-selfeval.json") +
                            " --json");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto j = nlohmann::json::parse(r.out);
  auto& docs = j["documents"];
  REQUIRE(docs.size() == 9);
  const double totals[] = {99.8, 100, 98.7, 92.6, 100, 99.8, 99.9, 100, 100};
  const char* budget[] = {"9.80", "10.00", "8.70", "8.60", "10.00", "9.80", "9.90", "10.00", "10.00"};
  const char* names[] = {"档案整理", "电子政务运维", "机房UPS电池更换及蓄电池间消防整改",
                         "市住房建设局应用系统源码及自动发布管控项目", "网站建设管理",
                         "信息基础设施及数据中心管理", "住房建设信息系统建设管理",
                         "2021年电子政务运维", "2020年电子政务运维"};
  for (int i = 0; i < 9; ++i) {
    INFO(names[i]);
    CHECK(docs[i]["title"] == names[i]);
    CHECK(docs[i]["total"].get<double>() == Approx(totals[i]).margin(1e-9));
    CHECK(docs[i]["grade"] == "优");
    auto& b = docs[i]["indicators"][0];
    CHECK(b["name"] == "预算执行率");
    CHECK(b["weight"].get<double>() == 10);
    CHECK(b["score_text"] == budget[i]);
    CHECK(b["score"].get<double>() == Approx(std::stod(budget[i])).margin(1e-9));
    for (auto& f : docs[i]["findings"]) CHECK(f["severity"] != "error");
    CHECK(docs[i]["findings"].size() == (i == 3 || i == 5 ? 1u : 0u));
    for (auto& ind : docs[i]["indicators"]) {
      CHECK(ind.contains("name"));
      CHECK(ind.contains("weight"));
      CHECK(ind.contains("score"));
    }
  }
  CHECK(docs[3]["indicators"][3]["name"] == "平台搭建完成时间");
  CHECK(docs[3]["indicators"][3]["score"].get<double>() == 6);
}

TEST_CASE("score without --json prints a table for people", "[cli][score]") {
  auto r = test::run_jixiao("score " + test::source_path("examples/shenzhen-2021-project-selfeval.json"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("档案整理") != std::string::npos);
  CHECK(r.out.find("total 99.8 / 100  grade 优") != std::string::npos);
  CHECK(r.out.find("  indicator ") != std::string::npos);
  CHECK(r.out.find("执行率 0.87") != std::string::npos);
  CHECK(r.out.find("computed 0, declared 6") != std::string::npos);
}

TEST_CASE("score: the national default form (财预〔2020〕10号)", "[cli][score][mof]") {
  auto r = test::run_jixiao("score " + test::source_path("examples/mof-2020-project-selfeval.json") + " --json");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto doc = nlohmann::json::parse(r.out)["documents"][0];
  // 执行率 87.10/89.00 = 97.87% is not rounded before it scores: 9.79 of 10.
  CHECK(doc["indicators"][0]["score_text"] == "9.79");
  CHECK(doc["total_text"] == "99.79");
  CHECK(doc["grade"] == "优");
  CHECK(doc["categories"][1]["points"].get<double>() == 30);  // 效益 30, 满意度 10
  CHECK(doc["categories"][2]["points"].get<double>() == 10);
  CHECK(doc["findings"].empty());
}
