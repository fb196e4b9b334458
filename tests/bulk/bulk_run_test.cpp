// Bulk runs end to end through the CLI: many inputs into a directory, nothing lost when
// some fail, the same bytes whatever the threads or shards, and --resume after a kill.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "bulk_files.h"
#include "xlsx_reader.h"
#include "diag/diag.h"
#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;
using nlohmann::json;
using test::make_projects;
using test::pdfs_in;
using test::summary_rows;
using test::write;

namespace {

const char* kDate = " --date 1640995200";

int count_lines(const std::string& path) {
  std::ifstream in(path);
  return static_cast<int>(std::count(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>(), '\n'));
}

}  // namespace

TEST_CASE("bulk: the examples into a directory, each PDF the same as a one-off render", "[bulk]") {
  auto dir = test::temp_dir("bulk-examples");
  auto r = test::run_jixiao("render " + test::source_path("examples") + " -o " + dir + "/out/ -j 2" + kDate);
  INFO(r.err);
  REQUIRE(r.exit_code == 0);  // the department report's warnings (its declared scores) do not fail a bulk run
  auto pdfs = pdfs_in(dir + "/out");
  // Five data files; the Shenzhen project file's nine projects are one PDF each.
  REQUIRE(pdfs.size() == 13);
  CHECK(pdfs.count("shenzhen-2021-project-selfeval-4.pdf") == 1);
  auto one = test::run_jixiao("render " + test::source_path("examples/shenzhen-2020-department-selfeval.json") + " -o " +
                              dir + "/one.pdf" + kDate);
  REQUIRE(one.exit_code == 3);
  CHECK(test::slurp(dir + "/one.pdf") == pdfs["shenzhen-2020-department-selfeval.pdf"]);
  // A project split off its file renders as that project alone in a file would.
  json set = json::parse(test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json")));
  set["projects"] = json::array({set["projects"][3]});
  write(dir + "/p3.json", set.dump());
  REQUIRE(test::run_jixiao("render " + dir + "/p3.json -o " + dir + "/p3.pdf" + kDate).exit_code == 0);
  CHECK(test::slurp(dir + "/p3.pdf") == pdfs["shenzhen-2021-project-selfeval-4.pdf"]);

  auto rows = summary_rows(dir + "/out/summary.csv");
  REQUIRE(rows.size() == 13);
  CHECK(std::any_of(rows.begin(), rows.end(), [](const std::string& l) {
    return l.find("/projects/3") != std::string::npos && l.find("市住房建设局应用系统源码及自动发布管控项目") != std::string::npos &&
           l.find("92.60") != std::string::npos;
  }));
}

TEST_CASE("bulk: 500 documents with 5 broken give 495 PDFs, the 5 named with file and place, exit 2", "[bulk]") {
  auto dir = test::temp_dir("bulk-500");
  fs::create_directories(dir + "/in");
  make_projects(dir + "/in", 50, 10);
  // Four broken projects inside files that also hold good ones, one malformed file.
  auto edit = [&](const std::string& file, auto change) {
    json set = json::parse(test::slurp(dir + "/in/" + file));
    change(set);
    write(dir + "/in/" + file, set.dump(1));
  };
  edit("unit-003.json", [](json& s) { s["projects"][2]["funds"]["total"]["annual"] = "八十九万"; });
  edit("unit-017.json", [](json& s) { s["projects"][9].erase("indicators"); });
  edit("unit-030.json", [](json& s) { s["projects"][0]["indicators"][1]["weight"] = -5; });
  edit("unit-041.json", [](json& s) { s["projects"][5]["funds"]["total"]["annual"] = 0; });
  std::string bad = test::slurp(dir + "/in/unit-049.json");
  json last = json::parse(bad);
  last["projects"] = json::array({last["projects"][0]});  // one document, so the file is one PDF
  std::string text = last.dump(1);
  write(dir + "/in/unit-049.json", text.substr(0, text.size() / 2));
  // 49 files × 10 + 1 file of 1 project = 491 documents; top up to 500 with a JSON Lines file.
  std::string jsonl;
  json example = json::parse(test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json")));
  for (int i = 0; i < 9; ++i) {
    json one = example;
    one["projects"] = json::array({example["projects"][static_cast<std::size_t>(i)]});
    jsonl += one.dump() + "\n";
  }
  write(dir + "/in/more.jsonl", jsonl);

  auto r = test::run_jixiao("render " + dir + "/in -o " + dir + "/out/ -j 2" + kDate);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(pdfs_in(dir + "/out").size() == 495);
  CHECK(r.err.find("5 of 500 documents failed") != std::string::npos);
  CHECK(r.err.find("unit-003.json /projects/2") != std::string::npos);
  CHECK(r.err.find("/projects/2/funds/total/annual") != std::string::npos);
  CHECK(r.err.find("unit-017.json /projects/9") != std::string::npos);
  CHECK(r.err.find("unit-030.json /projects/0") != std::string::npos);
  CHECK(r.err.find("/projects/0/indicators/1/weight") != std::string::npos);
  CHECK(r.err.find("unit-041.json /projects/5") != std::string::npos);
  CHECK(r.err.find("unit-049.json") != std::string::npos);
  CHECK(r.err.find("malformed JSON") != std::string::npos);
  auto rows = summary_rows(dir + "/out/summary.csv");
  CHECK(rows.size() == 500);
  CHECK(std::count_if(rows.begin(), rows.end(), [](const std::string& l) { return l.find(",failed,") != std::string::npos; }) == 5);
  CHECK(!fs::exists(dir + "/out/unit-003-03.pdf"));
  CHECK(fs::exists(dir + "/out/unit-003-04.pdf"));
  CHECK(fs::exists(dir + "/out/more-9.pdf"));  // 9 lines: one digit
}

TEST_CASE("bulk: the same bytes with -j1, -j2 and three shards, and the shards' summaries make the whole", "[bulk]") {
  auto dir = test::temp_dir("bulk-shards");
  fs::create_directories(dir + "/in");
  make_projects(dir + "/in", 6, 5);
  fs::copy_file(test::source_path("examples/shenzhen-2020-department-selfeval.json"), dir + "/in/dept.json");
  auto whole = test::run_jixiao("render " + dir + "/in -o " + dir + "/j1/ -j 1" + kDate);
  REQUIRE(whole.exit_code == 0);
  REQUIRE(test::run_jixiao("render " + dir + "/in -o " + dir + "/j2/ -j 2" + kDate).exit_code == 0);
  auto one = pdfs_in(dir + "/j1");
  REQUIRE(one.size() == 31);
  CHECK(pdfs_in(dir + "/j2") == one);
  for (int k = 0; k < 3; ++k) {
    // The third shard takes K from a Kubernetes indexed Job's environment.
    std::string cmd = k == 2 ? "env JOB_COMPLETION_INDEX=2 " + std::string(JIXIAO_BINARY) + " render " + dir +
                                   "/in -o " + dir + "/sh/ --shard /3" + kDate
                             : std::string(JIXIAO_BINARY) + " render " + dir + "/in -o " + dir + "/sh/ --shard " +
                                   std::to_string(k) + "/3" + kDate;
    auto r = test::run_command(cmd);
    INFO(r.err);
    REQUIRE(r.exit_code != 2);
  }
  CHECK(pdfs_in(dir + "/sh") == one);
  std::vector<std::string> joined;
  for (int k = 0; k < 3; ++k) {
    auto part = summary_rows(dir + "/sh/summary.shard-" + std::to_string(k) + "-of-3.csv");
    CHECK(part.size() >= 10);
    joined.insert(joined.end(), part.begin(), part.end());
  }
  std::sort(joined.begin(), joined.end());
  CHECK(joined == summary_rows(dir + "/j1/summary.csv"));
}

TEST_CASE("bulk: a run stopped midway leaves no partial PDF, and --resume renders only what is missing", "[bulk]") {
  auto dir = test::temp_dir("bulk-resume");
  fs::create_directories(dir + "/in");
  make_projects(dir + "/in", 30, 10);
  std::string out = dir + "/out";
  std::string manifest = out + "/.jixiao-manifest.tsv";
  pid_t pid = ::fork();
  if (pid == 0) {
    std::string in = dir + "/in", o = out + "/";
    ::freopen("/dev/null", "w", stderr);
    ::execl(JIXIAO_BINARY, JIXIAO_BINARY, "render", in.c_str(), "-o", o.c_str(), "-j", "2", "--date", "1640995200",
            static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Stop it once about 30 documents are done (the manifest has a line for each).
  auto start = std::chrono::steady_clock::now();
  while (count_lines(manifest) < 30 && std::chrono::steady_clock::now() - start < std::chrono::seconds(300))
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ::kill(pid, SIGTERM);
  int status = 0;
  ::waitpid(pid, &status, 0);
  REQUIRE(WIFSIGNALED(status));
  const int recorded = count_lines(manifest);  // PDFs finished and recorded before the stop
  auto first = pdfs_in(out);
  INFO(first.size() << " PDFs when stopped");
  REQUIRE(first.size() >= 30);
  REQUIRE(first.size() < 300);
  for (auto& [name, bytes] : first) {  // every PDF there is whole
    INFO(name);
    CHECK(bytes.size() > 1000);
    CHECK(bytes.substr(bytes.size() - 6).find("%%EOF") != std::string::npos);
  }
  for (auto& e : fs::directory_iterator(out))  // and no temporary was left behind
    CHECK(e.path().filename().string().find(".tmp-") == std::string::npos);

  auto resumed = test::run_jixiao("render " + dir + "/in -o " + out + "/ -j 2 --resume" + kDate);
  INFO(resumed.err);
  REQUIRE(resumed.exit_code == 0);
  CHECK(resumed.err.find("(" + std::to_string(recorded) + " unchanged)") != std::string::npos);
  auto all = pdfs_in(out);
  CHECK(all.size() == 300);
  for (auto& [name, bytes] : first) CHECK(all[name] == bytes);

  // A fresh run gives the same bytes; a changed rule set makes --resume render all again.
  REQUIRE(test::run_jixiao("render " + dir + "/in -o " + dir + "/fresh/ -j 2" + kDate).exit_code == 0);
  CHECK(pdfs_in(dir + "/fresh") == all);
  auto again = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume" + kDate);
  CHECK(again.err.find("(300 unchanged)") != std::string::npos);
  fs::create_directories(dir + "/t/rules");
  std::string rules = test::slurp(test::source_path("templates/rules/shenzhen-project-2021.json"));
  write(dir + "/t/rules/shenzhen-project-2021.json", rules + "\n");
  auto changed = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume --templates " + dir + "/t" + kDate);
  CHECK(changed.err.find("(0 unchanged)") != std::string::npos);
}

TEST_CASE("bulk: what is wrong with the run itself is said before anything is rendered", "[bulk]") {
  auto dir = test::temp_dir("bulk-usage");
  auto missing = test::run_jixiao("render " + dir + "/nothing-here -o " + dir + "/out/");
  CHECK(missing.exit_code == 2);
  CHECK(missing.err.find("nothing-here") != std::string::npos);
  CHECK(missing.err.find("no such file or directory") != std::string::npos);
  write(dir + "/file.pdf", "x");
  auto into_file = test::run_jixiao("render " + test::source_path("examples") + " -o " + dir + "/file.pdf");
  CHECK(into_file.exit_code == 1);
  CHECK(into_file.err.find("writes into a directory") != std::string::npos);
  auto into_pdf = test::run_jixiao("render " + test::source_path("examples") + " -o " + dir + "/all.pdf");
  CHECK(into_pdf.exit_code == 1);
  CHECK(into_pdf.err.find("one PDF per document into a directory") != std::string::npos);
  CHECK(!fs::exists(dir + "/all.pdf"));
  auto bad_shard = test::run_jixiao("render " + test::source_path("examples") + " -o " + dir + "/o/ --shard 3/3");
  CHECK(bad_shard.exit_code == 1);
  CHECK(bad_shard.err.find("from 0 to 2") != std::string::npos);
  auto no_index = test::run_command("env -u JOB_COMPLETION_INDEX -u SLURM_ARRAY_TASK_ID " + std::string(JIXIAO_BINARY) +
                                    " render " + test::source_path("examples") + " -o " + dir + "/o/ --shard /4");
  CHECK(no_index.exit_code == 1);
  CHECK(no_index.err.find("JOB_COMPLETION_INDEX") != std::string::npos);
  // Two files of one name in two directories given by file would write one PDF.
  fs::create_directories(dir + "/a");
  fs::create_directories(dir + "/b");
  fs::copy_file(test::source_path("examples/mof-2020-project-selfeval.json"), dir + "/a/x.json");
  fs::copy_file(test::source_path("examples/mof-2020-project-selfeval.json"), dir + "/b/x.json");
  auto clash = test::run_jixiao("render " + dir + "/a/x.json " + dir + "/b/x.json -o " + dir + "/o/");
  CHECK(clash.exit_code == 2);
  CHECK(clash.err.find("would write x.pdf") != std::string::npos);
  CHECK(!fs::exists(dir + "/o/x.pdf"));
  // The same file twice is said to be given twice.
  auto twice = test::run_jixiao("render " + dir + "/a/x.json " + dir + "/a/x.json -o " + dir + "/o2/");
  CHECK(twice.exit_code == 2);
  CHECK(twice.err.find("given twice") != std::string::npos);
  // JSON Lines: a PDF per line, numbered with the file's width so listings keep line order.
  std::string line = json::parse(test::slurp(test::source_path("examples/mof-2020-project-selfeval.json"))).dump();
  std::string lines;
  for (int i = 0; i < 12; ++i) lines += line + "\n";
  write(dir + "/batch.jsonl", lines);
  auto batch = test::run_jixiao("render " + dir + "/batch.jsonl -o " + dir + "/lines/" + kDate);
  CHECK(batch.exit_code == 0);
  // A malformed line is placed at its line and column in the JSON Lines file.
  write(dir + "/broken.jsonl", line + "\n" + line + "\n" + line.substr(0, 40) + "\n");
  auto broken = test::run_jixiao("render " + dir + "/broken.jsonl -o " + dir + "/broken/" + kDate);
  CHECK(broken.exit_code == 2);
  CHECK(broken.err.find(dir + "/broken.jsonl:3:41: error: malformed JSON") != std::string::npos);
  CHECK(fs::exists(dir + "/lines/batch-01.pdf"));
  CHECK(fs::exists(dir + "/lines/batch-12.pdf"));
  // A second run into a directory another run is writing (flock(1) holds its manifest).
  fs::create_directories(dir + "/busy");
  auto busy = test::run_command("flock " + dir + "/busy/.jixiao-manifest.tsv " + std::string(JIXIAO_BINARY) +
                                " render " + test::source_path("examples") + " -o " + dir + "/busy/");
  CHECK(busy.exit_code == 2);
  CHECK(busy.err.find("another jixiao run is writing into this directory") != std::string::npos);
  CHECK(pdfs_in(dir + "/busy").empty());
}

TEST_CASE("bulk: a split-off document's findings carry line:col in the user's multi-project file", "[bulk]") {
  auto dir = test::temp_dir("bulk-places");
  fs::create_directories(dir + "/in");
  make_projects(dir + "/in", 1, 6);
  json set = json::parse(test::slurp(dir + "/in/unit-000.json"));
  set["projects"][4]["funds"]["total"]["annual"] = "八十九万";
  std::string text = set.dump(1);  // Chinese text before the value: columns count characters
  write(dir + "/in/unit-000.json", text);
  auto r = test::run_jixiao("render " + dir + "/in -o " + dir + "/out/ -j 2" + kDate);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  // The wrong value's key, found in the text by hand.
  LineCol bad = line_col(text, text.find("\"annual\": \"八十九万\""));
  std::string where = to_string(bad);
  CHECK(r.err.find("unit-000.json:" + where + ": /projects/4/funds/total/annual: error: ") != std::string::npos);
  // Where each project starts: a finding of project k lies between the starts of k and k+1.
  std::vector<int> starts;
  for (std::size_t at = text.find("\n  {"); at != std::string::npos; at = text.find("\n  {", at + 1))
    starts.push_back(line_col(text, at + 1).line);
  REQUIRE(starts.size() == 6);
  starts.push_back(line_col(text, text.size()).line);
  json findings = json::parse(test::slurp(dir + "/out/findings.json"));
  int placed = 0;
  bool found_bad = false;
  for (const auto& doc : findings["documents"]) {
    for (const auto& f : doc["findings"]) {
      INFO(f.dump());
      std::string pointer = f["pointer"];
      if (pointer.rfind("/projects/", 0) != 0) continue;
      auto k = std::stoul(pointer.substr(10));
      CHECK(pointer.rfind(doc["document"].get<std::string>(), 0) == 0);
      REQUIRE(f["line"].is_number());
      CHECK(f["line"].get<int>() >= starts[k]);
      CHECK(f["line"].get<int>() < starts[k + 1]);
      ++placed;
      if (pointer == "/projects/4/funds/total/annual") {
        found_bad = true;
        CHECK(f["line"] == bad.line);
        CHECK(f["col"] == bad.col);
      }
    }
  }
  CHECK(found_bad);
  CHECK(placed > 1);  // the example's own notes too (project 3's declared score)
}

TEST_CASE("bulk: a failed document's row names what its data had, findings carry expected, got and hints", "[bulk]") {
  auto dir = test::temp_dir("bulk-failed-rows");
  fs::create_directories(dir + "/in");
  make_projects(dir + "/in", 1, 3);
  json set = json::parse(test::slurp(dir + "/in/unit-000.json"));
  set["projects"][1]["amount"] = "abc";  // project 1 of three fails
  write(dir + "/in/unit-000.json", set.dump(1));
  json one = set;  // a file of one document that fails, its unit given as "code name"
  one["projects"] = json::array({set["projects"][1]});
  one["projects"][0]["department"] = "001276001276 某市住房和建设局";
  write(dir + "/in/unit-001.json", one.dump(1));
  const std::string name1 = set["projects"][1]["name"];

  for (const std::string lang : {"en", "zh"}) {
    INFO(lang);
    const std::string out = dir + "/out-" + lang;
    auto r = test::run_jixiao("render " + dir + "/in -o " + out + "/ --lang " + lang + kDate);
    INFO(r.err);
    REQUIRE(r.exit_code == 2);
    json docs = json::parse(test::slurp(out + "/findings.json"))["documents"];
    REQUIRE(docs.size() == 4);
    const json& ok = docs[0];
    CHECK(ok["status"] == "ok");
    CHECK(ok["unit"] == "");  // the Shenzhen form's 主管部门 is a code
    CHECK(ok["unit_code"] == "0102013");
    for (const json* failed : {&docs[1], &docs[3]}) {
      CHECK((*failed)["status"] == "failed");
      CHECK((*failed)["document"] == (failed == &docs[1] ? "/projects/1" : "/projects/0"));
      CHECK((*failed)["project"] == name1);
    }
    CHECK(docs[1]["unit_code"] == "0102013");
    CHECK(docs[3]["unit"] == "某市住房和建设局");
    CHECK(docs[3]["unit_code"] == "001276001276");
    // The wrong amount: message, expected, got and hint, each as the terminal prints it.
    const json* bad = nullptr;
    for (const auto& f : docs[1]["findings"])
      if (f["pointer"] == "/projects/1/amount") bad = &f;
    REQUIRE(bad != nullptr);
    CHECK((*bad)["severity"] == "error");
    REQUIRE(bad->contains("expected"));
    REQUIRE(bad->contains("got"));
    REQUIRE(bad->contains("hints"));
    const std::string expected = (*bad)["expected"], got = (*bad)["got"], hint = (*bad)["hints"][0];
    CHECK(r.err.find((*bad)["message"].get<std::string>()) != std::string::npos);
    CHECK(r.err.find(expected) != std::string::npos);
    CHECK(r.err.find(got) != std::string::npos);
    CHECK(r.err.find(hint) != std::string::npos);
    CHECK(got.find("abc") != std::string::npos);
    if (lang == "zh") CHECK(hint.find("引号") != std::string::npos);
    // The same on the findings sheet; the headers in the run's language.
    auto sheet = test::read_sheet(out + "/summary.xlsx", 2);
    bool on_sheet = false;
    for (const auto& row : sheet)
      on_sheet = on_sheet || (row[5] == "/projects/1/amount" && row[9] == expected && row[10] == got && row[11] == hint);
    CHECK(on_sheet);
    CHECK(sheet[0][9] == (lang == "zh" ? "应为" : "expected"));
    auto summary = test::read_sheet(out + "/summary.xlsx", 1);
    CHECK(summary[0][0] == (lang == "zh" ? "文件" : "input"));
    CHECK(summary[2][12] == (lang == "zh" ? "失败" : "failed"));
    CHECK(summary[2][4] == name1);
  }
}
