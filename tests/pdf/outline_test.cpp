// The outline (bookmarks) and /DisplayDocTitle, read back from every example with pikepdf
// (tests/pdf/outline_read.py): project and department entries by name, headings under them
// in order, each pointing at the page its block starts on. docs/pdf.md.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "support/support.h"

using namespace jixiao;

namespace {

struct Entry {
  int depth = 0, page = 0, top = 0;
  std::string title;
};

struct Outline {
  std::string prefs;  // "DisplayDocTitle=True PageMode=/UseOutlines"
  std::vector<Entry> entries;
};

std::string example(const std::string& name) { return test::source_path("examples/" + name + ".json"); }

nlohmann::json data(const std::string& name) { return nlohmann::json::parse(test::slurp(example(name))); }

std::string render(const std::string& name, const std::string& out, const std::string& extra = "") {
  auto r = test::run_jixiao("render " + example(name) + " -o " + out + " --date 2021-12-31T08:00:00Z " + extra);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  return out;
}

Outline read(const std::string& pdf) {
  auto r = test::run_command("/usr/bin/python3 " + test::source_path("tests/pdf/outline_read.py") + " " + pdf);
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  Outline o;
  std::istringstream in(r.out);
  std::getline(in, o.prefs);
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    Entry e;
    std::istringstream fields(line);
    std::string f;
    std::getline(fields, f, '\t'), e.depth = std::stoi(f);
    std::getline(fields, f, '\t'), e.page = std::stoi(f);
    std::getline(fields, f, '\t'), e.top = std::stoi(f);
    std::getline(fields, e.title);
    o.entries.push_back(e);
  }
  return o;
}

// Page n's text, without white space (poppler's pdftotext).
std::string page_text(const std::string& pdf, int n) {
  auto r = test::run_command("pdftotext -layout -f " + std::to_string(n) + " -l " + std::to_string(n) + " " +
                             pdf + " -");
  REQUIRE(r.exit_code == 0);
  return test::strip_space(r.out);
}

// Renders the example into a fresh directory; its outline is read back into o.
std::string rendered(const std::string& name, Outline& o) {
  const std::string pdf = render(name, test::temp_dir("outline") + "/a.pdf");
  o = read(pdf);
  CHECK(o.prefs == "DisplayDocTitle=True PageMode=/UseOutlines");
  return pdf;
}

bool starts_with(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

}  // namespace

TEST_CASE("outline: shenzhen-2021 has one entry per project, by name, at the page it starts on",
          "[pdf][outline]") {
  Outline o;
  const std::string pdf = rendered("shenzhen-2021-project-selfeval", o);
  const auto projects = data("shenzhen-2021-project-selfeval")["projects"];
  REQUIRE(projects.size() == 9);
  REQUIRE(o.entries.size() == 9);
  int last_page = 0;
  for (std::size_t i = 0; i < 9; ++i) {
    const Entry& e = o.entries[i];
    INFO(i << " " << e.title);
    CHECK(e.depth == 0);
    CHECK(e.title == projects[i]["name"].get<std::string>());
    CHECK(e.page > last_page);
    CHECK(e.top == 785);  // the top margin (20 mm) of an A4 page
    // Every project's form starts its page with the form's title.
    CHECK(starts_with(page_text(pdf, e.page), test::strip_space("项目支出绩效自评表")));
    last_page = e.page;
  }
}

TEST_CASE("outline: the 003 report has its department and headings in order, at their pages",
          "[pdf][outline]") {
  Outline o;
  const std::string pdf = rendered("shenzhen-2020-department-selfeval", o);
  std::vector<std::pair<int, std::string>> expected;
  const nlohmann::json departments = data("shenzhen-2020-department-selfeval")["departments"];
  for (const auto& d : departments) {
    expected.emplace_back(0, d["name"].get<std::string>());
    for (const auto& r : d["report"]) {
      expected.emplace_back(1, r["heading"].get<std::string>());
      if (r.contains("sections"))
        for (const auto& s : r["sections"]) expected.emplace_back(2, s["heading"].get<std::string>());
    }
  }
  REQUIRE(o.entries.size() == expected.size());
  int last_page = 1;
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const Entry& e = o.entries[i];
    INFO(i << " " << e.title);
    CHECK(e.depth == expected[i].first);
    CHECK(e.title == expected[i].second);
    CHECK(e.page >= last_page);
    // A heading's page shows it (the department's shows its name).
    CHECK(page_text(pdf, e.page).find(test::strip_space(e.title)) != std::string::npos);
    last_page = e.page;
  }
  CHECK(o.entries.back().page > 1);  // the headings go over several pages
}

TEST_CASE("outline: every example has DisplayDocTitle, passes qpdf, and renders to the same bytes twice",
          "[pdf][outline]") {
  auto dir = test::temp_dir("outline-all");
  for (const char* name : {"mof-2020-project-selfeval", "shenzhen-2020-department-selfeval",
                           "shenzhen-2021-project-selfeval", "suzhou-2021-project-declaration",
                           "suzhou-2021-project-selfeval"}) {
    INFO(name);
    const std::string a = render(name, dir + "/" + name + "-a.pdf");
    const std::string b = render(name, dir + "/" + name + "-b.pdf");
    CHECK(test::slurp(a) == test::slurp(b));
    auto q = test::run_command("qpdf --check " + a);
    INFO(q.out << q.err);
    CHECK(q.exit_code == 0);
    const Outline o = read(a);
    CHECK(o.prefs == "DisplayDocTitle=True PageMode=/UseOutlines");
    const auto items = data(name)[std::string(name).find("department") != std::string::npos ? "departments" : "projects"];
    std::size_t top = 0;
    for (const Entry& e : o.entries) top += e.depth == 0;
    CHECK(top == items.size());
  }
}
