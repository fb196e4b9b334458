// The workbook of a bulk run, read back from the XLSX file itself, says what `jixiao score
// --json` says of each document: title, total, grade and every finding.
#include <catch2/catch.hpp>

#include <map>

#include <nlohmann/json.hpp>

#include "bulk/xlsx_reader.h"
#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

// Rows of a sheet as maps from its header's column names.
std::vector<std::map<std::string, std::string>> table(const std::vector<std::vector<std::string>>& cells) {
  std::vector<std::map<std::string, std::string>> out;
  REQUIRE(!cells.empty());
  for (std::size_t r = 1; r < cells.size(); ++r) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < cells[0].size() && c < cells[r].size(); ++c) row[cells[0][c]] = cells[r][c];
    out.push_back(row);
  }
  return out;
}

// The same number: the sheet holds the shortest text of the value (92 for 92.0).
bool same_number(const std::string& cell, const json& v) {
  if (v.is_null()) return cell.empty();
  return !cell.empty() && std::stod(cell) == v.get<double>();
}

}  // namespace

TEST_CASE("bulk: summary.xlsx read back matches score --json for every example document", "[bulk]") {
  auto dir = test::temp_dir("bulk-xlsx");
  auto r = test::run_jixiao("render " + test::source_path("examples") + " -o " + dir + "/out/ --date 1640995200");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto summary = table(test::read_sheet(dir + "/out/summary.xlsx", 1));
  auto findings = table(test::read_sheet(dir + "/out/summary.xlsx", 2));
  REQUIRE(summary.size() == 13);

  int scored = 0, compared_findings = 0;
  for (const char* example : {"mof-2020-project-selfeval", "shenzhen-2020-department-selfeval",
                              "shenzhen-2021-project-selfeval", "suzhou-2021-project-selfeval"}) {
    std::string file = test::source_path(std::string("examples/") + example + ".json");
    auto score = test::run_jixiao("score " + file + " --json");
    REQUIRE(score.exit_code == 0);
    const json scores = json::parse(score.out);
    for (const auto& doc : scores["documents"]) {
      INFO(example << " " << doc["pointer"]);
      const std::map<std::string, std::string>* row = nullptr;
      for (const auto& s : summary)
        if (s.at("input") == file && s.at("document") == doc["pointer"].get<std::string>()) row = &s;
      REQUIRE(row != nullptr);
      CHECK(row->at("project") == doc["title"].get<std::string>());
      CHECK(same_number(row->at("total"), doc["total"]));
      CHECK(same_number(row->at("max"), doc["max"]));
      CHECK(row->at("grade") == doc["grade"].get<std::string>());
      CHECK(row->at("status") != "failed");
      ++scored;
      for (const auto& f : doc["findings"]) {
        bool found = false;
        for (const auto& g : findings)
          found = found || (g.at("input") == file && g.at("code") == f["code"].get<std::string>() &&
                            g.at("pointer") == f["pointer"].get<std::string>() &&
                            g.at("severity") == f["severity"].get<std::string>() &&
                            g.at("computed") == f.value("computed", "") && g.at("declared") == f.value("declared", ""));
        CHECK(found);
        ++compared_findings;
      }
    }
  }
  CHECK(scored == 12);  // the declaration form is not scored
  CHECK(compared_findings > 0);
}
