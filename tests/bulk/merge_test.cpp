// `jixiao merge OUTDIR`: the shards of a split run give the single run's summary.csv,
// summary.xlsx and findings.json byte for byte; a missing or incomplete shard is named and
// nothing is written; files of another shard count are removed.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

const std::string kDate = " --date 1640995200";

// The examples (a department report with warnings, nine projects of one file) and a file
// that fails: rows of every status.
std::string inputs(const std::string& dir) {
  fs::create_directories(dir + "/in");
  for (const auto& e : fs::directory_iterator(test::source_path("examples")))
    fs::copy_file(e.path(), dir + "/in/" + e.path().filename().string());
  test::run_command("printf '{\"form\": \"mof-project-selfeval-2020\", \"projects\": [' > " + dir + "/in/zz-broken.json");
  return dir + "/in";
}

void shards(const std::string& in, const std::string& out, int n, const std::string& extra = "") {
  for (int k = 0; k < n; ++k) {
    auto r = test::run_jixiao("render " + in + " -o " + out + "/ --shard " + std::to_string(k) + "/" + std::to_string(n) + kDate +
                              extra);
    INFO(r.err);
    REQUIRE((r.exit_code == 0 || r.exit_code == 2));  // the broken file fails in one of them
  }
}

}  // namespace

TEST_CASE("merge: three shards make the single run's summaries, byte for byte", "[bulk][merge]") {
  auto dir = test::temp_dir("merge");
  std::string in = inputs(dir);
  REQUIRE(test::run_jixiao("render " + in + " -o " + dir + "/single/" + kDate).exit_code == 2);
  shards(in, dir + "/out", 3);
  auto m = test::run_jixiao("merge " + dir + "/out/");
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  CHECK(m.err.find("merged 3 shards (14 documents)") != std::string::npos);
  for (const char* f : {"summary.csv", "summary.xlsx", "findings.json"})
    CHECK(test::slurp(dir + "/out/" + f) == test::slurp(dir + "/single/" + f));
}

TEST_CASE("merge: shards run with --lang zh make the single --lang zh run's Chinese summaries, byte for byte",
          "[bulk][merge]") {
  auto dir = test::temp_dir("merge-zh");
  std::string in = inputs(dir);
  REQUIRE(test::run_jixiao("render " + in + " -o " + dir + "/single/ --lang zh" + kDate).exit_code == 2);
  shards(in, dir + "/out", 3, " --lang zh");
  auto m = test::run_jixiao("merge " + dir + "/out/ --lang en");  // merge's own messages only
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  for (const char* f : {"summary.csv", "summary.xlsx", "findings.json"})
    CHECK(test::slurp(dir + "/out/" + f) == test::slurp(dir + "/single/" + f));
  CHECK(test::slurp(dir + "/out/summary.csv").rfind("\xEF\xBB\xBF文件,文档,单位,单位代码,项目,表式,总分", 0) == 0);
}

TEST_CASE("merge: shards of different --lang are refused, naming the shard and both languages", "[bulk][merge]") {
  auto dir = test::temp_dir("merge-lang");
  std::string in = inputs(dir);
  auto zh = test::run_jixiao("render " + in + " -o " + dir + "/out/ --shard 0/2 --lang zh" + kDate);
  auto en = test::run_jixiao("render " + in + " -o " + dir + "/out/ --shard 1/2 --lang en" + kDate);
  REQUIRE((zh.exit_code == 0 || zh.exit_code == 2));
  REQUIRE((en.exit_code == 0 || en.exit_code == 2));
  auto m = test::run_jixiao("merge " + dir + "/out/ --lang en");
  CHECK(m.exit_code == 2);
  CHECK(m.err.find("rows.shard-1-of-2.jsonl") != std::string::npos);
  CHECK(m.err.find("another language (--lang en)") != std::string::npos);
  CHECK(m.err.find("--lang zh") != std::string::npos);
  CHECK(!test::file_exists(dir + "/out/summary.csv"));
}

TEST_CASE("merge: a missing shard is named and nothing is written", "[bulk][merge]") {
  auto dir = test::temp_dir("merge-missing");
  shards(inputs(dir), dir + "/out", 3);
  fs::remove(dir + "/out/rows.shard-1-of-3.jsonl");
  auto m = test::run_jixiao("merge " + dir + "/out/ --lang en");
  CHECK(m.exit_code == 2);
  CHECK(m.err.find("shard 1/3 is missing") != std::string::npos);
  CHECK(!test::file_exists(dir + "/out/summary.csv"));
  CHECK(!test::file_exists(dir + "/out/findings.json"));
  auto none = test::run_jixiao("merge " + dir + "/in/");
  CHECK(none.exit_code == 2);
  CHECK(none.err.find("no shard rows here") != std::string::npos);
}

TEST_CASE("merge: a shard with documents not rendered is incomplete", "[bulk][merge]") {
  auto dir = test::temp_dir("merge-incomplete");
  shards(inputs(dir), dir + "/out", 2);
  std::string rows = dir + "/out/rows.shard-0-of-2.jsonl";
  std::string text = test::slurp(rows);
  std::size_t at = text.find("\"status\":\"ok\"");
  REQUIRE(at != std::string::npos);
  text.replace(at, 13, "\"status\":\"not-rendered\"");  // as a shard stopped by a signal leaves it
  std::ofstream(rows, std::ios::binary | std::ios::trunc) << text;
  auto m = test::run_jixiao("merge " + dir + "/out/");
  CHECK(m.exit_code == 2);
  CHECK(m.err.find("shard 0/2 is incomplete: 1 of its 7 documents not rendered") != std::string::npos);
  CHECK(!test::file_exists(dir + "/out/summary.csv"));
}

TEST_CASE("merge: files of another shard count are removed", "[bulk][merge]") {
  auto dir = test::temp_dir("merge-other-n");
  std::string in = inputs(dir);
  shards(in, dir + "/out", 2);
  shards(in, dir + "/out", 3);  // N changed: the 2-shard files are stale
  auto m = test::run_jixiao("merge " + dir + "/out/");
  INFO(m.err);
  REQUIRE(m.exit_code == 0);
  for (const char* f : {"summary.shard-0-of-2.csv", "rows.shard-1-of-2.jsonl", "findings.shard-0-of-2.json",
                        ".jixiao-manifest.shard-1-of-2.tsv"}) {
    CHECK(!test::file_exists(dir + "/out/" + f));
    CHECK(m.err.find(std::string("removed, of another shard count: ") + dir + "/out/" + f) != std::string::npos);
  }
  CHECK(test::file_exists(dir + "/out/rows.shard-2-of-3.jsonl"));
}

TEST_CASE("resume: a run split another way keeps what the earlier shards wrote", "[bulk][merge]") {
  auto dir = test::temp_dir("resume-other-n");
  std::string in = inputs(dir);
  shards(in, dir + "/out", 2);
  std::size_t unchanged = 0;
  for (int k = 0; k < 3; ++k) {
    auto r = test::run_jixiao("render " + in + " -o " + dir + "/out/ --resume --shard " + std::to_string(k) + "/3" + kDate);
    INFO(r.err);
    auto at = r.err.find(" unchanged)");
    REQUIRE(at != std::string::npos);
    unchanged += std::stoul(r.err.substr(r.err.rfind('(', at) + 1));
  }
  CHECK(unchanged == 13);  // every document but the broken one, which never had a PDF
  REQUIRE(test::run_jixiao("merge " + dir + "/out/").exit_code == 0);
}
