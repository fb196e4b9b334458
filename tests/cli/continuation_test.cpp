// Tables continued across pages in the rendered 003 department report, read back from the
// PDF page by page (`pdftotext -layout`): every page a table continues on shows its heading
// again (the 评分表's header rows; the 自评表's section heading with its label marked （续）),
// and the 评分表's closing rows 综合评分, 评分等级, 填表人 are on one page. Which pages the
// tables take is read from the PDF, not assumed: line breaking and fonts move them.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>
#include <sstream>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

int page_count(const std::string& pdf) {
  auto r = test::run_command("pdfinfo " + pdf);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex(R"(Pages:\s+(\d+))")));
  return std::stoi(m[1]);
}

// The text of each page, white space removed (cells set side by side interleave their
// lines, so only words within a line of one cell are compared).
std::vector<std::string> page_texts(const std::string& pdf) {
  std::vector<std::string> pages;
  const int n = page_count(pdf);
  for (int p = 1; p <= n; ++p) {
    auto r = test::run_command("pdftotext -layout -f " + std::to_string(p) + " -l " +
                               std::to_string(p) + " " + pdf + " -");
    REQUIRE(r.exit_code == 0);
    pages.push_back(r.out);
  }
  return pages;
}

bool has(const std::string& page, const std::string& text) {
  return page.find(text) != std::string::npos;
}

// The first n lines of a page that have text: a continued table's top (the page has no
// running header; its footer is at the bottom).
std::string top_lines(const std::string& page, int n) {
  std::istringstream in(page);
  std::string line, out;
  while (n > 0 && std::getline(in, line)) {
    if (line.find_first_not_of(" \f\t") == std::string::npos) continue;
    out += line + "\n";
    --n;
  }
  return out;
}

// Index of the first page from `from` containing text, or -1.
int find_page(const std::vector<std::string>& pages, const std::string& text, int from = 0) {
  for (int p = from; p < static_cast<int>(pages.size()); ++p)
    if (has(pages[p], text)) return p;
  return -1;
}

// Renders a data file and reads its pages back.
std::vector<std::string> render_pages(const std::string& data, const std::string& name) {
  const std::string pdf = test::temp_dir("continuation") + "/" + name + ".pdf";
  auto r = test::run_jixiao("render " + data + " -o " + pdf + " --date 2026-01-01");
  INFO(r.err);
  REQUIRE(test::file_exists(pdf));
  return page_texts(pdf);
}

}  // namespace

TEST_CASE("003 report: continued tables repeat their heading and label on every page", "[cli][continuation]") {
  const auto pages =
      render_pages(test::source_path("examples/shenzhen-2020-department-selfeval.json"), "003");

  // The 自评表 from its title to the page of the 评分表's title.
  const int self_first = find_page(pages, "整体支出绩效目标完成情况自评表");
  const int score_first = find_page(pages, "部门整体支出绩效评分表", std::max(0, self_first));
  REQUIRE(self_first >= 0);
  REQUIRE(score_first >= self_first);
  for (int p = self_first + 1; p <= score_first; ++p) {
    INFO("page " << p + 1 << " continues the 自评表:\n" << pages[p]);
    // The page starts with the continued table: its label marked （续） and a heading row
    // of one of its sections.
    CHECK(has(pages[p], "（续"));
    const std::string top = top_lines(pages[p], 3);
    CHECK((has(top, "任务名称") || has(top, "预期目标") || has(top, "二级指标")));
  }

  // The 评分表 from its title to 填表人: the header rows on every page.
  const int score_last = find_page(pages, "填表人", score_first);
  REQUIRE(score_last >= score_first);
  CHECK(score_last > score_first);  // the example is long enough to continue
  for (int p = score_first; p <= score_last; ++p) {
    INFO("page " << p + 1 << " of the 评分表:\n" << pages[p]);
    CHECK(has(pages[p], "评价指标"));
    CHECK(has(pages[p], "指标说明"));
    CHECK(has(pages[p], "评分标准"));
    if (p > score_first) CHECK(has(top_lines(pages[p], 1), "评价指标"));  // at the page top
  }
  // The closing rows together (closing-rows="3").
  INFO("the last page of the 评分表:\n" << pages[score_last]);
  CHECK(has(pages[score_last], "综合评分"));
  CHECK(has(pages[score_last], "评分等级"));
}

TEST_CASE("national form: the （ 年度） line under the title", "[cli][continuation]") {
  const auto pages = render_pages(test::source_path("examples/mof-2020-project-selfeval.json"), "mof");
  REQUIRE(!pages.empty());
  // The example has no year: the blank line as the official form prints it.
  const std::string first = test::strip_space(pages[0]);
  CHECK(first.find("项目支出绩效自评表（年度）") != std::string::npos);
}

TEST_CASE("national form: the year line takes the data's year when it has one", "[cli][continuation]") {
  auto data = nlohmann::json::parse(test::slurp(test::source_path("examples/mof-2020-project-selfeval.json")));
  data["projects"][0]["year"] = 2020;
  const std::string json_path = test::temp_dir("continuation-year") + "/mof-year.json";
  std::ofstream(json_path) << data.dump(2);
  const auto pages = render_pages(json_path, "mof-year");
  CHECK(test::strip_space(pages.at(0)).find("项目支出绩效自评表（2020年度）") != std::string::npos);
}
