#include "support/support.h"

#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <chrono>
#include <thread>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <stdexcept>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace jixiao::test {

std::string source_path(const std::string& relative) {
  return std::string(JIXIAO_SOURCE_DIR) + "/" + relative;
}

std::string temp_dir(const std::string& name) {
  static std::atomic<int> counter{0};
  auto dir = std::filesystem::temp_directory_path() /
             ("jixiao-test-" + std::to_string(::getpid()) + "-" + name + "-" +
              std::to_string(counter++));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir.string();
}

CommandResult run_command(const std::string& command) {
  auto dir = temp_dir("cmd");
  std::string out = dir + "/out", err = dir + "/err";
  std::string full = "(" + command + ") >" + out + " 2>" + err;
  int status = std::system(full.c_str());
  CommandResult r;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove_all(dir);
  return r;
}

// The tests expect English messages whatever the locale of whoever runs them (LANG=zh_CN.UTF-8
// would make jixiao speak Chinese).
const char* const kEnglish = "LC_ALL= LC_MESSAGES= LANG=C.UTF-8 ";

CommandResult run_jixiao(const std::string& args) {
  return run_command(kEnglish + std::string(JIXIAO_BINARY) + " " + args);
}

BoundedResult run_jixiao_bounded(const std::string& args, double timeout_s) {
  auto dir = temp_dir("bounded");
  std::string out = dir + "/out", err = dir + "/err";
  // exec replaces the shell, so the child measured is jixiao itself.
  std::string full = "exec env " + std::string(kEnglish) + JIXIAO_BINARY + " " + args + " >" + out + " 2>" + err;
  BoundedResult r;
  auto start = std::chrono::steady_clock::now();
  pid_t pid = ::fork();
  if (pid == 0) {
    ::execl("/bin/sh", "sh", "-c", full.c_str(), static_cast<char*>(nullptr));
    ::_exit(127);
  }
  int status = 0;
  struct rusage ru {};
  for (;;) {
    pid_t done = ::wait4(pid, &status, WNOHANG, &ru);
    if (done == pid) break;
    double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (elapsed > timeout_s && !r.timed_out) {
      r.timed_out = true;
      ::kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.max_rss_mib = ru.ru_maxrss / 1024;
  if (WIFEXITED(status)) r.exit_code = WEXITSTATUS(status);
  if (WIFSIGNALED(status)) r.signal = WTERMSIG(status);
  r.out = slurp(out);
  r.err = slurp(err);
  std::filesystem::remove_all(dir);
  return r;
}

#if defined(__SANITIZE_ADDRESS__)
constexpr double kSanitizerScale = 4;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
constexpr double kSanitizerScale = 4;
#else
constexpr double kSanitizerScale = 1;
#endif
#else
constexpr double kSanitizerScale = 1;
#endif

// Time gets twice the memory's margin: -O1 with ASan checks runs 3-8x slower, and ctest runs
// two tests at once on a 2-core CI machine.
double hostile_seconds() { return 1.0 * kSanitizerScale * (kSanitizerScale > 1 ? 2 : 1); }
long hostile_mib() { return static_cast<long>(200 * kSanitizerScale); }
bool sanitized() { return kSanitizerScale > 1; }

bool file_exists(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string pdf_objects(const std::string& pdf_path) {
  auto r = run_command("qpdf --qdf --object-streams=disable '" + pdf_path + "' -");
  if (r.exit_code != 0 && r.exit_code != 3) throw std::runtime_error("qpdf cannot read " + pdf_path + ": " + r.err);
  return r.out;
}

std::string replace_all(std::string s, const std::string& from, const std::string& to) {
  for (auto at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
  return s;
}

bool has_placed(const std::string& text, const std::string& file, const std::string& rest) {
  for (auto at = text.find(file + ":"); at != std::string::npos; at = text.find(file + ":", at + 1)) {
    std::size_t i = at + file.size() + 1;
    auto digits = [&] {
      std::size_t from = i;
      while (i < text.size() && text[i] >= '0' && text[i] <= '9') ++i;
      return i > from;
    };
    if (digits() && i < text.size() && text[i++] == ':' && digits() && text.compare(i, 2, ": ") == 0 &&
        text.compare(i + 2, rest.size(), rest) == 0)
      return true;
  }
  return false;
}

std::string strip_space(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') continue;
    if (c == 0xE3 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
        static_cast<unsigned char>(s[i + 2]) == 0x80) {  // U+3000 ideographic space
      i += 2;
      continue;
    }
    out += s[i];
  }
  return out;
}

}  // namespace jixiao::test
