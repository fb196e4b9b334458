// Bad input: exit non-zero, name the file and the place and what was expected, write nothing.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kExample = test::source_path("examples/shenzhen-2021-project-selfeval.json");
const std::string kTemplate = test::source_path("templates/forms/shenzhen-project-selfeval-2021.xml");

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// Renders data (and an optional template directory); returns stderr after checking the
// exit status and that no PDF (nor a temporary) was left behind.
std::string render_fails(const std::string& data_text, const std::string& templates = "") {
  auto dir = test::temp_dir("bad");
  write(dir + "/data.json", data_text);
  std::string out = dir + "/out.pdf";
  std::string extra = templates.empty() ? "" : " --templates " + templates;
  auto r = test::run_jixiao("render " + dir + "/data.json -o " + out + extra);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK_FALSE(test::file_exists(out));
  auto ls = test::run_command("ls " + dir);
  CHECK(ls.out == "data.json\n");
  CHECK((r.err.find(dir + "/data.json") != std::string::npos || !templates.empty()));
  return r.err;
}

}  // namespace

TEST_CASE("malformed JSON: line:col and what was expected", "[cli][bad-input]") {
  std::string text = test::slurp(kExample);
  text = replace(text, "\"amount\": 3700700,", "\"amount\": 3700700,,");
  auto err = render_fails(text);
  CHECK(err.find("data.json:8:25: error: malformed JSON: two commas in a row; expected a key in double quotes, got ','\n"
                 "  hint: remove the extra comma") != std::string::npos);
}

TEST_CASE("a data error names file:line:col (what editors jump to) and the JSON pointer", "[cli][bad-input]") {
  // Line 7, after Chinese text: the column counts characters (23), not bytes (31).
  std::string text = replace(test::slurp(kExample), "\"name\": \"档案整理\",\n      \"amount\": 3700700,",
                             "\"name\": \"档案整理\", \"amount\": \"三百七十万\",");
  auto err = render_fails(text);
  CHECK(err.find("/data.json:7:23: /projects/0/amount: error: wrong type for 'amount'") != std::string::npos);
  // A member that is missing: the place of the object that lacks it (line 6, its '{').
  err = render_fails(replace(test::slurp(kExample), "\"department\": \"0102013\",", ""));
  CHECK(err.find("/data.json:6:5: /projects/0/department: error: missing required field") != std::string::npos);
}

TEST_CASE("a missing required field: its JSON pointer", "[cli][bad-input]") {
  auto err = render_fails(replace(test::slurp(kExample), "\"department\": \"0102013\",", ""));
  CHECK(err.find("data.json:6:5: /projects/0/department: error: missing required field 'department'; "
                 "expected a string") != std::string::npos);
}

TEST_CASE("a string where a number belongs", "[cli][bad-input]") {
  auto err = render_fails(replace(test::slurp(kExample), "\"score\": 6,", "\"score\": \"六\","));
  CHECK(err.find("data.json:373:11: /projects/3/indicators/2/score: error: wrong type for 'score'; expected a number, "
                 "got string \"六\"") !=
        std::string::npos);
}

TEST_CASE("an unknown form: the forms there are", "[cli][bad-input]") {
  auto err = render_fails(replace(test::slurp(kExample), "shenzhen-project-selfeval-2021", "shenzhen-project-selfeval-2031"));
  CHECK(err.find("data.json:3:3: /form: error: unknown form 'shenzhen-project-selfeval-2031'; expected one of: ") !=
        std::string::npos);
  CHECK(err.find("shenzhen-project-selfeval-2021") != std::string::npos);
}

TEST_CASE("a score the rules forbid stops the render", "[cli][bad-input]") {
  auto err = render_fails(replace(test::slurp(kExample), "\"score\": 6,", "\"score\": 16,"));
  CHECK(err.find("/projects/3/indicators/2/score: error: 得分 exceeds 分值") != std::string::npos);
}

TEST_CASE("a missing data file", "[cli][bad-input]") {
  auto dir = test::temp_dir("missing");
  auto r = test::run_jixiao("render " + dir + "/nope.json -o " + dir + "/out.pdf");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(dir + "/nope.json: error: cannot read file") != std::string::npos);
  CHECK_FALSE(test::file_exists(dir + "/out.pdf"));
}

TEST_CASE("an output that cannot be written leaves nothing", "[cli][bad-input]") {
  auto r = test::run_jixiao("render " + kExample + " -o /nonexistent-dir/out.pdf");
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/nonexistent-dir/out.pdf: error: cannot create output") != std::string::npos);
}

TEST_CASE("usage errors exit 1", "[cli][bad-input]") {
  CHECK(test::run_jixiao("").exit_code == 1);
  CHECK(test::run_jixiao("render " + kExample).exit_code == 1);  // no -o
  CHECK(test::run_jixiao("frobnicate x.json").exit_code == 1);
  CHECK(test::run_jixiao("render x.json -o y.pdf --date yesterday").exit_code == 1);
}

TEST_CASE("a template with an unclosed element: file:line:col", "[cli][bad-template]") {
  auto dir = test::temp_dir("tpl");
  test::run_command("mkdir -p " + dir + "/forms");
  std::string xml = test::slurp(kTemplate);
  // Drop the first </tr>: its row is never closed.
  std::size_t at = xml.find("</tr>");
  REQUIRE(at != std::string::npos);
  xml.erase(at, 5);
  write(dir + "/forms/shenzhen-project-selfeval-2021.xml", xml);
  auto err = render_fails(test::slurp(kExample), dir);
  INFO(err);
  CHECK(err.find(dir + "/forms/shenzhen-project-selfeval-2021.xml:") != std::string::npos);
  CHECK(err.find(": error: ") != std::string::npos);
  CHECK(err.find("expected") != std::string::npos);
}

TEST_CASE("a template binding to a field that does not exist: file:line:col", "[cli][bad-template]") {
  auto dir = test::temp_dir("tpl");
  test::run_command("mkdir -p " + dir + "/forms");
  std::string xml = test::slurp(kTemplate);
  std::size_t at = xml.find(".department");
  REQUIRE(at != std::string::npos);
  xml.replace(at, 11, ".departmnet");
  // The line:col the error must name: where the binding's expression starts.
  std::size_t brace = xml.rfind('{', at);
  int line = 1 + static_cast<int>(std::count(xml.begin(), xml.begin() + static_cast<long>(brace), '\n'));
  write(dir + "/forms/shenzhen-project-selfeval-2021.xml", xml);
  auto err = render_fails(test::slurp(kExample), dir);
  INFO(err);
  CHECK(err.find(dir + "/forms/shenzhen-project-selfeval-2021.xml:" + std::to_string(line) + ":") != std::string::npos);
  CHECK(err.find("departmnet") != std::string::npos);
  CHECK(err.find("expected") != std::string::npos);
  CHECK(err.find("department") != std::string::npos);
}

TEST_CASE("a character no font has: a warning naming it and its place in the data", "[cli][fonts]") {
  auto dir = test::temp_dir("glyph");
  write(dir + "/data.json", replace(test::slurp(kExample), "\"name\": \"档案整理\"", "\"name\": \"档案整理\\ue000\""));
  auto r = test::run_jixiao("render " + dir + "/data.json -o " + dir + "/out.pdf");
  INFO(r.err);
  CHECK(r.exit_code == 3);  // written, with the warning
  CHECK(test::file_exists(dir + "/out.pdf"));
  CHECK(r.err.find("warning: no font has the character '\xee\x80\x80' (U+E000) in /projects/0/name") != std::string::npos);
  CHECK(r.err.find("shenzhen-project-selfeval-2021.xml:") != std::string::npos);  // and the template place
}

TEST_CASE("a template whose id is not its file's name", "[cli][bad-template]") {
  auto dir = test::temp_dir("tpl");
  test::run_command("mkdir -p " + dir + "/forms");
  write(dir + "/forms/my-form.xml", test::slurp(kTemplate));  // still says id="shenzhen-project-selfeval-2021"
  auto err = render_fails(replace(test::slurp(kExample), "shenzhen-project-selfeval-2021", "my-form"), dir);
  CHECK(err.find(dir + "/forms/my-form.xml: error: the template's id is 'shenzhen-project-selfeval-2021'; "
                       "expected id=\"my-form\", the name of the file") != std::string::npos);
}

TEST_CASE("an output that cannot be created is an error, and nothing says it was written", "[cli][bad-input]") {
  auto dir = test::temp_dir("no-output-dir");
  for (const std::string lang : {"en", "zh"}) {
    auto r = test::run_jixiao("render " + kExample + " -o " + dir + "/missing/x.pdf --lang " + lang);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(dir + "/missing/x.pdf: ") != std::string::npos);
    CHECK(r.err.find("wrote") == std::string::npos);
    CHECK(r.err.find("已写出") == std::string::npos);
  }
  CHECK(!test::file_exists(dir + "/missing"));
}
