// Tagged PDF (docs/pdf.md "Tagged PDF"), read back with two tools that are not ours:
// pikepdf walks the structure tree against the content streams (tests/pdf/tags_check.py),
// poppler's `pdfinfo -struct-text` reads each element's text as a screen reader would.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "support/fidelity.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string example(const std::string& name) { return test::source_path("examples/" + name + ".json"); }

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

std::size_t count(const std::string& s, const std::string& part) {
  std::size_t n = 0;
  for (auto at = s.find(part); at != std::string::npos; at = s.find(part, at + part.size())) ++n;
  return n;
}

std::string render(const std::string& data, const std::string& out, const std::string& extra = "") {
  auto r = test::run_jixiao("render " + data + " -o " + out + " --date 2021-12-31T08:00:00Z " + extra);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  return out;
}

// One structure element as poppler prints it: its role, its attributes, its text.
struct Element {
  std::string role, attributes, text;
};

std::vector<Element> struct_text(const std::string& pdf) {
  auto r = test::run_command("pdfinfo -struct-text " + pdf);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<Element> out;
  std::istringstream in(r.out);
  for (std::string line; std::getline(in, line);) {
    const auto start = line.find_first_not_of(' ');
    if (start == std::string::npos) continue;
    if (line[start] == '"') {
      if (!out.empty()) out.back().text += line.substr(start + 1, line.rfind('"') - start - 1);
    } else if (line[start] == '/') {
      if (!out.empty()) out.back().attributes += line.substr(start) + " ";
    } else {
      auto end = line.find_first_of(" :", start);
      out.push_back({line.substr(start, end - start), "", ""});
    }
  }
  return out;
}

std::string all_text(const std::vector<Element>& elements) {
  std::string s;
  for (const Element& e : elements) s += e.text;
  return test::strip_space(s);
}

const char* const kExamples[] = {"mof-2020-project-selfeval", "shenzhen-2020-department-selfeval",
                                 "shenzhen-2021-project-selfeval", "suzhou-2021-project-declaration",
                                 "suzhou-2021-project-selfeval"};

}  // namespace

TEST_CASE("tags: every drawing of every example is marked, each MCID claimed once", "[pdf][tags]") {
  auto dir = test::temp_dir("tags");
  for (const char* name : kExamples) {
    const std::string pdf = render(example(name), dir + "/" + name + ".pdf", "--tags");
    auto r = test::run_command("/usr/bin/python3 " + test::source_path("tests/pdf/tags_check.py") + " " + pdf);
    INFO(name << ": " << r.err);
    REQUIRE(r.exit_code == 0);
    CHECK(has(r.out, "elements="));
    CHECK_FALSE(has(r.out, "mcids=0 "));
    auto check = test::run_command("qpdf --check " + pdf);
    CHECK(check.exit_code == 0);
  }
}

TEST_CASE("tags: the structure tree holds each seed's cells and paragraphs whole and in order", "[pdf][tags]") {
  struct Case { const char* example; const char* seed; };
  const Case cases[] = {
      {"suzhou-2021-project-selfeval", "tests/data/seeds/000_a9afde5b0ed66992.txt"},
      {"suzhou-2021-project-declaration", "tests/data/seeds/001_d061c36c742e9f2b.txt"},
      {"shenzhen-2020-department-selfeval", "tests/data/seeds/003_1241c350b72d2fb5.txt"},
      {"shenzhen-2021-project-selfeval", "tests/data/seeds/004_5fb69b45dc18677b.txt"},
  };
  auto dir = test::temp_dir("tags-order");
  for (const Case& c : cases) {
    const std::string pdf = render(example(c.example), dir + "/out.pdf", "--tags");
    const std::string seed = test::clean_seed(test::slurp(test::source_path(c.seed)));
    const std::string got = all_text(struct_text(pdf));
    const double recall = test::recall(test::strip_space(seed), got), order = test::in_order(seed, got);
    WARN(c.example << ": structure tree holds " << recall * 100 << "% of the seed's characters, " << order * 100
                   << "% of its cells and paragraphs in order");
    CHECK(recall >= 0.98);
    CHECK(order >= 0.97);
  }
}

TEST_CASE("tags: continued header rows and page numbers are artifacts, header cells TH with spans",
          "[pdf][tags]") {
  auto dir = test::temp_dir("tags-artifacts");
  const std::string pdf = render(example("shenzhen-2020-department-selfeval"), dir + "/003.pdf", "--tags");
  const auto elements = struct_text(pdf);
  const std::string tree = all_text(elements);
  const std::string page_text = test::strip_space(test::run_command("pdftotext " + pdf + " -").out);
  // Two tables start with 一级指标 (pages 3 and 4); the seven pages after repeat it.
  CHECK(count(page_text, "一级指标") == 9);
  CHECK(count(tree, "一级指标") == 2);
  // Page numbers "- n -" are on every page and in no element.
  CHECK(has(page_text, "-10-"));
  for (const Element& e : elements) {
    INFO(e.role << " " << e.text);
    CHECK_FALSE((e.text.size() <= 6 && e.text.front() == '-' && e.text.back() == '-'));
  }
  // The department name is the title, first; its headings nest under it.
  REQUIRE(elements.size() > 3);
  CHECK(elements[0].role == "Document");
  CHECK(elements[1].role == "H1");
  bool task_label = false;
  std::size_t headers = 0;
  for (const Element& e : elements) {
    if (e.role == "TH") {
      ++headers;
      CHECK(has(e.attributes, "/Scope /Column"));
    }
    if (e.text == "年度主要任务完成情况") {
      task_label = true;
      CHECK(e.role == "TH");
      CHECK(has(e.attributes, "/RowSpan 7"));
    }
  }
  CHECK(task_label);
  CHECK(headers >= 20);
}

TEST_CASE("tags: a line with squeezed punctuation extracts whole, through its /ActualText", "[pdf][tags]") {
  auto dir = test::temp_dir("tags-actual");
  const std::string data = example("shenzhen-2020-department-selfeval");
  // "）" and "，" share one em: the comma overlaps the bracket's box, and without /ActualText
  // poppler starts a new line at it ("（1.5分）" / "，按"). Tagged or not.
  const std::string tagged = render(data, dir + "/t.pdf", "--tags");
  CHECK(has(test::run_command("pdftotext -raw " + tagged + " -").out, "部门预算公开（1.5分），按"));
  const std::string plain = render(data, dir + "/p.pdf");
  CHECK(has(test::run_command("pdftotext -raw " + plain + " -").out, "部门预算公开（1.5分），按"));
}

TEST_CASE("page numbers come after a page's first element in the content, never between pages", "[pdf][tags]") {
  // A paragraph or cell that runs over a page break then extracts as one: its second half,
  // the page's first element, follows its first half, the previous page's last.
  auto dir = test::temp_dir("tags-furniture");
  const std::string pdf = render(example("shenzhen-2020-department-selfeval"), dir + "/003.pdf");
  for (int n = 1; n <= 10; ++n) {
    auto r = test::run_command("pdftotext -raw -f " + std::to_string(n) + " -l " + std::to_string(n) + " " + pdf + " -");
    std::vector<std::string> lines;
    std::istringstream in(r.out);
    for (std::string line; std::getline(in, line);)
      if (!test::strip_space(line).empty() && line != "\f") lines.push_back(test::strip_space(line));
    REQUIRE(lines.size() > 2);
    const std::string number = "-" + std::to_string(n) + "-";
    INFO("page " << n << ": first " << lines.front() << ", last " << lines.back());
    CHECK(lines.front() != number);
    CHECK(lines.back() != number);
    CHECK(std::find(lines.begin(), lines.end(), number) != lines.end());
  }
}

TEST_CASE("tags: untagged by default, ua-1 is tagged and needs a title", "[pdf][tags]") {
  auto dir = test::temp_dir("tags-ua");
  const std::string data = example("mof-2020-project-selfeval");
  const std::string plain = test::pdf_objects(render(data, dir + "/plain.pdf"));
  CHECK(has(plain, "/Type /Catalog"));
  CHECK_FALSE(has(plain, "/StructTreeRoot"));
  CHECK_FALSE(has(plain, "/MarkInfo"));
  CHECK(test::slurp(dir + "/plain.pdf").compare(0, 9, "%PDF-1.5\n") == 0);
  CHECK(test::run_command("qpdf --check " + dir + "/plain.pdf").exit_code == 0);
  CHECK(test::slurp(render(data, dir + "/tagged.pdf", "--tags")).compare(0, 9, "%PDF-1.7\n") == 0);

  render(data, dir + "/ua.pdf", "--pdf-standard a-2b,ua-1");
  // Its dictionaries are in object streams: qpdf writes them out plainly.
  const std::string ua = test::pdf_objects(dir + "/ua.pdf");
  CHECK(has(ua, "<pdfuaid:part>1</pdfuaid:part>"));
  CHECK(has(ua, "/StructTreeRoot"));
  CHECK(has(ua, "/Lang"));
  CHECK(test::slurp(dir + "/ua.pdf").compare(0, 9, "%PDF-1.7\n") == 0);
  auto check = test::run_command("/usr/bin/python3 " + test::source_path("../shared/verify/pdfa2b_check.py") + " " +
                                 dir + "/ua.pdf");
  INFO(check.out << check.err);
  CHECK(has(check.out, "PDF/A-2b STRUCTURAL CHECKS OK"));
  auto tags = test::run_command("/usr/bin/python3 " + test::source_path("tests/pdf/tags_check.py") + " " + dir + "/ua.pdf");
  INFO(tags.err);
  CHECK(tags.exit_code == 0);

  // A copy of the form without its title.
  test::run_command("mkdir -p " + dir + "/forms");
  const std::string form = "mof-project-selfeval-2020";
  const std::string file = dir + "/forms/" + form + ".xml";
  std::ofstream(file) << test::replace_all(test::slurp(test::source_path("templates/forms/" + form + ".xml")),
                                           "title=\"{title}\"", "");
  auto untitled = test::run_jixiao("render " + data + " -o " + dir + "/y.pdf --pdf-standard ua-1 --templates " + dir);
  INFO(untitled.err);
  CHECK(untitled.exit_code == 2);
  CHECK(has(untitled.err, file + ": error: PDF/UA-1 needs a document title"));
  CHECK_FALSE(test::file_exists(dir + "/y.pdf"));
}
