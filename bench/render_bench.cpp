// Render benchmark: each example N times in one process (fonts, templates and rule sets
// loaded once, as in a bulk run) and N times cold (a new jixiao process each time).
// Prints median and p95 milliseconds per document, peak memory and PDF bytes.
// --distinct: every warm run renders its own variant of the example (Chinese characters of
// the longer texts swapped for others), so nothing kept from earlier documents (font
// subsets) is reused as it is when one file is rendered over and over.
// --format ofd (or both): the OFD writer instead of (or beside, row after row) the PDF's.
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <fstream>
#include <nlohmann/json.hpp>

#include "jixiao.h"

namespace {

using Clock = std::chrono::steady_clock;

double percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  if (v.empty()) return 0;
  std::size_t i = static_cast<std::size_t>(p * (v.size() - 1) + 0.5);
  return v[std::min(i, v.size() - 1)];
}

// CPU time of this thread, ms: unlike wall time it does not grow when other processes
// share the cores, so it compares builds on a busy machine.
double thread_cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

double ms_since(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

// One whole-process render; returns wall ms and the child's peak RSS (KiB).
bool cold_run(const std::string& cli, const std::string& data, const std::string& out,
              const std::string& standard, const std::string& format, double& ms, long& maxrss_kib) {
  auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);  // the CLI's "wrote …" line would drown the table
    if (devnull >= 0) dup2(devnull, 2);
    const char* s = standard.empty() ? nullptr : standard.c_str();
    execl(cli.c_str(), cli.c_str(), "render", data.c_str(), "-o", out.c_str(), "--date", "0", "--format",
          format.c_str(), s ? "--pdf-standard" : nullptr, s, static_cast<char*>(nullptr));
    _exit(127);
  }
  int status = 0;
  struct rusage ru {};
  wait4(pid, &status, 0, &ru);
  ms = ms_since(t0);
  maxrss_kib = ru.ru_maxrss;
  return WIFEXITED(status) && (WEXITSTATUS(status) == 0 || WEXITSTATUS(status) == 3);
}

// Common characters every variant draws its replacements from (all in Noto CJK SC).
const char32_t kPool[] =
    U"的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能"
    U"下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量"
    U"都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各";

void vary(nlohmann::json& j, int variant) {
  if (j.is_object() || j.is_array()) {
    for (auto& [key, value] : j.items())
      if (key != "$schema" && key != "form") vary(value, variant);
    return;
  }
  if (!j.is_string()) return;
  // Only free text (12 code points or more): short strings may be codes a schema checks.
  std::u32string text;
  const std::string& in = j.get_ref<const std::string&>();
  for (std::size_t i = 0; i < in.size();) {
    unsigned char c = static_cast<unsigned char>(in[i]);
    int extra = c < 0x80 ? 0 : c < 0xE0 ? 1 : c < 0xF0 ? 2 : 3;
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    for (int k = 1; k <= extra && i + k < in.size(); ++k) cp = cp << 6 | (in[i + k] & 0x3F);
    text += cp;
    i += 1 + extra;
  }
  if (text.size() < 12) return;
  const std::size_t pool = sizeof kPool / sizeof kPool[0] - 1;
  for (std::size_t i = 0; i < text.size(); ++i)
    if (text[i] >= 0x4E00 && text[i] <= 0x9FFF && (i * 7 + variant) % 5 == 0)
      text[i] = kPool[(i * 31 + static_cast<std::size_t>(variant) * 17) % pool];
  std::string out;
  for (char32_t cp : text) {
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | cp >> 6);
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | cp >> 12);
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | cp >> 18);
      out += static_cast<char>(0x80 | (cp >> 12 & 0x3F));
      out += static_cast<char>(0x80 | (cp >> 6 & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  j = out;
}

// Variant files of example next to it (so relative paths in the file still resolve), one
// per run; the caller removes them.
std::vector<std::string> variants(const std::string& example, int count) {
  std::ifstream in(example);
  nlohmann::json j = nlohmann::json::parse(in);
  std::vector<std::string> files;
  for (int v = 0; v < count; ++v) {
    nlohmann::json copy = j;
    vary(copy, v);
    std::string path = example + ".bench-variant-" + std::to_string(getpid()) + "-" + std::to_string(v) + ".json";
    std::ofstream(path) << copy.dump(1);
    files.push_back(path);
  }
  return files;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 20;
  bool distinct = false;
  std::string standard;  // --pdf-standard a-2b: what PDF/A costs, beside a run without
  std::string cli = "build/jixiao";
  std::vector<std::string> examples;
  std::vector<std::string> formats = {"pdf"};
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (a == "--cli" && i + 1 < argc) cli = argv[++i];
    else if (a == "--distinct") distinct = true;
    else if (a == "--format" && i + 1 < argc) {
      std::string f = argv[++i];
      formats = f == "both" ? std::vector<std::string>{"pdf", "ofd"} : std::vector<std::string>{f};
    }
    else if (a == "--pdf-standard" && i + 1 < argc) standard = argv[++i];
    else examples.push_back(a);
  }
  if (examples.empty()) {
    std::fprintf(stderr, "usage: jixiao-bench [--runs N] [--distinct] [--pdf-standard a-2b] [--format pdf|ofd|both] [--cli build/jixiao] EXAMPLE.json…\n");
    return 1;
  }
  auto dir = std::filesystem::temp_directory_path() / ("jixiao-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);

  std::printf("%-40s %5s %9s %9s %9s %9s %9s %11s %10s %8s\n", "example", "runs", "warm med",
              "warm p95", "warm CPU", "cold med", "cold p95", "peak RSS", "bytes", "pages");
  std::vector<std::unique_ptr<jixiao::Engine>> engines;  // per format, for every warm run: fonts parsed once
  for (const auto& f : formats) {
    jixiao::Options opt;
    opt.date = 0;
    opt.pdf_standard = standard;
    opt.format = f;
    engines.push_back(std::make_unique<jixiao::Engine>(opt));
  }
  int failures = 0;
  for (const auto& ex : examples)
  for (std::size_t fi = 0; fi < formats.size(); ++fi) {
    const std::string& format = formats[fi];
    jixiao::Engine& engine = *engines[fi];
    std::string out = (dir / ("out." + format)).string();
    jixiao::Request req;
    req.data_file = ex;
    req.output_file = out;
    std::vector<double> warm, cpu, cold;
    std::size_t bytes = 0;
    int pages = 0;
    const std::vector<std::string> files = distinct ? variants(ex, runs + 1) : std::vector<std::string>{};
    for (int i = 0; i <= runs; ++i) {  // the first run warms caches and is not counted
      if (distinct) req.data_file = files[static_cast<std::size_t>(i)];
      auto t0 = Clock::now();
      const double cpu0 = thread_cpu_ms();
      jixiao::Result r = engine.run(req);
      double ms = ms_since(t0);
      const double cpu_ms = thread_cpu_ms() - cpu0;
      if (r.exit_code() == 2) {
        for (auto& d : r.diagnostics.all()) std::fprintf(stderr, "%s\n", jixiao::format(d).c_str());
        ++failures;
        break;
      }
      if (i > 0) warm.push_back(ms), cpu.push_back(cpu_ms);
      bytes = r.pdf_bytes;
      pages = r.pages;
    }
    for (const auto& f : files) std::filesystem::remove(f);
    long peak = 0;
    for (int i = 0; i < runs; ++i) {
      double ms = 0;
      long rss = 0;
      if (!cold_run(cli, ex, out, standard, format, ms, rss)) {
        std::fprintf(stderr, "cold run of %s failed\n", ex.c_str());
        ++failures;
        break;
      }
      cold.push_back(ms);
      peak = std::max(peak, rss);
    }
    std::printf("%-40s %5d %7.2fms %7.2fms %7.2fms %7.1fms %7.1fms %7.1f MiB %10zu %8d\n",
                (std::filesystem::path(ex).stem().string() + " " + format).c_str(), runs, percentile(warm, 0.5),
                percentile(warm, 0.95), percentile(cpu, 0.5), percentile(cold, 0.5), percentile(cold, 0.95),
                peak / 1024.0, bytes, pages);
  }
  struct rusage self {};
  getrusage(RUSAGE_SELF, &self);
  std::printf("bench process peak RSS (warm runs): %.1f MiB\n", self.ru_maxrss / 1024.0);
  std::filesystem::remove_all(dir);
  return failures ? 2 : 0;
}
