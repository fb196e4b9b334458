// Hostile templates (issue 9): deep nesting, huge expressions, quadratic-looking inputs,
// numbers out of range, undefined entities. Each must end in exit 2 with the template's
// file:line:col and what was expected, write nothing, and stay within the hostile budget.
#include <catch2/catch.hpp>

#include <fstream>
#include <regex>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

// The head of a form of id "hostile" scored by the national rule set; the form's first line.
std::string head(const std::string& attrs = "") {
  return "<form id=\"hostile\" rules=\"mof-2020\" schema=\"mof-project-selfeval\"" +
         (attrs.empty() ? "" : " " + attrs) + ">\n";
}

struct Run {
  test::BoundedResult r;
  std::string file;  // the template's path, as messages name it
};

// Renders the national example with DIR/forms/hostile.xml = xml (and DIR/rules/hostile.json =
// rules if given); checks exit 2, nothing written and the budget.
Run render(const std::string& xml, const std::string& rules = "") {
  auto dir = test::temp_dir("hostile-template");
  test::run_command("mkdir -p " + dir + "/forms " + dir + "/rules " + dir + "/run");
  Run run;
  run.file = dir + "/forms/hostile.xml";
  write(run.file, xml);
  if (!rules.empty()) {
    run.file = dir + "/rules/hostile.json";
    write(run.file, rules);
  }
  std::string data = test::slurp(test::source_path("examples/mof-2020-project-selfeval.json"));
  auto at = data.find("\"mof-project-selfeval-2020\"");
  REQUIRE(at != std::string::npos);
  data.replace(at, std::string("\"mof-project-selfeval-2020\"").size(), "\"hostile\"");
  write(dir + "/run/data.json", data);
  std::string out = dir + "/run/out.pdf";
  run.r = test::run_jixiao_bounded("render " + dir + "/run/data.json -o " + out + " --templates " +
                                   dir + " --date 0");
  INFO(run.r.err.substr(0, 2000));
  INFO("seconds " << run.r.seconds << ", MiB " << run.r.max_rss_mib);
  CHECK(run.r.signal == 0);
  CHECK_FALSE(run.r.timed_out);
  CHECK(run.r.exit_code == 2);
  CHECK(run.r.seconds < test::hostile_seconds());
  CHECK(run.r.max_rss_mib < test::hostile_mib());
  CHECK(test::run_command("ls " + dir + "/run").out == "data.json\n");
  return run;
}

// stderr has "FILE:LINE:COL: error: …" with the given line and what follows it.
void check_error(const Run& run, int line, const std::string& text) {
  std::regex at(std::regex_replace(run.file, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") + ":" +
                std::to_string(line) + ":[0-9]+: error: ");
  INFO(run.r.err.substr(0, 2000));
  CHECK(std::regex_search(run.r.err, at));
  CHECK(run.r.err.find(text) != std::string::npos);
}

std::string paragraph(const std::string& content) { return "<p>" + content + "</p>\n"; }

}  // namespace

TEST_CASE("hostile template: the harness renders a plain form", "[cli][hostile]") {
  auto dir = test::temp_dir("hostile-control");
  test::run_command("mkdir -p " + dir + "/forms");
  write(dir + "/forms/hostile.xml", head() + paragraph("{title}") + "</form>\n");
  std::string data = test::slurp(test::source_path("examples/mof-2020-project-selfeval.json"));
  auto at = data.find("\"mof-project-selfeval-2020\"");
  data.replace(at, std::string("\"mof-project-selfeval-2020\"").size(), "\"hostile\"");
  write(dir + "/data.json", data);
  auto r = test::run_jixiao_bounded("render " + dir + "/data.json -o " + dir + "/out.pdf --templates " + dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
}

TEST_CASE("hostile template: expressions nested 10,000 deep", "[cli][hostile]") {
  const std::size_t n = 10000;
  SECTION("parentheses") {
    auto run = render(head() + paragraph("{" + repeat("(", n) + "1" + repeat(")", n) + "}") + "</form>\n");
    check_error(run, 2, "nested too deeply");
    check_error(run, 2, "expected at most 64 levels");
  }
  SECTION("unary minus") {
    auto run = render(head() + paragraph("{" + repeat("-", n) + "1}") + "</form>\n");
    check_error(run, 2, "nested too deeply");
  }
  SECTION("not") {
    auto run = render(head() + "<if test=\"" + repeat("not ", n) + "true\"></if>\n</form>\n");
    check_error(run, 2, "nested too deeply");
  }
  SECTION("calls") {
    auto run = render(head() + paragraph("{" + repeat("abs(", n) + "1" + repeat(")", n) + "}") + "</form>\n");
    check_error(run, 2, "nested too deeply");
  }
  SECTION("a left-deep chain of operators") {
    auto run = render(head() + paragraph("{1" + repeat("+1", 5000) + "}") + "</form>\n");
    check_error(run, 2, "nested too deeply");
  }
  SECTION("indexes") {
    auto run = render(head() + paragraph("{projects" + repeat("[0", n) + repeat("]", n) + "}") + "</form>\n");
    check_error(run, 2, "nested too deeply");
  }
}

TEST_CASE("hostile rule set: a formula nested 10,000 deep", "[cli][hostile]") {
  auto rules = nlohmann::json::parse(test::slurp(test::source_path("templates/rules/mof-2020.json")));
  rules["id"] = "hostile";
  rules["values"]["rate_total"] = repeat("(", 10000) + "1" + repeat(")", 10000);
  std::string form = "<form id=\"hostile\" rules=\"hostile\" schema=\"mof-project-selfeval\">\n";
  auto run = render(form + paragraph("{title}") + "</form>\n", rules.dump(2));
  INFO(run.r.err.substr(0, 2000));
  CHECK(test::has_placed(run.r.err, run.file, "/values/rate_total: error: "));
  CHECK(run.r.err.find("nested too deeply") != std::string::npos);
}

TEST_CASE("hostile template: a 200 KB expression", "[cli][hostile]") {
  auto run = render(head() + paragraph("{max(1" + repeat(",1", 100000) + ")}") + "</form>\n");
  check_error(run, 2, "expression is too long");
  auto chain = render(head() + paragraph("{1" + repeat("+1", 100000) + "}") + "</form>\n");
  check_error(chain, 2, "nested too deeply");  // the chain is too deep before it is too long
}

TEST_CASE("hostile template: elements nested 10,000 deep", "[cli][hostile]") {
  const std::size_t n = 10000;
  SECTION("<if>") {
    auto run = render(head() + repeat("<if test=\"true\">", n) + repeat("</if>", n) + "\n</form>\n");
    check_error(run, 2, "nested too deeply");
  }
  SECTION("<for>") {
    auto run = render(head() + repeat("<for each=\"projects\" as=\"p\">\n", n) + repeat("</for>", n) + "\n</form>\n");
    check_error(run, 65, "nested too deeply");  // the 64th <for>, at depth 65 under <form>
  }
  SECTION("<else>") {
    auto run = render(head() + repeat("<if test=\"false\"></if><else>", n) + repeat("</else>", n) + "\n</form>\n");
    check_error(run, 2, "nested too deeply");
  }
  SECTION("a bad end tag under the nesting") {
    auto run = render(head() + repeat("<if test=\"true\">\n", n) + "</iff>" + repeat("</if>", n) + "\n</form>\n");
    check_error(run, 65, "nested too deeply");
  }
}

TEST_CASE("hostile template: 40,000 rows and 200,000 attributes load in linear time", "[cli][hostile]") {
  SECTION("rows") {
    std::string rows = repeat("<tr><td>甲</td></tr>\n", 40000);
    auto run = render(head() + "<table widths=\"20mm\">\n" + rows + "<tr bad=\"1\"><td/></tr>\n</table>\n</form>\n");
    check_error(run, 40003, "unknown attribute 'bad' on <tr>");
  }
  SECTION("attributes") {
    std::string attrs;
    for (int i = 0; i < 200000; ++i) attrs += " a" + std::to_string(i) + "=\"" + std::to_string(i) + "\"";
    auto run = render(head() + "<p" + attrs + ">x</p>\n</form>\n");
    check_error(run, 2, "unknown attribute 'a0' on <p>");
    CHECK(run.r.err.size() < 100000);  // the reports stop after a limit
  }
}

TEST_CASE("hostile template: numbers out of range", "[cli][hostile]") {
  SECTION("font size 1e20") {
    auto run = render(head() + "<p size=\"100000000000000000000\">x</p>\n</form>\n");
    check_error(run, 2, "bad value for 'size' on <p>");
    check_error(run, 2, "points from 1 to 200");
  }
  SECTION("padding 2147483647") {
    auto run = render(head() + "<table widths=\"20mm\" padding=\"2147483647\"><tr><td>x</td></tr></table>\n</form>\n");
    check_error(run, 2, "bad value for 'padding' on <table>");
  }
  SECTION("margin 2147483647") {
    auto run = render(head("margin=\"2147483647\"") + paragraph("x") + "</form>\n");
    check_error(run, 1, "bad value for 'margin' on <form>");
  }
  SECTION("a length of 1e400") {
    auto run = render(head() + "<p indent=\"1" + repeat("0", 400) + "\">x</p>\n</form>\n");
    check_error(run, 2, "bad value for 'indent' on <p>");
  }
  SECTION("colspan 2147483647") {
    auto run = render(head() + "<table widths=\"20mm\"><tr><td colspan=\"2147483647\">x</td></tr></table>\n</form>\n");
    check_error(run, 2, "bad value for 'colspan' on <td>");
  }
  SECTION("arithmetic past the doubles") {
    std::string big = "1" + repeat("0", 300) + ".0";
    auto run = render(head() + paragraph("{" + big + " * " + big + "}") + "</form>\n");
    check_error(run, 2, "not a finite number");
  }
  SECTION("a decimal literal past the doubles") {
    auto run = render(head() + paragraph("{1" + repeat("0", 400) + ".5}") + "</form>\n");
    check_error(run, 2, "number too large");
  }
}

TEST_CASE("hostile template: an undefined entity", "[cli][hostile]") {
  auto run = render(head() + paragraph("甲 &foo; 乙") + "</form>\n");
  check_error(run, 2, "undefined entity '&foo;'");
  auto attr = render(head() + "<p align=\"&bar;\">x</p>\n</form>\n");
  check_error(attr, 2, "undefined entity '&bar;'");
}
