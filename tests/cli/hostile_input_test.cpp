// Hostile data files and output paths (issue 9, classes 1, 5, 6): each is refused with the
// file and the place, exit 2, nothing written, within a second and 200 MiB.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kSelfEval = test::source_path("examples/suzhou-2021-project-selfeval.json");
const std::string kDeclaration = test::source_path("examples/suzhou-2021-project-declaration.json");
const std::string kShenzhen = test::source_path("examples/shenzhen-2021-project-selfeval.json");
const std::string kSecret = "TOP-SECRET-4711";

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

// What a hostile run must give: exit 2, within budget, nothing but the inputs left in dir.
test::BoundedResult refused(const std::string& args, const std::string& dir,
                            const std::vector<std::string>& files_before) {
  auto r = test::run_jixiao_bounded(args);
  INFO(args << "\n" << r.err);
  CHECK_FALSE(r.timed_out);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  CHECK(r.seconds < test::hostile_seconds());
  CHECK(r.max_rss_mib < test::hostile_mib());
  std::vector<std::string> now;
  for (auto& e : std::filesystem::directory_iterator(dir)) now.push_back(e.path().filename().string());
  std::sort(now.begin(), now.end());
  auto want = files_before;
  std::sort(want.begin(), want.end());
  CHECK(now == want);
  CHECK(r.err.find(kSecret) == std::string::npos);
  return r;
}

// The Suzhou self-evaluation in dir/self.json naming declaration `link`.
std::string self_eval_linking(const std::string& dir, const nlohmann::json& link) {
  auto data = nlohmann::json::parse(test::slurp(kSelfEval));
  data["projects"][0]["declaration"] = link;
  write(dir + "/self.json", data.dump(2));
  return dir + "/self.json";
}

std::string render_args(const std::string& data, const std::string& dir) {
  return "render " + data + " -o " + dir + "/out.pdf";
}

}  // namespace

TEST_CASE("declaration: absolute paths, .. and /proc are refused without reading them", "[cli][hostile][declaration]") {
  for (const char* link : {"/etc/passwd", "/proc/self/environ", "../../../../../../etc/passwd", "/dev/zero",
                           "/dev/urandom", "/dev/stdin", "sub/../../outside.json", "", "."}) {
    auto dir = test::temp_dir("decl-path");
    auto data = self_eval_linking(dir, link);
    auto r = refused(render_args(data, dir), dir, {"self.json"});
    INFO(link);
    CHECK(test::has_placed(r.err, data,
                           "/projects/0/declaration: error: the declaration '" + std::string(link) + "' "));
    CHECK(r.err.find("root:") == std::string::npos);
    CHECK(r.err.find("PATH=") == std::string::npos);
  }
}

TEST_CASE("declaration: a symlink out of the data directory is refused, its target is not read", "[cli][hostile][declaration]") {
  auto outside = test::temp_dir("outside");
  auto decl = nlohmann::json::parse(test::slurp(kDeclaration));
  decl["projects"][0]["overview"] = kSecret;
  write(outside + "/secret.json", decl.dump());
  auto dir = test::temp_dir("decl-link");
  std::filesystem::create_symlink(outside + "/secret.json", dir + "/declaration.json");
  auto data = self_eval_linking(dir, "declaration.json");
  auto r = refused(render_args(data, dir), dir, {"self.json", "declaration.json"});
  CHECK(r.err.find("/projects/0/declaration: error: the declaration 'declaration.json' leads outside the data file's directory") !=
        std::string::npos);
  // With the directory allowed, the same declaration is read and used.
  auto ok = test::run_jixiao("check " + data + " --declaration-dir " + outside);
  CHECK(ok.err.find("leads outside") == std::string::npos);
  CHECK(ok.err.find("/projects/0/narratives/overview: warning: differs from the declaration; the declaration's value is used; expected " +
                    kSecret) != std::string::npos);
}

TEST_CASE("declaration: a FIFO, a directory and an oversized file are refused without blocking", "[cli][hostile][declaration]") {
  auto dir = test::temp_dir("decl-kind");
  REQUIRE(::mkfifo((dir + "/fifo.json").c_str(), 0600) == 0);
  std::filesystem::create_directory(dir + "/folder.json");
  write(dir + "/big.json", std::string(5u << 20, ' '));
  for (const char* link : {"fifo.json", "folder.json", "big.json"}) {
    auto data = self_eval_linking(dir, link);
    auto r = refused(render_args(data, dir), dir, {"self.json", "fifo.json", "folder.json", "big.json"});
    CHECK(r.err.find("/projects/0/declaration: error: the declaration '" + std::string(link) + "' cannot be read") !=
          std::string::npos);
  }
}

TEST_CASE("declaration: another form, or not valid against its own schema, is refused without quoting it", "[cli][hostile][declaration]") {
  auto dir = test::temp_dir("decl-form");
  auto other = nlohmann::json::parse(test::slurp(kShenzhen));
  other["title"] = kSecret;
  write(dir + "/other.json", other.dump());
  auto data = self_eval_linking(dir, "other.json");
  auto r = refused(render_args(data, dir), dir, {"self.json", "other.json"});
  CHECK(r.err.find("the declaration 'other.json' is not of the declaration form; expected a data file of form suzhou-project-declaration-2021") !=
        std::string::npos);
  CHECK(r.err.find("shenzhen-project-selfeval-2021") == std::string::npos);

  auto decl = nlohmann::json::parse(test::slurp(kDeclaration));
  decl["projects"][0]["indicators"] = "all of them";
  write(dir + "/bad.json", decl.dump());
  data = self_eval_linking(dir, "bad.json");
  r = refused(render_args(data, dir), dir, {"self.json", "other.json", "bad.json"});
  CHECK(r.err.find("bad.json: /projects/0/indicators: error: wrong type") != std::string::npos);
  CHECK(r.err.find("/projects/0/declaration: error: the declaration 'bad.json' is not a valid declaration") != std::string::npos);

  write(dir + "/text.json", kSecret + " is not JSON");
  data = self_eval_linking(dir, "text.json");
  r = refused(render_args(data, dir), dir, {"self.json", "other.json", "bad.json", "text.json"});
  CHECK(r.err.find("text.json:1:1: error: malformed JSON") != std::string::npos);
}

TEST_CASE("prefill meets data of the wrong shape: validation names it, no internal error", "[cli][hostile][declaration]") {
  auto dir = test::temp_dir("decl-shape");
  write(dir + "/declaration.json", test::slurp(kDeclaration));
  auto data = nlohmann::json::parse(test::slurp(kSelfEval));
  data["projects"][0]["declaration"] = "declaration.json";
  data["projects"][0]["narratives"] = 5;
  data["projects"][0]["indicators"] = nlohmann::json::array({1, "two", nullptr});
  write(dir + "/self.json", data.dump());
  auto r = refused(render_args(dir + "/self.json", dir), dir, {"self.json", "declaration.json"});
  CHECK(r.err.find("internal") == std::string::npos);
  CHECK(r.err.find("/projects/0/narratives: error: wrong type") != std::string::npos);
  CHECK(r.err.find("/projects/0/indicators/0: error: wrong type") != std::string::npos);
}

TEST_CASE("JSON: what nlohmann accepts silently is an error with its place", "[cli][hostile][json]") {
  std::string base = test::slurp(kShenzhen);
  auto at = base.find("\"department\": \"0102013\",");
  REQUIRE(at != std::string::npos);
  struct Case {
    std::string name, text, want;
  } cases[] = {
      {"duplicate key", std::string(base).insert(at, "\"department\": \"x\", "),
       "error: duplicate key 'department' at /projects/0/department"},
      {"escaped NUL", std::string(base).replace(at, 24, "\"department\": \"01\\u0000\","),
       "error: a NUL character (\\u0000) in a string at /projects/0/department"},
      {"NUL byte after the document", base + std::string("\0\0garbage", 9), "error: malformed JSON: a NUL byte"},
      {"bytes after the document", base + "{}", "error: malformed JSON: more text after the end of the JSON"},
      {"number out of range", std::string(base).replace(at, 24, "\"department\": 1e400,"),
       "error: malformed JSON: number out of range"},
      {"nested 90,000 deep", std::string(90000, '[') + std::string(90000, ']'), "error: nested too deeply at /0/0/0"},
      {"deep in a narrative", std::string(base).replace(at, 24, "\"department\": " + std::string(100, '[') +
                                                                    std::string(100, ']') + ","),
       "error: nested too deeply at /projects/0/department/0/0"},
  };
  for (const auto& c : cases) {
    INFO(c.name);
    auto dir = test::temp_dir("json");
    write(dir + "/data.json", c.text);
    auto r = refused(render_args(dir + "/data.json", dir), dir, {"data.json"});
    CHECK(r.err.find(dir + "/data.json:") != std::string::npos);
    CHECK(r.err.find(c.want) != std::string::npos);
  }
}

TEST_CASE("data files: a device, a FIFO or a huge file is refused without blocking", "[cli][hostile][json]") {
  auto dir = test::temp_dir("data-kind");
  REQUIRE(::mkfifo((dir + "/fifo.json").c_str(), 0600) == 0);
  for (std::string data : {std::string("/dev/zero"), std::string("/dev/stdin"), dir + "/fifo.json"}) {
    auto r = refused("check " + data + " </dev/zero", dir, {"fifo.json"});
    CHECK(r.err.find(data + ": error: is not a regular file") != std::string::npos);
  }
  {  // sparse: 65 MiB of nothing costs no disk
    std::ofstream big(dir + "/big.json");
    big.seekp((65 << 20) - 1);
    big.put(' ');
  }
  auto r = refused("check " + dir + "/big.json", dir, {"fifo.json", "big.json"});
  CHECK(r.err.find("big.json: error: file too large (68157440 bytes); expected at most 67108864 bytes") != std::string::npos);
}

TEST_CASE("output: not a regular file, a symlink or an input is refused, the victim is untouched", "[cli][hostile][output]") {
  auto dir = test::temp_dir("out");
  write(dir + "/data.json", test::slurp(kShenzhen));
  write(dir + "/victim.txt", kSecret);
  std::filesystem::create_symlink(dir + "/victim.txt", dir + "/link.pdf");
  std::filesystem::create_directory(dir + "/folder.pdf");
  std::vector<std::string> files = {"data.json", "victim.txt", "link.pdf", "folder.pdf"};
  auto r = refused("render " + dir + "/data.json -o " + dir + "/link.pdf", dir, files);
  CHECK(r.err.find(dir + "/link.pdf: error: the output is a symbolic link") != std::string::npos);
  r = refused("render " + dir + "/data.json -o " + dir + "/folder.pdf", dir, files);
  CHECK(r.err.find("folder.pdf: error: the output is a directory") != std::string::npos);
  r = refused("render " + dir + "/data.json -o /dev/null", dir, files);
  CHECK(r.err.find("/dev/null: error: the output is not a regular file") != std::string::npos);
  r = refused("render " + dir + "/data.json -o " + dir + "/../" + std::filesystem::path(dir).filename().string() +
                  "/data.json",
              dir, files);
  CHECK(r.err.find("error: the output is an input of this run") != std::string::npos);
  r = refused("render " + dir + "/data.json -o " + test::source_path("templates/forms/shenzhen-project-selfeval-2021.xml"),
              dir, files);
  CHECK(r.err.find("error: the output is an input of this run") != std::string::npos);
  CHECK(test::slurp(dir + "/victim.txt") == kSecret);
  CHECK(test::slurp(dir + "/data.json") == test::slurp(kShenzhen));
}

TEST_CASE("output: an existing file keeps its mode, no temporary is left", "[cli][hostile][output]") {
  auto dir = test::temp_dir("out-mode");
  write(dir + "/out.pdf", "old");
  REQUIRE(::chmod((dir + "/out.pdf").c_str(), 0640) == 0);
  auto r = test::run_jixiao("render " + kShenzhen + " -o " + dir + "/out.pdf --date 2021-01-01");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  struct stat st {};
  REQUIRE(::stat((dir + "/out.pdf").c_str(), &st) == 0);
  CHECK((st.st_mode & 07777) == 0640);
  CHECK(test::slurp(dir + "/out.pdf").substr(0, 5) == "%PDF-");
  auto ls = test::run_command("ls -A " + dir);
  CHECK(ls.out == "out.pdf\n");
}

TEST_CASE("output: a run stopped by SIGTERM or SIGINT at any moment leaves no temporary", "[cli][hostile][output]") {
  auto dir = test::temp_dir("out-kill");
  std::string dept = test::source_path("examples/shenzhen-2020-department-selfeval.json");
  for (int sig : {SIGTERM, SIGINT}) {
    for (int delay_ms = 0; delay_ms < 120; delay_ms += 4) {
      // Signals blocked across fork so that the child never runs Catch2's handlers.
      sigset_t block, old;
      sigemptyset(&block);
      sigaddset(&block, SIGINT);
      sigaddset(&block, SIGTERM);
      ::sigprocmask(SIG_BLOCK, &block, &old);
      pid_t pid = ::fork();
      if (pid == 0) {
        ::signal(SIGINT, SIG_DFL);
        ::signal(SIGTERM, SIG_DFL);
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
        ::freopen("/dev/null", "w", stderr);
        ::execl(JIXIAO_BINARY, "jixiao", "render", dept.c_str(), "-o", (dir + "/out.pdf").c_str(), "--date", "0",
                static_cast<char*>(nullptr));
        ::_exit(127);
      }
      ::sigprocmask(SIG_SETMASK, &old, nullptr);
      std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
      ::kill(pid, sig);
      int status = 0;
      ::waitpid(pid, &status, 0);
      for (auto& e : std::filesystem::directory_iterator(dir)) {
        INFO("signal " << sig << " after " << delay_ms << " ms");
        CHECK(e.path().filename() == "out.pdf");  // whole, or not there at all
      }
      if (test::file_exists(dir + "/out.pdf")) {
        CHECK(test::run_command("qpdf --check " + dir + "/out.pdf").exit_code == 0);
        std::filesystem::remove(dir + "/out.pdf");
      }
    }
  }
}

TEST_CASE("output: two runs at once onto the same file give one whole PDF", "[cli][hostile][output]") {
  auto dir = test::temp_dir("out-race");
  auto r = test::run_command("for i in 1 2 3 4; do " + std::string(JIXIAO_BINARY) + " render " + kShenzhen + " -o " +
                             dir + "/out.pdf --date 0 & done; wait");
  CHECK(test::run_command("qpdf --check " + dir + "/out.pdf").exit_code == 0);
  CHECK(test::run_command("ls -A " + dir).out == "out.pdf\n");
}

TEST_CASE("counts and sizes past the form's bounds are named up front with their pointer", "[cli][hostile][json]") {
  auto data = nlohmann::json::parse(test::slurp(kShenzhen));
  nlohmann::json one = {{"name", "x"}};
  auto& many = data["projects"][0]["indicators"];
  many = nlohmann::json::array();
  for (int i = 0; i < 100000; ++i) many.push_back(one);
  data["projects"][1]["name"] = std::string(70000, 'x');  // past libharu's 64 KB strings
  auto dir = test::temp_dir("counts");
  write(dir + "/data.json", data.dump());
  auto r = refused(render_args(dir + "/data.json", dir), dir, {"data.json"});
  CHECK(r.err.find("/projects/0/indicators: error: too many elements in 'indicators'; expected at most 500, got 100000 elements") !=
        std::string::npos);
  CHECK(r.err.find("/projects/1/name: error: 'name' is too long; expected at most 20000 characters, got 70000 characters") !=
        std::string::npos);
  CHECK(r.err.find("rowspan") == std::string::npos);
}

TEST_CASE("form: an id that is a path never reaches another directory", "[cli][hostile][json]") {
  auto outside = test::temp_dir("evil");
  write(outside + "/evil.xml", "<form id=\"evil\"/>");
  for (std::string form : {"../../../../../../" + outside.substr(1) + "/evil", std::string("/etc/passwd"),
                           std::string(".hidden"), std::string("a/b")}) {
    auto data = nlohmann::json::parse(test::slurp(kShenzhen));
    data["form"] = form;
    auto dir = test::temp_dir("form-id");
    write(dir + "/data.json", data.dump());
    auto r = refused(render_args(dir + "/data.json", dir), dir, {"data.json"});
    INFO(form);
    CHECK(test::has_placed(r.err, "data.json", "/form: error: not a form id; expected letters, digits"));
  }
}
