// An installed jixiao: `cmake --install` into a prefix, the prefix moved elsewhere, and the
// binary still finds its templates, fonts manifest and preview files beside it
// (<prefix>/share/jixiao); a data directory that will not do is an error naming where it looked.
#include <catch2/catch.hpp>

#include <filesystem>

#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

std::string build_dir() { return fs::path(JIXIAO_BINARY).parent_path().string(); }

}  // namespace

TEST_CASE("install: a relocated prefix renders with its own share/jixiao", "[install]") {
  std::string dir = test::temp_dir("install");
  auto installed = test::run_command("cmake --install " + build_dir() + " --prefix " + dir + "/a");
  INFO(installed.err);
  REQUIRE(installed.exit_code == 0);
  fs::rename(dir + "/a", dir + "/b");  // relocated: nothing compiled in points here
  for (const char* f : {"share/jixiao/templates/forms/mof-project-selfeval-2020.xml",
                        "share/jixiao/fonts/fonts.json", "share/jixiao/preview/index.html"})
    CHECK(test::file_exists(dir + "/b/" + f));
  std::string bin = dir + "/b/bin/jixiao";
  auto forms = test::run_command(bin + " templates");
  CHECK(forms.exit_code == 0);
  CHECK(forms.out.find(dir + "/b/share/jixiao/templates/forms/mof-project-selfeval-2020.xml") != std::string::npos);
  CHECK(forms.out.find(test::source_path("templates")) == std::string::npos);
  auto check = test::run_command(bin + " templates --check");
  CHECK(check.exit_code == 0);
  auto render = test::run_command(bin + " render " + test::source_path("examples/mof-2020-project-selfeval.json") +
                                  " -o " + dir + "/mof.pdf --date 0");
  INFO(render.err);
  CHECK(render.exit_code == 0);
  auto source = test::run_jixiao("render " + test::source_path("examples/mof-2020-project-selfeval.json") + " -o " +
                                 dir + "/mof-source.pdf --date 0");
  CHECK(test::slurp(dir + "/mof.pdf") == test::slurp(dir + "/mof-source.pdf"));

  // The preview: bin/jixiao runs libexec/jixiao/jixiao-preview (app/preview_exec.cpp), which
  // finds the same share/jixiao, serves its address and stops on SIGINT with status 0.
  CHECK(test::file_exists(dir + "/b/libexec/jixiao/jixiao-preview"));
  auto preview = test::run_command("timeout -s INT --preserve-status 4 " + bin + " preview " +
                                   test::source_path("examples/mof-2020-project-selfeval.json") + " --port 0");
  INFO(preview.err);
  CHECK(preview.exit_code == 0);
  CHECK(preview.out.find("jixiao preview: http://127.0.0.1:") != std::string::npos);
  CHECK(preview.err.find("render 1 ok") != std::string::npos);
}

TEST_CASE("install: without its preview program, jixiao preview says so and exits 1", "[install]") {
  std::string dir = test::temp_dir("install-no-preview");
  auto installed = test::run_command("cmake --install " + build_dir() + " --prefix " + dir);
  REQUIRE(installed.exit_code == 0);
  fs::remove(dir + "/libexec/jixiao/jixiao-preview");
  auto r = test::run_command(dir + "/bin/jixiao preview " + test::source_path("examples/mof-2020-project-selfeval.json"));
  CHECK(r.exit_code == 1);
  CHECK(r.err.find("the preview program jixiao-preview is missing") != std::string::npos);
}

TEST_CASE("install: a data directory that will not do is an error naming where it looked", "[install]") {
  std::string dir = test::temp_dir("install-empty");
  fs::create_directories(dir + "/templates/forms");
  fs::create_directories(dir + "/fonts");
  auto env = test::run_command("JIXIAO_DATA_DIR=" + dir + " " + JIXIAO_BINARY + " templates");
  CHECK(env.exit_code == 2);
  CHECK(env.out.empty());
  CHECK(env.err.find("no data directory") != std::string::npos);
  CHECK(env.err.find("looked at $JIXIAO_DATA_DIR " + dir + " (no fonts/fonts.json)") != std::string::npos);
  test::run_command("cp " + test::source_path("fonts/fonts.json") + " " + dir + "/fonts/");
  auto empty = test::run_jixiao("templates --check --data-dir " + dir);
  CHECK(empty.exit_code == 2);
  CHECK(empty.err.find("looked at --data-dir " + dir + " (no templates/forms/*.xml)") != std::string::npos);
  auto render = test::run_command("JIXIAO_DATA_DIR=" + dir + " " + JIXIAO_BINARY + " render " +
                                  test::source_path("examples/mof-2020-project-selfeval.json") + " -o " + dir + "/x.pdf");
  CHECK(render.exit_code == 2);
  CHECK(!test::file_exists(dir + "/x.pdf"));
}
