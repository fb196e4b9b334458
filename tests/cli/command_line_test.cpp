// The command line itself (app/cli.cpp): --version, per-command help, usage errors that name
// the option and the command, and the old messages and exit codes kept.
#include <catch2/catch.hpp>

#include <regex>

#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kExample = test::source_path("examples/shenzhen-2021-project-selfeval.json");

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// A usage error: exit 1, nothing on stdout, the problem on stderr with a pointer to help.
void check_usage_error(const test::CommandResult& r, const std::string& problem,
                       const std::string& help) {
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(r.out.empty());
  CHECK(has(r.err, "jixiao: " + problem + "\n"));
  CHECK(has(r.err, "Run '" + help + "'"));
}

}  // namespace

TEST_CASE("jixiao --version: the project's version and the git commit (or unknown)", "[cli][command-line]") {
  auto r = test::run_jixiao("--version");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  std::smatch m;
  REQUIRE(std::regex_match(r.out, m, std::regex(R"(jixiao (\S+) \(([-0-9A-Za-z._/+]+)\)\n)")));
  // The version is CMake's project(VERSION), read here from the source.
  std::smatch p;
  std::string cmake = test::slurp(test::source_path("CMakeLists.txt"));
  REQUIRE(std::regex_search(cmake, p, std::regex(R"(project\(jixiao VERSION (\S+))")));
  CHECK(m[1] == p[1].str());
  std::string commit = m[2];
  CHECK((commit == "unknown" || std::regex_search(commit, std::regex("[0-9a-f]{7,40}")) ||
         std::regex_search(commit, std::regex("^v?[0-9]"))));  // a hash, or an exact tag
}

TEST_CASE("render --help and help render print render's options", "[cli][command-line]") {
  auto a = test::run_jixiao("render --help");
  auto b = test::run_jixiao("help render");
  INFO(a.out << a.err);
  CHECK(a.exit_code == 0);
  CHECK(b.exit_code == 0);
  CHECK(a.out == b.out);
  CHECK(a.err.empty());
  for (const char* option : {"-o,--output FILE", "--date WHEN", "--templates DIR", "--font-dir DIR",
                             "--data-dir DIR", "--declaration-dir DIR", "DATA.json"})
    CHECK(has(a.out, option));
  CHECK(has(a.out, "Usage: jixiao render DATA.json -o OUT.pdf"));
  CHECK_FALSE(has(a.out, "--json"));
  CHECK(test::run_jixiao("render -h").out == a.out);
}

TEST_CASE("each command's help has its options only", "[cli][command-line]") {
  auto score = test::run_jixiao("help score");
  CHECK(score.exit_code == 0);
  CHECK(has(score.out, "--json"));
  CHECK(has(score.out, "--declaration-dir DIR"));
  CHECK_FALSE(has(score.out, "--output"));
  CHECK_FALSE(has(score.out, "--font-dir"));
  auto templates = test::run_jixiao("templates --help");
  CHECK(templates.exit_code == 0);
  CHECK(has(templates.out, "--templates DIR"));
  CHECK_FALSE(has(templates.out, "DATA.json"));
  CHECK_FALSE(has(templates.out, "--declaration-dir"));
}

TEST_CASE("jixiao --help or -h or help: the overview of every command", "[cli][command-line]") {
  auto overview = test::run_jixiao("--help");
  INFO(overview.out);
  CHECK(overview.exit_code == 0);
  for (const char* command : {"render", "score", "check", "templates", "help"})
    CHECK(has(overview.out, std::string("\n  ") + command + " "));
  CHECK(has(overview.out, "--version"));
  CHECK(has(overview.out, "jixiao help COMMAND"));
  CHECK(has(overview.out, "Exit status: 0 ok, 1 usage, 2 errors"));
  CHECK(test::run_jixiao("-h").out == overview.out);
  CHECK(test::run_jixiao("help").out == overview.out);
  auto none = test::run_jixiao("");  // no command: the overview, as an error
  CHECK(none.exit_code == 1);
  CHECK(has(none.err, "jixiao: no command\n"));
  CHECK(has(none.err, overview.out));
}

TEST_CASE("an unknown option is named with its command", "[cli][command-line]") {
  auto dir = test::temp_dir("cli");
  auto r = test::run_jixiao("render " + kExample + " -o " + dir + "/out.pdf --frobnicate");
  check_usage_error(r, "unknown option '--frobnicate' for render", "jixiao help render");
  CHECK_FALSE(test::file_exists(dir + "/out.pdf"));
  check_usage_error(test::run_jixiao("check --strict=yes " + kExample),
                    "unknown option '--strict' for check", "jixiao help check");
  check_usage_error(test::run_jixiao("--frobnicate render " + kExample),
                    "unknown option '--frobnicate'", "jixiao help render");
  check_usage_error(test::run_jixiao("frobnicate x.json"), "unknown command 'frobnicate'",
                    "jixiao help");
}

TEST_CASE("an option given to the wrong command names it and where it belongs",
          "[cli][command-line]") {
  check_usage_error(test::run_jixiao("score " + kExample + " --output x.pdf"),
                    "unknown option '--output' for score (it is an option of render)",
                    "jixiao help score");
  check_usage_error(test::run_jixiao("check " + kExample + " -o x.pdf"),
                    "unknown option '-o' for check (it is an option of render)", "jixiao help check");
  check_usage_error(test::run_jixiao("render " + kExample + " -o x.pdf --json"),
                    "unknown option '--json' for render (it is an option of score)",
                    "jixiao help render");
  check_usage_error(test::run_jixiao("templates --declaration-dir /tmp"),
                    "unknown option '--declaration-dir' for templates (it is an option of render, "
                    "score, check, preview)",
                    "jixiao help templates");
  check_usage_error(test::run_jixiao("score " + kExample + " --version"),
                    "unknown option '--version' for score (it is an option of jixiao itself)",
                    "jixiao help score");
}

TEST_CASE("help for a command that does not exist", "[cli][command-line]") {
  check_usage_error(test::run_jixiao("help nosuch"),
                    "no command 'nosuch'; the commands are render, score, check, templates, preview, merge",
                    "jixiao help");
}

TEST_CASE("the old usage messages and exit codes", "[cli][command-line]") {
  check_usage_error(test::run_jixiao("render " + kExample), "render needs -o OUT.pdf",
                    "jixiao help render");
  check_usage_error(test::run_jixiao("score"), "no data file", "jixiao help score");
  check_usage_error(test::run_jixiao("check " + kExample + " " + kExample), "more than one data file",
                    "jixiao help check");
  check_usage_error(test::run_jixiao("templates " + kExample), "templates takes no data file",
                    "jixiao help templates");
  check_usage_error(test::run_jixiao("render x.json -o y.pdf --date yesterday"),
                    "bad date 'yesterday'; expected seconds since 1970 or YYYY-MM-DD",
                    "jixiao help render");
  check_usage_error(test::run_jixiao("render " + kExample + " -o"),
                    "option '--output' needs a value", "jixiao help render");
}

TEST_CASE("$SOURCE_DATE_EPOCH is the default date of render only",
          "[cli][command-line]") {
  std::string bin = JIXIAO_BINARY;
  check_usage_error(test::run_command("SOURCE_DATE_EPOCH=soon " + bin + " render x.json -o y.pdf"),
                    "bad date 'soon'; expected seconds since 1970 or YYYY-MM-DD",
                    "jixiao help render");
  auto score = test::run_command("SOURCE_DATE_EPOCH=soon " + bin + " check " + kExample);
  INFO(score.err);
  CHECK(score.exit_code == 0);
}

TEST_CASE("a repeatable option takes one directory each time, not the data file",
          "[cli][command-line]") {
  auto a = test::temp_dir("cli-a"), b = test::temp_dir("cli-b");
  auto r = test::run_jixiao("score --templates " + a + " --templates " + b + " " + kExample +
                            " --json");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, "\"documents\""));
}

TEST_CASE("preview --editor and $JIXIAO_EDITOR must be URL patterns with {file}", "[cli][command-line]") {
  std::string bin = JIXIAO_BINARY;
  check_usage_error(test::run_jixiao("preview " + kExample + " --editor code"),
                    "--editor: 'code' is not a URL pattern with a scheme and {file}", "jixiao help preview");
  check_usage_error(test::run_jixiao("preview " + kExample + " --editor 'vscode://file/x:{line}'"),
                    "--editor: 'vscode://file/x:{line}' is not a URL pattern with a scheme and {file}",
                    "jixiao help preview");
  check_usage_error(test::run_command("JIXIAO_EDITOR='/usr/bin/vim {file}' " + bin + " preview " + kExample),
                    "JIXIAO_EDITOR: '/usr/bin/vim {file}' is not a URL pattern with a scheme and {file}",
                    "jixiao help preview");
  auto zh = test::run_jixiao("preview " + kExample + " --editor code --lang zh");
  INFO(zh.err);
  CHECK(zh.exit_code == 1);
  CHECK(has(zh.err, "--editor：'code' 不是带协议和 {file} 的 URL 模式"));
  auto help = test::run_jixiao("help preview");
  CHECK(has(help.out, "--editor"));
  CHECK(has(help.out, "vscode://file/{file}:{line}:{col}"));
}
