// The CLI in the user's language and in its own words: operating system errors, JSON syntax
// errors (with a hint for the common mistakes), the help under --lang zh, check's summary
// when all is well, English counts, and the exit status each command's help promises.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <regex>

#include "diag/diag.h"
#include "diag/lang.h"
#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kExample = test::source_path("examples/shenzhen-2021-project-selfeval.json");
const std::string kDepartment = test::source_path("examples/shenzhen-2020-department-selfeval.json");

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// check of a data file holding text: its stderr under lang, after checking that it failed.
std::string check_fails(const std::string& name, const std::string& text, const std::string& lang = "en") {
  std::string dir_name = "words-" + name;
  std::replace(dir_name.begin(), dir_name.end(), ' ', '-');  // the shell splits the command at spaces
  std::string path = test::temp_dir(dir_name) + "/data.json";
  std::ofstream(path, std::ios::binary) << text;
  auto r = test::run_jixiao("check " + path + " --lang " + lang);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(has(r.err, path + ":"));  // the file and its line:col
  return r.err;
}

}  // namespace

TEST_CASE("words: a missing file in our words, in English and in Chinese", "[cli][lang][words]") {
  auto dir = test::temp_dir("words-missing");
  auto en = test::run_jixiao("check " + dir + "/nope.json --lang en");
  auto zh = test::run_jixiao("check " + dir + "/nope.json --lang zh");
  CHECK(en.exit_code == 2);
  CHECK(zh.exit_code == 2);
  CHECK(has(en.err, dir + "/nope.json: error: cannot read file: no such file or directory"));
  CHECK(has(zh.err, dir + "/nope.json: 错误：无法读取文件：文件或目录不存在"));
  auto out = test::run_jixiao("render " + kExample + " -o /nonexistent-dir/out.pdf --lang zh");
  CHECK(out.exit_code == 2);
  CHECK(has(out.err, "/nonexistent-dir/out.pdf: 错误：无法创建输出文件：文件或目录不存在"));
  CHECK(os_error(EACCES) == "permission denied");
  CHECK(translate("io.read", "cannot read file: permission denied", "zh") == "无法读取文件：没有权限");
  CHECK(translate("io.read", "cannot read file: is a directory", "zh") == "无法读取文件：这是一个目录");
  // A rarer one keeps the C library's English.
  CHECK(translate("io.read", "cannot read file: " + os_error(EXDEV), "zh") == "无法读取文件：" + os_error(EXDEV));
}

TEST_CASE("words: the common JSON mistakes named, with a hint, 'expected' said once", "[cli][lang][words]") {
  struct Case {
    std::string name, text, en, hint, zh;
  } cases[] = {
      {"missing comma", "{\"form\": \"x\"\n \"projects\": []}", "2:2: error: malformed JSON: a comma is missing between two members; expected ',' or '}', got a string",
       "hint: put a comma after every member but the last", "2:2: 错误：JSON 格式错误：两个成员之间缺少逗号；应为 ',' 或 '}'，实为 字符串"},
      {"trailing comma", "{\"form\": \"x\",\n}", "2:1: error: malformed JSON: a comma after the last member; expected a key in double quotes, got '}'",
       "hint: JSON allows no comma after the last member: remove it", "最后一个成员后面多了逗号"},
      {"unquoted key", "{form: \"x\"}", "1:2: error: malformed JSON: a key without quotes; expected a key in double quotes",
       "hint: put the key in double quotes", "键没有加引号"},
      {"single quotes", "{'form': 'x'}", "1:2: error: malformed JSON: a key in single quotes; expected a key in double quotes",
       "hint: JSON keys and strings take double quotes", "键用了单引号"},
      {"single-quoted value", "{\"form\": 'x'}", "error: malformed JSON: a string in single quotes", "hint: JSON keys and strings take double quotes",
       "字符串用了单引号"},
      {"trailing comma in an array", "{\"form\": \"x\", \"projects\": [1, 2,]}", "error: malformed JSON: a comma after the last element",
       "hint: JSON allows no comma after the last element", "最后一个元素后面多了逗号"},
      {"missing comma in an array", "{\"projects\": [1 2]}", "error: malformed JSON: a comma is missing between two elements",
       "hint: put a comma after every element but the last", "两个元素之间缺少逗号"},
      {"unclosed", "{\"form\": \"x\"", "error: malformed JSON: the text ends before the JSON does", "", "文本在 JSON 结束之前就结束了"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    std::string en = check_fails(c.name, c.text);
    INFO(en);
    CHECK(has(en, c.en));
    if (!c.hint.empty()) CHECK(has(en, "\n  " + c.hint));
    // "expected" once in the message line (not nlohmann's and then ours).
    std::string first = en.substr(0, en.find('\n'));
    CHECK(first.find("expected") == first.rfind("expected"));
    CHECK_FALSE(has(en, "syntax error"));
    std::string zh = check_fails(c.name, c.text, "zh");
    INFO(zh);
    CHECK(has(zh, c.zh));
    CHECK_FALSE(has(zh, "malformed"));
    if (!c.hint.empty()) CHECK(has(zh, "\n  提示："));
  }
}

TEST_CASE("words: help in Chinese, with --lang on help and a Chinese locale", "[cli][lang][words]") {
  auto overview = test::run_jixiao("help --lang zh");
  INFO(overview.out << overview.err);
  CHECK(overview.exit_code == 0);
  CHECK(has(overview.out, "命令"));
  CHECK(has(overview.out, "只做校验和检查"));                    // check's one line
  CHECK(has(overview.out, "得分、合计、等级和检查结果"));        // score's
  auto render = test::run_jixiao("help render --lang zh");
  INFO(render.out << render.err);
  CHECK(render.exit_code == 0);
  CHECK(has(render.out, "用法: jixiao render DATA.json -o OUT.pdf"));
  CHECK(has(render.out, "-o,--output FILE|DIR/"));
  CHECK(has(render.out, "要写出的 PDF"));
  CHECK(has(render.out, "消息和得分表的语言"));
  CHECK_FALSE(has(render.out, "the PDF (or .ofd) to write"));
  CHECK(test::run_jixiao("render --help --lang zh").out == render.out);
  CHECK(test::run_jixiao("help check --lang=zh").out == test::run_jixiao("check --lang zh --help").out);
  auto locale = test::run_command("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 " + std::string(JIXIAO_BINARY) +
                                  " help score");
  CHECK(has(locale.out, "以 JSON 输出，供程序读取"));
  // English stays the default, and --lang en wins over the locale.
  CHECK(has(test::run_jixiao("help score").out, "print them as JSON, for programs"));
  auto en = test::run_command("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 " + std::string(JIXIAO_BINARY) +
                              " help score --lang en");
  CHECK(has(en.out, "print them as JSON, for programs"));
}

TEST_CASE("words: check says when there are no errors, and exits 0 with warnings as its help says",
          "[cli][lang][words]") {
  auto clean = test::run_jixiao("check " + test::source_path("examples/mof-2020-project-selfeval.json"));
  INFO(clean.out << clean.err);
  CHECK(clean.exit_code == 0);
  CHECK(std::regex_search(clean.out, std::regex("mof-2020-project-selfeval\\.json: no errors, (no warnings|1 warning|\\d+ warnings)\n")));
  auto warned = test::run_jixiao("check " + kDepartment);
  INFO(warned.err);
  CHECK(warned.exit_code == 0);  // warnings, and still 0
  CHECK(has(warned.err, "warning:"));
  CHECK(std::regex_search(warned.out, std::regex("shenzhen-2020-department-selfeval\\.json: no errors, (1 warning|\\d+ warnings)\n")));
  CHECK(test::run_jixiao("score " + kDepartment).exit_code == 0);
  auto zh = test::run_jixiao("check " + kDepartment + " --lang zh");
  CHECK(std::regex_search(zh.out, std::regex("shenzhen-2020-department-selfeval\\.json：没有错误，\\d+ 个警告\n")));
  // The help of check and score promises exactly that; render's keeps its 3.
  for (const char* command : {"check", "score"}) {
    auto help = test::run_jixiao(std::string("help ") + command);
    CHECK(has(help.out, "Exit status: 0 no errors (warnings are printed, and exit 0), 1 usage, 2 errors."));
    CHECK_FALSE(has(help.out, " 3 "));
  }
  CHECK(has(test::run_jixiao("help render").out, "3 written with warnings"));
  // An error: nothing on stdout, exit 2.
  auto dir = test::temp_dir("words-check");
  std::ofstream(dir + "/d.json") << "{}";
  auto bad = test::run_jixiao("check " + dir + "/d.json");
  CHECK(bad.exit_code == 2);
  CHECK(bad.out.empty());
}

TEST_CASE("words: English counts say '1 page', not '1 pages'", "[cli][words]") {
  auto dir = test::temp_dir("words-pages");
  auto r = test::run_jixiao("render " + test::source_path("examples/mof-2020-project-selfeval.json") + " -o " + dir +
                            "/x.pdf --date 2021-12-31");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.err, m, std::regex("\\((\\d+) (pages?), \\d+ bytes\\)")));
  CHECK((m[1] == "1") == (m[2] == "page"));
}
