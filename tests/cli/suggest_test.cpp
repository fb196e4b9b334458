// "Did you mean" everywhere a name is unknown, with one wording (diag/suggest.h's
// did_you_mean): a template's field in render as in templates --check, a form id, a value
// of a schema's enum, an option, a command, a help topic; in English and in Chinese.
#include <catch2/catch.hpp>

#include <fstream>

#include "diag/suggest.h"
#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kExample = test::source_path("examples/shenzhen-2021-project-selfeval.json");
const std::string kDepartment = test::source_path("examples/shenzhen-2020-department-selfeval.json");
const std::string kTemplate = test::source_path("templates/forms/shenzhen-project-selfeval-2021.xml");

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

void write(const std::string& path, const std::string& text) { std::ofstream(path, std::ios::binary) << text; }

}  // namespace

TEST_CASE("did_you_mean: the nearest name in one wording, or nothing", "[cli][suggest]") {
  CHECK(did_you_mean("nmae", {"name", "amount"}) == "did you mean 'name'?");
  CHECK(did_you_mean("--ouput", {"--output", "--date"}) == "did you mean '--output'?");
  CHECK(did_you_mean("frobnicate", {"render", "check"}).empty());
  std::vector<std::string> hints;
  CHECK(suggest(hints, "rendr", {"render", "score"}));
  CHECK_FALSE(suggest(hints, "xyz", {"render", "score"}));
  CHECK(hints == std::vector<std::string>{"did you mean 'render'?"});
}

TEST_CASE("suggest: a misspelt option, command or help topic", "[cli][suggest]") {
  auto option = test::run_jixiao("render x.json --ouput y.pdf");
  INFO(option.err);
  CHECK(option.exit_code == 1);
  CHECK(has(option.err, "jixiao: unknown option '--ouput' for render\n  hint: did you mean '--output'?\n"));
  auto command = test::run_jixiao("rendr x.json -o y.pdf");
  CHECK(command.exit_code == 1);
  CHECK(has(command.err, "jixiao: unknown command 'rendr'\n  hint: did you mean 'render'?\n"));
  auto topic = test::run_jixiao("help chek");
  CHECK(topic.exit_code == 1);
  CHECK(has(topic.err, "  hint: did you mean 'check'?\n"));
  // Nothing near: no hint.
  CHECK_FALSE(has(test::run_jixiao("frobnicate x.json").err, "hint"));
  // In Chinese: the catalog's wording of the same hint.
  auto zh = test::run_jixiao("render x.json --ouput y.pdf --lang zh");
  CHECK(has(zh.err, "  提示：是不是要写 '--output'？\n"));
  CHECK(has(test::run_jixiao("rendr x.json --lang zh").err, "jixiao: 未知命令 'rendr'\n  提示：是不是要写 'render'？\n"));
}

TEST_CASE("suggest: a misspelt field in a template, in render as in templates --check", "[cli][suggest]") {
  auto dir = test::temp_dir("suggest-tpl");
  test::run_command("mkdir -p " + dir + "/forms");
  write(dir + "/forms/shenzhen-project-selfeval-2021.xml", replace(test::slurp(kTemplate), "<td colspan=\"4\">{p.name}</td>",
                                                                          "<td colspan=\"4\">{p.nmae}</td>"));
  auto render = test::run_jixiao("render " + kExample + " -o " + dir + "/out.pdf --templates " + dir);
  INFO(render.err);
  CHECK(render.exit_code == 2);
  CHECK(has(render.err, dir + "/forms/shenzhen-project-selfeval-2021.xml:"));
  CHECK(has(render.err, "no field 'nmae' in 'p'"));
  CHECK(has(render.err, "  hint: did you mean 'name'?"));
  auto check = test::run_jixiao("templates --check --templates " + dir);
  CHECK(has(check.err, "  hint: did you mean 'name'?"));
  auto zh = test::run_jixiao("render " + kExample + " -o " + dir + "/out.pdf --templates " + dir + " --lang zh");
  CHECK(has(zh.err, "  提示：是不是要写 'name'？"));
}

TEST_CASE("suggest: an unknown form id and a value outside a schema's enum", "[cli][suggest]") {
  auto dir = test::temp_dir("suggest-data");
  write(dir + "/form.json", replace(test::slurp(kExample), "shenzhen-project-selfeval-2021", "shenzhen-project-selfeval-2012"));
  auto form = test::run_jixiao("check " + dir + "/form.json");
  INFO(form.err);
  CHECK(form.exit_code == 2);
  CHECK(has(form.err, "/form.json:3:3: /form: error: unknown form 'shenzhen-project-selfeval-2012'"));
  CHECK(has(form.err, "  hint: did you mean 'shenzhen-project-selfeval-2021'?"));
  write(dir + "/enum.json", replace(test::slurp(kDepartment), "\"level1\": \"部门决策\"", "\"level1\": \"部门决册\""));
  auto value = test::run_jixiao("check " + dir + "/enum.json");
  INFO(value.err);
  CHECK(value.exit_code == 2);
  CHECK(has(value.err, "/level1: error: unexpected value for 'level1'"));
  CHECK(has(value.err, "  hint: did you mean '部门决策'?"));
  CHECK(has(test::run_jixiao("check " + dir + "/enum.json --lang zh").err, "  提示：是不是要写 '部门决策'？"));
}
