// OFD packages of every example, checked by tools that know nothing of jixiao: unzip, an
// XML schema of every part (tests/ofd/ofd.xsd, from GB/T 33190-2016) with xmllint, and
// ../shared/verify/ofd_semcheck.py (fonts parse and cover the text, DeltaX counts, IDs).
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/support.h"

using namespace jixiao;

namespace {

const char* kExamples[] = {
    "examples/mof-2020-project-selfeval.json",         "examples/shenzhen-2020-department-selfeval.json",
    "examples/shenzhen-2021-project-selfeval.json",    "examples/suzhou-2021-project-declaration.json",
    "examples/suzhou-2021-project-selfeval.json",
};

std::string tool() { return "/usr/bin/python3 " + test::source_path("tests/ofd/ofd_tool.py"); }
std::string semcheck() { return "/usr/bin/python3 " + test::source_path("../shared/verify/ofd_semcheck.py"); }

// xmllint over every XML part of the package; its exit status and what it said.
test::CommandResult schema_check(const std::string& ofd, const std::string& dir) {
  auto parts = test::run_command(tool() + " parts " + ofd + " " + dir);
  REQUIRE(parts.exit_code == 0);
  std::string files;
  std::istringstream lines(parts.out);
  for (std::string line; std::getline(lines, line);) files += " '" + line + "'";
  REQUIRE(files.find("Content.xml") != std::string::npos);
  return test::run_command("xmllint --noout --schema " + test::source_path("tests/ofd/ofd.xsd") + files);
}

std::string render(const std::string& example, const std::string& out, const std::string& extra = "") {
  auto r = test::run_jixiao("render " + test::source_path(example) + " -o " + out + " --date 2024-03-01 " + extra);
  INFO(example << ": " << r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  return test::slurp(out);
}

}  // namespace

TEST_CASE("ofd: every example passes unzip, the schema of its parts and the semantic check", "[ofd]") {
  auto dir = test::temp_dir("ofd-examples");
  for (const char* example : kExamples) {
    const std::string name = std::filesystem::path(example).stem().string();
    const std::string ofd = dir + "/" + name + ".ofd";
    std::string bytes = render(example, ofd);
    INFO(example);
    CHECK(bytes.substr(0, 2) == "PK");
    auto zip = test::run_command("unzip -tq " + ofd);
    CHECK(zip.exit_code == 0);
    auto schema = schema_check(ofd, dir + "/" + name);
    INFO(schema.err);
    CHECK(schema.exit_code == 0);
    auto sem = test::run_command(semcheck() + " " + ofd);
    INFO(sem.out << sem.err);
    CHECK(sem.exit_code == 0);
    CHECK(sem.out == "SEMANTIC OK\n");
  }
}

TEST_CASE("ofd: the checks fail on a malformed package", "[ofd]") {
  auto dir = test::temp_dir("ofd-faults");
  const std::string good = dir + "/good.ofd";
  render("examples/shenzhen-2021-project-selfeval.json", good);
  REQUIRE(test::run_command(semcheck() + " " + good).exit_code == 0);
  const std::pair<const char*, const char*> faults[] = {
      {"missing-font", "FontFile Doc_0/Res/font_1"}, {"deltax", "DeltaX has"}, {"duplicate-id", "duplicate IDs"},
      {"font-id", "refers to unknown Font"}};
  for (const auto& [kind, said] : faults) {
    const std::string bad = dir + "/" + kind + ".ofd";
    REQUIRE(test::run_command(tool() + " corrupt " + good + " " + bad + " " + kind).exit_code == 0);
    auto sem = test::run_command(semcheck() + " " + bad);
    INFO(kind << ": " << sem.out);
    CHECK(sem.exit_code != 0);
    CHECK(sem.out.find(said) != std::string::npos);
  }
  // A TextObject without its Font attribute: the schema says it is required.
  auto parts = dir + "/parts";
  REQUIRE(schema_check(good, parts).exit_code == 0);
  const std::string page = parts + "/Doc_0/Pages/Page_0/Content.xml";
  REQUIRE(test::run_command("sed -i '0,/ Font=\"/s// Face=\"/' " + page).exit_code == 0);
  auto schema = test::run_command("xmllint --noout --schema " + test::source_path("tests/ofd/ofd.xsd") + " " + page);
  CHECK(schema.exit_code != 0);
  CHECK(schema.err.find("Font") != std::string::npos);
}

TEST_CASE("ofd: the same input gives the same bytes, another date other bytes", "[ofd]") {
  auto dir = test::temp_dir("ofd-same");
  const char* example = "examples/shenzhen-2020-department-selfeval.json";
  std::string a = render(example, dir + "/a.ofd");
  std::string b = render(example, dir + "/b.ofd");
  CHECK(a == b);
  auto r = test::run_jixiao("render " + test::source_path(example) + " -o " + dir + "/c.ofd --date 2025-01-02");
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  CHECK(test::slurp(dir + "/c.ofd") != a);
  auto info = test::run_command("unzip -p " + dir + "/c.ofd OFD.xml");
  CHECK(info.out.find("<ofd:CreationDate>2025-01-02</ofd:CreationDate>") != std::string::npos);
  CHECK(info.out.find("<ofd:DocID>") != std::string::npos);
}

TEST_CASE("ofd: the department form's outline, as the PDF's bookmarks", "[ofd]") {
  auto dir = test::temp_dir("ofd-outline");
  render("examples/shenzhen-2020-department-selfeval.json", dir + "/d.ofd");
  auto doc = test::run_command("unzip -p " + dir + "/d.ofd Doc_0/Document.xml").out;
  CHECK(doc.find("<ofd:Outlines><ofd:OutlineElem Title=\"") != std::string::npos);
  CHECK(doc.find("<ofd:Dest Type=\"XYZ\" PageID=\"") != std::string::npos);
}

TEST_CASE("ofd: --format and the output's extension choose the format", "[ofd]") {
  auto dir = test::temp_dir("ofd-format");
  const std::string data = test::source_path("examples/suzhou-2021-project-selfeval.json");
  auto r = test::run_jixiao("render " + data + " -o " + dir + "/plain --format ofd --date 2024-03-01");
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
  CHECK(test::slurp(dir + "/plain").substr(0, 2) == "PK");
  r = test::run_jixiao("render " + data + " -o " + dir + "/x.pdf --format ofd");
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("--format ofd") != std::string::npos);
  CHECK(r.err.find("x.pdf") != std::string::npos);
  CHECK_FALSE(test::file_exists(dir + "/x.pdf"));
  r = test::run_jixiao("render " + data + " -o " + dir + "/y.ofd --format pdf");
  CHECK(r.exit_code == 1);
  // An error in the data: nothing is written, not even a temporary.
  auto bad = dir + "/bad.json";
  test::run_command("printf '{\"form\": \"no-such-form\"}' > " + bad);
  r = test::run_jixiao("render " + bad + " -o " + dir + "/bad.ofd");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("bad.json") != std::string::npos);
  CHECK_FALSE(test::file_exists(dir + "/bad.ofd"));
  CHECK(test::run_command("ls -A " + dir + " | grep -c tmp").out == "0\n");
}

TEST_CASE("ofd: a bulk run with --format ofd writes one OFD per document", "[ofd]") {
  auto dir = test::temp_dir("ofd-bulk");
  auto r = test::run_jixiao("render " + test::source_path("examples/shenzhen-2021-project-selfeval.json") + " " +
                            test::source_path("examples/suzhou-2021-project-selfeval.json") + " -o " + dir +
                            "/out/ --format ofd --date 2024-03-01 -j 2");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  auto listed = test::run_command("cd " + dir + "/out && ls *.ofd | wc -l && ls *.pdf 2>/dev/null | wc -l");
  std::istringstream counts(listed.out);
  int ofds = 0, pdfs = -1;
  counts >> ofds >> pdfs;
  CHECK(ofds >= 2);
  CHECK(pdfs == 0);
  auto one = test::run_command("cd " + dir + "/out && ls *.ofd | head -1").out;
  one.pop_back();
  auto sem = test::run_command(semcheck() + " " + dir + "/out/" + one);
  INFO(sem.out);
  CHECK(sem.exit_code == 0);
}

TEST_CASE("ofd: fonts carry their family name and sans faces are not called serif", "[ofd]") {
  // Readers that draw with system fonts (ofd.js) look a font up by FamilyName; FontName is
  // the PostScript name, which browsers do not know.
  auto dir = test::temp_dir("ofd-fonts");
  render(kExamples[0], dir + "/a.ofd");
  auto res = test::run_command("unzip -p " + dir + "/a.ofd Doc_0/PublicRes.xml");
  INFO(res.out);
  CHECK(res.out.find("FontName=\"NotoSansCJKsc-Regular\" FamilyName=\"Noto Sans CJK SC\" Serif=\"false\"") !=
        std::string::npos);
  CHECK(res.out.find("FontName=\"NotoSerifCJKsc-Regular\" FamilyName=\"Noto Serif CJK SC\" Serif=\"true\"") !=
        std::string::npos);
}
