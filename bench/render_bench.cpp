// Render benchmark: each example N times in one process (fonts, templates and rule sets
// loaded once, as in a bulk run) and N times cold (a new jixiao process each time).
// Prints median and p95 milliseconds per document, peak memory and PDF bytes.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "jixiao.h"

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// One whole-process render; returns wall ms and the child's peak RSS (KiB).
bool cold_run(const std::string& cli, const std::string& data, const std::string& out,
              double& ms, long& maxrss_kib) {
  auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);  // the CLI's "wrote …" line would drown the table
    if (devnull >= 0) dup2(devnull, 2);
    execl(cli.c_str(), cli.c_str(), "render", data.c_str(), "-o", out.c_str(), "--date", "0",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  ms = ms_since(t0);
  maxrss_kib = ru.ru_maxrss;
  return WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 3);
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 20;
  std::string cli = "build/jixiao";
  std::vector<std::string> examples;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (a == "--cli" && i + 1 < argc) cli = argv[++i];
    else examples.push_back(a);
  }
  if (examples.empty()) {
    std::fprintf(stderr, "usage: jixiao-bench [--runs N] [--cli build/jixiao] EXAMPLE.json…\n");
    return 1;
  }
  auto dir = std::filesystem::temp_directory_path() / ("jixiao-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);

  std::printf("%-40s %5s %9s %9s %9s %9s %11s %10s %8s\n", "example", "runs", "warm med",
              "warm p95", "cold med", "cold p95", "peak RSS", "PDF bytes", "pages");
  jixiao::Options opt;
  opt.date = 0;
  jixiao::Engine engine(opt);  // one engine for every warm run: fonts parsed once
  int failures = 0;
  for (const auto& ex : examples) {
    std::string out = (dir / "out.pdf").string();
    jixiao::Request req;
    req.data_file = ex;
    req.output_file = out;
    std::vector<double> warm, cold;
    std::size_t bytes = 0;
    int pages = 0;
    for (int i = 0; i <= runs; ++i) {  // the first run warms caches and is not counted
      auto t0 = Clock::now();
      jixiao::Result r = engine.run(req);
      double ms = ms_since(t0);
      if (r.exit_code() == 2) {
        for (auto& d : r.diagnostics.all()) std::fprintf(stderr, "%s\n", jixiao::format(d).c_str());
        ++failures;
        break;
      }
      if (i > 0) warm.push_back(ms);
      bytes = r.pdf_bytes;
      pages = r.pages;
    }
    long peak = 0;
    for (int i = 0; i < runs; ++i) {
      double ms = 0;
      long rss = 0;
      if (!cold_run(cli, ex, out, ms, rss)) {
        std::fprintf(stderr, "cold run of %s failed\n", ex.c_str());
        ++failures;
        break;
      }
      cold.push_back(ms);
      peak = std::max(peak, rss);
    }
    std::printf("%-40s %5d %7.2fms %7.2fms %7.1fms %7.1fms %7.1f MiB %10zu %8d\n",
                std::filesystem::path(ex).filename().c_str(), runs, percentile(warm, 0.5),
                percentile(warm, 0.95), percentile(cold, 0.5), percentile(cold, 0.95),
                peak / 1024.0, bytes, pages);
  }
  struct rusage self {};
  getrusage(RUSAGE_SELF, &self);
  std::printf("bench process peak RSS (warm runs): %.1f MiB\n", self.ru_maxrss / 1024.0);
  std::filesystem::remove_all(dir);
  return failures ? 2 : 0;
}
