// Issue 20, class 1: every PDF name of a bulk run is known and unique before the first is
// written. Two documents that would write one PDF (a file's 9 projects s-1 … s-9 against
// s-1.json, a JSON Lines line against batch-012.json, names differing only in case, one
// directory's sub-path against another's) refuse the whole run: exit 2, both inputs and
// the PDF named, nothing written, and every shard refuses alike.
#include <catch2/catch.hpp>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "bulk_files.h"
#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

std::string example(const std::string& name) { return test::slurp(test::source_path("examples/" + name)); }

// The run is refused fast, and writes nothing: no PDF, no summary, no manifest.
test::BoundedResult refused(const std::string& args, const std::string& out) {
  auto r = test::run_jixiao_bounded("render " + args + " -o " + out + "/ --date 1640995200");
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.seconds < test::hostile_seconds());
  CHECK(r.max_rss_mib < test::hostile_mib());
  CHECK(r.err.find("hint: rename one of the two inputs") != std::string::npos);
  if (fs::exists(out)) CHECK(fs::is_empty(out));
  return r;
}

}  // namespace

TEST_CASE("bulk: s.json of 9 projects and s-1.json would both write s-1.pdf: refused, nothing written", "[bulk]") {
  auto dir = test::temp_dir("bulk-names-s");
  fs::create_directories(dir + "/in");
  test::write(dir + "/in/s.json", example("shenzhen-2021-project-selfeval.json"));  // s-1.pdf … s-9.pdf
  test::write(dir + "/in/s-1.json", example("mof-2020-project-selfeval.json"));     // s-1.pdf
  // Given as a directory (sorted: s-1.json comes first) and as files in the other order.
  auto as_dir = refused(dir + "/in", dir + "/out");
  CHECK(as_dir.err.find(dir + "/in/s.json: /projects/0: error: would write s-1.pdf, as " + dir + "/in/s-1.json does") !=
        std::string::npos);
  auto as_files = refused(dir + "/in/s.json " + dir + "/in/s-1.json", dir + "/out2");
  CHECK(as_files.err.find(dir + "/in/s-1.json: error: would write s-1.pdf, as " + dir + "/in/s.json /projects/0 does") !=
        std::string::npos);
  // Every shard sees the whole run's names, so each refuses with the same words.
  for (int k = 0; k < 3; ++k) {
    auto shard = refused(dir + "/in --shard " + std::to_string(k) + "/3", dir + "/sh");
    CHECK(shard.err == as_dir.err);
  }
  // Renamed, the same files render: 10 PDFs.
  fs::rename(dir + "/in/s-1.json", dir + "/in/t.json");
  auto ok = test::run_jixiao("render " + dir + "/in -o " + dir + "/ok/ --date 1640995200");
  CHECK(ok.exit_code == 0);
  CHECK(test::pdfs_in(dir + "/ok").size() == 10);
}

TEST_CASE("bulk: a JSON Lines line's PDF against a data file of that name is refused, also when the line is split",
          "[bulk]") {
  auto dir = test::temp_dir("bulk-names-jsonl");
  std::string one = json::parse(example("mof-2020-project-selfeval.json")).dump();
  std::string nine = json::parse(example("shenzhen-2021-project-selfeval.json")).dump();
  std::string lines;
  for (int i = 1; i <= 120; ++i) lines += (i == 30 ? nine : one) + "\n";  // line 30: batch-030-1 … -9
  test::write(dir + "/batch.jsonl", lines);
  test::write(dir + "/batch-012.json", one);
  test::write(dir + "/batch-030-4.json", one);
  auto r = refused(dir + "/batch.jsonl " + dir + "/batch-012.json " + dir + "/batch-030-4.json", dir + "/out");
  CHECK(r.err.find(dir + "/batch-012.json: error: would write batch-012.pdf, as " + dir + "/batch.jsonl:12 does") !=
        std::string::npos);
  CHECK(r.err.find(dir + "/batch-030-4.json: error: would write batch-030-4.pdf, as " + dir +
                   "/batch.jsonl:30 /projects/3 does") != std::string::npos);
}

TEST_CASE("bulk: names differing only in case, and one directory's sub-path against another's, are refused",
          "[bulk]") {
  auto dir = test::temp_dir("bulk-names-case");
  std::string one = example("mof-2020-project-selfeval.json");
  fs::create_directories(dir + "/a/sub");
  fs::create_directories(dir + "/b/sub");
  test::write(dir + "/a/Report.json", one);
  test::write(dir + "/a/report.json", one);
  auto cased = refused(dir + "/a", dir + "/out");
  CHECK(cased.err.find("would write report.pdf, as " + dir + "/a/Report.json writes Report.pdf, a name differing only "
                       "in upper and lower case") != std::string::npos);
  fs::remove(dir + "/a/Report.json");
  test::write(dir + "/a/sub/x.json", one);
  test::write(dir + "/b/sub/x.json", one);
  auto sub = refused(dir + "/a " + dir + "/b", dir + "/out2");
  CHECK(sub.err.find(dir + "/b/sub/x.json: error: would write sub/x.pdf, as " + dir + "/a/sub/x.json does") !=
        std::string::npos);
  // A directory named like a PDF another input writes.
  fs::remove_all(dir + "/b");
  fs::create_directories(dir + "/c/report.pdf");
  test::write(dir + "/c/report.pdf/y.json", one);
  test::write(dir + "/c/report.json", one);
  fs::remove_all(dir + "/a/sub");
  auto inside = refused(dir + "/c", dir + "/out3");
  CHECK(inside.err.find("would write report.pdf/y.pdf inside report.pdf, which " + dir + "/c/report.json writes as a PDF") !=
        std::string::npos);
}

TEST_CASE("bulk: a directory given twice is said to be given twice, in a few lines however many files", "[bulk]") {
  auto dir = test::temp_dir("bulk-names-twice");
  fs::create_directories(dir + "/in");
  std::string one = json::parse(example("mof-2020-project-selfeval.json")).dump();
  std::string lines;
  for (int i = 0; i < 1000; ++i) lines += one + "\n";
  test::write(dir + "/in/batch.jsonl", lines);
  auto r = test::run_jixiao_bounded("render " + dir + "/in " + dir + "/in -o " + dir + "/out/");
  INFO(r.err.substr(0, 2000));
  CHECK(r.exit_code == 2);
  CHECK(r.seconds < test::hostile_seconds());
  CHECK(r.err.find(dir + "/in/batch.jsonl:1: error: given twice") != std::string::npos);
  CHECK(r.err.find("and 980 more documents would write a PDF another document writes") != std::string::npos);
  CHECK(test::lines_of(r.err).size() < 30);
  CHECK(test::pdfs_in(dir + "/out").empty());
}
