// End to end through build/jixiao: the example of seed 004 rendered to PDF and checked with
// poppler and qpdf, the real tools a finance bureau would use.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kExample = test::source_path("examples/shenzhen-2021-project-selfeval.json");

// Renders the example once per test run and returns the PDF path.
const std::string& example_pdf() {
  static std::string pdf = [] {
    std::string out = test::temp_dir("render") + "/out.pdf";
    auto r = test::run_jixiao("render " + kExample + " -o " + out + " --date 2022-01-15");
    INFO(r.err);
    REQUIRE(r.exit_code == 0);
    return out;
  }();
  return pdf;
}

}  // namespace

TEST_CASE("render: every font embedded, subset, with ToUnicode", "[cli][render]") {
  auto r = test::run_command("pdffonts " + example_pdf());
  REQUIRE(r.exit_code == 0);
  INFO(r.out);
  int fonts = 0;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  std::getline(lines, line);  // header and rule
  while (std::getline(lines, line)) {
    if (line.empty()) continue;
    ++fonts;
    INFO(line);
    // Noto CJK (宋, 黑) are CFF: CID Type 0C; Liberation Serif and LXGW WenKai: CID TrueType.
    CHECK((line.find("CID TrueType") != std::string::npos || line.find("CID Type 0C") != std::string::npos));
    CHECK(line.find("yes yes yes") != std::string::npos);  // emb sub uni
    CHECK(line.find('+') == 6);                            // ABCDEF+ subset tag
  }
  CHECK(fonts >= 2);  // 宋 for the table, 黑 for the title, Latin for digits
}

TEST_CASE("render: qpdf --check passes", "[cli][render]") {
  auto r = test::run_command("qpdf --check " + example_pdf());
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("render: pdftotext gives every project name and cell text", "[cli][render]") {
  // -raw keeps content-stream order: a cell's wrapped lines come out together.
  auto r = test::run_command("pdftotext -raw " + example_pdf() + " -");
  REQUIRE(r.exit_code == 0);
  std::string text = test::strip_space(r.out);
  auto data = nlohmann::json::parse(test::slurp(kExample));
  int checked = 0;
  auto has = [&](const std::string& s) {
    std::string want = test::strip_space(s);
    if (want.empty()) return;
    INFO(s);
    CHECK(text.find(want) != std::string::npos);
    ++checked;
  };
  for (const char* label : {"项目支出绩效自评表", "项目名称", "项目金额", "主管部门", "实施单位",
                            "年初预算数", "全年预算数", "全年执行数", "执行率", "年度资金总额",
                            "其中：当年财政拨款", "上年结转资金", "其他资金", "年度总体目标",
                            "预期目标", "实际完成情况", "年度绩效指标", "一级指标", "二级指标",
                            "三级指标", "年度指标值", "实际完成值", "偏差原因分析及改进措施", "总分"})
    has(label);
  for (auto& p : data["projects"]) {
    has(p["name"]);
    has(p["department"]);
    has(p["goals"]["expected"]);
    for (auto& ind : p["indicators"]) {
      has(ind["name"]);
      has(ind["target"]);
      has(ind["actual"]);
      has(ind["deviation_reason"]);
      has(ind["level1"]);
      has(ind["level2"]);
    }
  }
  for (const char* figure : {"3700700", "890000.00", "870996.00", "9.80", "0.98", "99.8", "8.70",
                             "242730.00", "92.6", "2784690.56", "9.90", "99.9"})
    has(figure);
  CHECK(checked > 300);
}

TEST_CASE("render: nine projects, one table each, A4", "[cli][render]") {
  auto r = test::run_command("pdfinfo " + example_pdf());
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.find("Pages:           9") != std::string::npos);
  CHECK(r.out.find("595.276 x 841.89 pts (A4)") != std::string::npos);
  CHECK(r.out.find("Title:           2021年度项目支出绩效自评表") != std::string::npos);
  CHECK(r.out.find("CreationDate:    Sat Jan 15 00:00:00 2022 UTC") != std::string::npos);
  for (int page = 1; page <= 9; ++page) {
    auto t = test::run_command("pdftotext -f " + std::to_string(page) + " -l " + std::to_string(page) +
                               " " + example_pdf() + " -");
    CHECK(test::strip_space(t.out).find("项目支出绩效自评表") == 0);
  }
}

TEST_CASE("render: the same data twice gives the same bytes with SOURCE_DATE_EPOCH", "[cli][render]") {
  auto dir = test::temp_dir("determinism");
  auto a = test::run_command("SOURCE_DATE_EPOCH=1640995200 " + std::string(JIXIAO_BINARY) +
                             " render " + kExample + " -o " + dir + "/a.pdf");
  auto b = test::run_command("SOURCE_DATE_EPOCH=1640995200 " + std::string(JIXIAO_BINARY) +
                             " render " + kExample + " -o " + dir + "/b.pdf");
  REQUIRE(a.exit_code == 0);
  REQUIRE(b.exit_code == 0);
  std::string pa = test::slurp(dir + "/a.pdf"), pb = test::slurp(dir + "/b.pdf");
  CHECK(pa.size() > 1000);
  CHECK(pa == pb);
  auto c = test::run_command("SOURCE_DATE_EPOCH=1640995201 " + std::string(JIXIAO_BINARY) +
                             " render " + kExample + " -o " + dir + "/c.pdf");
  REQUIRE(c.exit_code == 0);
  CHECK(test::slurp(dir + "/c.pdf") != pa);  // the date is in the file, so the test can fail
}
