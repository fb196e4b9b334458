// Bulk runs against hostile and careless inputs (issue 20): a JSON Lines line that is too
// long or not a document fails alone; 50,000 failures stay within memory; a summary that
// cannot be written is said; a killed run's temporaries are cleared by the next; SIGTERM and
// SIGINT stop a run with a summary of what was done.
#include <signal.h>
#include <sys/file.h>
#include <sys/wait.h>
#include <fcntl.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char* kDate = " --date 1640995200";

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string example_line() {
  return json::parse(test::slurp(test::source_path("examples/mof-2020-project-selfeval.json"))).dump();
}

// The findings.json document of an input ("batch.jsonl:3").
json document_of(const json& findings, const std::string& input) {
  for (const auto& d : findings["documents"])
    if (d["input"] == input) return d;
  FAIL("no document " << input);
  return {};
}

std::vector<std::string> temporaries_in(const std::string& dir) {
  std::vector<std::string> out;
  for (auto& e : fs::recursive_directory_iterator(dir)) {
    std::string n = e.path().filename().string();
    if (n.find(".tmp-") != std::string::npos || n.find("spill") != std::string::npos ||
        n.find(".xlsx-") != std::string::npos)
      out.push_back(n);
  }
  return out;
}

}  // namespace

TEST_CASE("bulk: a JSON Lines line over the limit, with NUL, bad UTF-8 or not an object fails alone", "[bulk]") {
  auto dir = test::temp_dir("bulk-jsonl-lines");
  const std::string good = example_line();
  const std::size_t huge = (64u << 20) + 100;  // past the 64 MiB of a data file
  {
    std::ofstream out(dir + "/batch.jsonl", std::ios::binary);
    out << good << "\n";                                        // 1
    out << "{\"form\": \"" << std::string(huge, 'a') << "\"}\n";  // 2: too long
    out << "\n   \t\n";                                         // 3, 4: blank
    out << "{\"form\": \"a\n";                                  // 5: cut short
    out.write("{\"x\": \"\0\"}\n", 11);                         // 6: a NUL
    out << "{\"form\": \"\xff\xfe\"}\n";                        // 7: invalid UTF-8
    out << "[1, 2, 3]\n";                                       // 8: JSON, not an object
    out << good << "\r\n";                                      // 9: CR LF
    out << good;                                                // 10: no final newline
  }
  auto r = test::run_jixiao_bounded("render " + dir + "/batch.jsonl -o " + dir + "/out/" + kDate, 60);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.max_rss_mib < test::hostile_mib());
  WARN("a 64 MiB line among 7: " << r.seconds << " s, " << r.max_rss_mib << " MiB");
  // The good lines render, with their line numbers' width.
  for (const char* pdf : {"batch-01.pdf", "batch-09.pdf", "batch-10.pdf"}) CHECK(fs::exists(dir + "/out/" + pdf));
  for (const char* pdf : {"batch-02.pdf", "batch-05.pdf", "batch-06.pdf", "batch-07.pdf", "batch-08.pdf"})
    CHECK_FALSE(fs::exists(dir + "/out/" + pdf));
  const std::string b = dir + "/batch.jsonl";
  CHECK(r.err.find("5 of 8 documents failed") != std::string::npos);
  CHECK(r.err.find(b + ":2: error: line of " + std::to_string(huge + 12) + " bytes; expected at most 67108864 bytes") !=
        std::string::npos);
  CHECK(r.err.find("3 of 8 documents rendered") != std::string::npos);
  json findings = json::parse(test::slurp(dir + "/out/findings.json"));
  CHECK(findings["documents"].size() == 8);
  for (const char* line : {":2", ":5", ":6", ":7", ":8"}) {
    INFO(line);
    json d = document_of(findings, b + line);
    CHECK(d["status"] == "failed");
    REQUIRE(!d["findings"].empty());
    CHECK(d["findings"][0]["severity"] == "error");
  }
  for (const char* line : {":1", ":9", ":10"}) CHECK(document_of(findings, b + line)["status"] == "ok");
  CHECK(temporaries_in(dir + "/out").empty());
}

TEST_CASE("bulk: 50,000 invalid JSON Lines documents: memory stays flat, the listing is cut short", "[bulk]") {
  // Under ASan 5,000: its quarantine grows to 256 MiB whatever the run does, and 50,000 take 100 s.
  const int n = test::sanitized() ? 5000 : 50000;
  const std::string all = std::to_string(n);
  auto dir = test::temp_dir("bulk-50k");
  {
    std::ofstream out(dir + "/many.jsonl", std::ios::binary);
    for (int i = 0; i < n; ++i) out << "{\"form\": \"no-such-form-" << i << "\", \"n\": " << i << "}\n";
  }
  auto r = test::run_jixiao_bounded("render " + dir + "/many.jsonl -o " + dir + "/out/ -j 2" + kDate,
                                    120 * test::hostile_seconds());
  INFO(r.err.substr(0, 4000));
  WARN(n << " failed documents: " << r.seconds << " s, peak " << r.max_rss_mib << " MiB");
  CHECK(r.exit_code == 2);
  CHECK(r.max_rss_mib < test::hostile_mib());
  CHECK(r.seconds < 60 * test::hostile_seconds());
  CHECK(r.err.find(all + " of " + all + " documents failed") != std::string::npos);
  CHECK(r.err.find("many.jsonl:20\n") != std::string::npos);  // the 20th is listed
  CHECK(r.err.find("many.jsonl:21\n") == std::string::npos);  // the 21st is not
  CHECK(r.err.find("  and " + std::to_string(n - 20) + " more: see " + dir + "/out/findings.json") != std::string::npos);
  CHECK(r.err.size() < 20000);
  // Every document is in the summary, in line order.
  std::ifstream csv(dir + "/out/summary.csv");
  std::string line;
  int rows = 0;
  std::string last;
  while (std::getline(csv, line)) ++rows, last = line;
  CHECK(rows == n + 1);
  CHECK(last.rfind(dir + "/many.jsonl:" + all + ",", 0) == 0);
  CHECK(temporaries_in(dir + "/out").empty());
}

TEST_CASE("bulk: a summary that cannot be written is said, and only those written are named", "[bulk]") {
  auto dir = test::temp_dir("bulk-no-summary");
  fs::create_directories(dir + "/out/summary.csv");  // a directory where the CSV goes
  write(dir + "/one.jsonl", example_line() + "\n");
  auto r = test::run_jixiao("render " + dir + "/one.jsonl -o " + dir + "/out/" + kDate);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(dir + "/out/summary.csv: error: the output is a directory") != std::string::npos);
  CHECK(r.err.find("summary: " + dir + "/out/summary.xlsx, " + dir + "/out/findings.json\n") != std::string::npos);
  CHECK(fs::exists(dir + "/out/one-1.pdf"));
  CHECK(fs::is_directory(dir + "/out/summary.csv"));
}

TEST_CASE("bulk: a killed run's temporaries are removed by the next run, a held one is kept", "[bulk]") {
  auto dir = test::temp_dir("bulk-stale");
  const std::string out = dir + "/out";
  fs::create_directories(out);
  auto plant = [&](const std::string& name, bool old) {
    write(out + "/" + name, "%PDF-1.7 half");
    if (old) fs::last_write_time(out + "/" + name, fs::file_time_type::clock::now() - std::chrono::seconds(60));
  };
  plant(".a.pdf.tmp-Ab3xYz", true);        // SIGKILLed long ago: removed
  plant(".summary.xlsx.xlsx-Q1w2E3", true);  // the workbook's scratch file: removed
  plant(".jixiao-spill-Zz9Yy8", true);     // a run's rows: removed
  plant(".b.pdf.tmp-Cd4eFg", true);        // held by a live writer (below): kept
  plant(".c.pdf.tmp-Hi5jKl", false);       // just made, not yet locked: kept
  plant(".d.pdf.tmp-Mn6", true);           // not jixiao's naming: kept
  plant("e.pdf.tmp-Op7qRs", true);         // not hidden: not jixiao's: kept
  plant(".f.part.tmp-Tu8vWx", true);       // another program's download: kept
  int held = ::open((out + "/.b.pdf.tmp-Cd4eFg").c_str(), O_RDWR);
  REQUIRE(held >= 0);
  REQUIRE(::flock(held, LOCK_EX) == 0);
  // A single render into the directory clears it, as a bulk run does.
  auto r = test::run_jixiao("render " + test::source_path("examples/mof-2020-project-selfeval.json") + " -o " + out +
                            "/x.pdf" + kDate);
  ::close(held);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(fs::exists(out + "/.a.pdf.tmp-Ab3xYz"));
  CHECK_FALSE(fs::exists(out + "/.summary.xlsx.xlsx-Q1w2E3"));
  CHECK_FALSE(fs::exists(out + "/.jixiao-spill-Zz9Yy8"));
  CHECK(fs::exists(out + "/.b.pdf.tmp-Cd4eFg"));
  CHECK(fs::exists(out + "/.c.pdf.tmp-Hi5jKl"));
  CHECK(fs::exists(out + "/.d.pdf.tmp-Mn6"));
  CHECK(fs::exists(out + "/e.pdf.tmp-Op7qRs"));
  CHECK(fs::exists(out + "/.f.part.tmp-Tu8vWx"));
  // Unlocked now and old: the next bulk run into the directory removes it.
  fs::last_write_time(out + "/.b.pdf.tmp-Cd4eFg", fs::file_time_type::clock::now() - std::chrono::seconds(60));
  write(dir + "/one.jsonl", example_line() + "\n");
  REQUIRE(test::run_jixiao("render " + dir + "/one.jsonl -o " + out + "/" + kDate).exit_code == 0);
  CHECK_FALSE(fs::exists(out + "/.b.pdf.tmp-Cd4eFg"));
}

TEST_CASE("bulk: SIGTERM or SIGINT mid-run stops it with a summary of what was done", "[bulk]") {
  for (int sig : {SIGTERM, SIGINT}) {
    DYNAMIC_SECTION("signal " << sig) {
      auto dir = test::temp_dir("bulk-stop");
      std::string lines;
      const std::string good = example_line();
      for (int i = 0; i < 400; ++i) lines += good + "\n";
      write(dir + "/batch.jsonl", lines);
      const std::string out = dir + "/out", err = dir + "/err.txt";
      pid_t pid = ::fork();
      if (pid == 0) {
        std::string in = dir + "/batch.jsonl", o = out + "/";
        ::freopen(err.c_str(), "w", stderr);
        ::setenv("LANG", "C", 1);
        ::execl(JIXIAO_BINARY, JIXIAO_BINARY, "render", in.c_str(), "-o", o.c_str(), "-j", "2", "--date",
                "1640995200", static_cast<char*>(nullptr));
        ::_exit(127);
      }
      // Stop it once about 10 documents are written.
      auto pdfs = [&] {
        int n = 0;
        std::error_code ec;
        for (auto& e : fs::directory_iterator(out, ec)) n += e.path().extension() == ".pdf";
        return n;
      };
      auto start = std::chrono::steady_clock::now();
      while (pdfs() < 10 && std::chrono::steady_clock::now() - start < std::chrono::seconds(120))
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
      ::kill(pid, sig);
      int status = 0;
      ::waitpid(pid, &status, 0);
      std::string text = test::slurp(err);
      INFO(text);
      // It ends by the signal (a shell reports 128+N), after saying where the summary is.
      CHECK(WIFSIGNALED(status));
      if (WIFSIGNALED(status)) CHECK(WTERMSIG(status) == sig);
      CHECK(text.find(sig == SIGTERM ? "stopped by SIGTERM: " : "stopped by SIGINT: ") != std::string::npos);
      CHECK(text.find("summary: " + out + "/summary.csv, " + out + "/summary.xlsx, " + out + "/findings.json") !=
            std::string::npos);
      const int written = pdfs();
      CHECK(written >= 10);
      CHECK(written < 400);
      json findings = json::parse(test::slurp(out + "/findings.json"));
      REQUIRE(findings["documents"].size() == 400);
      int ok = 0, not_rendered = 0;
      for (const auto& d : findings["documents"]) {
        ok += d["status"] == "ok";
        not_rendered += d["status"] == "not-rendered";
      }
      CHECK(ok == written);  // every PDF there is listed, whole
      CHECK(ok + not_rendered == 400);
      for (auto& e : fs::directory_iterator(out))
        if (e.path().extension() == ".pdf") {
          std::string bytes = test::slurp(e.path().string());
          CHECK(bytes.substr(bytes.size() - 6).find("%%EOF") != std::string::npos);
        }
      CHECK(temporaries_in(out).empty());
    }
  }
}

// PDFs are written by one thread in batches while the workers render (bulk/committer.h): a
// PDF that cannot be written fails its own row, with the reason, and no other.
TEST_CASE("bulk: a PDF that cannot be written fails alone, its row says why, --resume retries it", "[bulk]") {
  auto dir = test::temp_dir("bulk-pdf-blocked");
  std::string lines;
  for (int i = 0; i < 6; ++i) lines += example_line() + "\n";
  write(dir + "/six.jsonl", lines);
  fs::create_directories(dir + "/out/six-3.pdf");  // a directory where the third PDF goes
  auto r = test::run_jixiao("render " + dir + "/six.jsonl -o " + dir + "/out/ -j2" + kDate);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(dir + "/out/six-3.pdf: error: the output is a directory") != std::string::npos);
  for (int i : {1, 2, 4, 5, 6}) CHECK(fs::is_regular_file(dir + "/out/six-" + std::to_string(i) + ".pdf"));
  CHECK(temporaries_in(dir + "/out").empty());
  json findings = json::parse(test::slurp(dir + "/out/findings.json"));
  json blocked = document_of(findings, dir + "/six.jsonl:3");
  CHECK(blocked["status"] == "failed");
  CHECK(blocked["output"] == "");
  REQUIRE(blocked["findings"].size() == 1);
  CHECK(blocked["findings"][0].dump().find("the output is a directory") != std::string::npos);
  CHECK(document_of(findings, dir + "/six.jsonl:4")["status"] == "ok");
  std::string csv = test::slurp(dir + "/out/summary.csv");
  CHECK(csv.find("six-3.pdf") == std::string::npos);  // no output named for the failed row

  // Only what failed is rendered again, and once the way is clear it is written.
  fs::remove(dir + "/out/six-3.pdf");
  auto again = test::run_jixiao("render " + dir + "/six.jsonl -o " + dir + "/out/ -j2 --resume" + kDate);
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK(again.err.find("(5 unchanged)") != std::string::npos);
  CHECK(fs::is_regular_file(dir + "/out/six-3.pdf"));
}
