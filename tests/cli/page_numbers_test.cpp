// Every page of every example carries its number as its template says — `- n -` under a
// report, `第 n 页 共 m 页` under a form — so a printed set can be checked complete.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "support/support.h"

using namespace jixiao;

TEST_CASE("page numbers: every page of every example has its number", "[cli][pages]") {
  const std::string dir = test::temp_dir("page-numbers");
  const std::vector<std::pair<std::string, bool>> examples = {  // (example, numbered "第 n 页 共 m 页")
      {"mof-2020-project-selfeval", true},         {"shenzhen-2021-project-selfeval", true},
      {"suzhou-2021-project-declaration", true},   {"suzhou-2021-project-selfeval", false},
      {"shenzhen-2020-department-selfeval", false}};
  for (const auto& [name, of_total] : examples) {
    INFO(name);
    std::string pdf = dir + "/" + name + ".pdf";
    auto r = test::run_jixiao("render " + test::source_path("examples/" + name + ".json") + " -o " + pdf + " --date 0");
    REQUIRE((r.exit_code == 0 || r.exit_code == 3));
    std::smatch m;
    std::string info = test::run_command("pdfinfo " + pdf).out;
    REQUIRE(std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))")));
    int pages = std::stoi(m[1]);
    for (int n = 1; n <= pages; ++n) {
      INFO("page " << n);
      std::string text = test::strip_space(
          test::run_command("pdftotext -f " + std::to_string(n) + " -l " + std::to_string(n) + " " + pdf + " -").out);
      std::string number = of_total ? "第" + std::to_string(n) + "页共" + std::to_string(pages) + "页"
                                    : "-" + std::to_string(n) + "-";
      CHECK(text.find(number) != std::string::npos);
    }
  }
}
