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

// One whole-process render; returns wall ms and the child's peak RSS (KiB). extra: the
// variant's options (--format, --pdf-standard, --tags).
bool cold_run(const std::string& cli, const std::string& data, const std::string& out,
              const std::vector<std::string>& extra, double& ms, long& maxrss_kib) {
  auto t0 = Clock::now();
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_WRONLY);  // the CLI's "wrote …" line would drown the table
    if (devnull >= 0) dup2(devnull, 2);
    std::vector<const char*> args = {cli.c_str(), "render", data.c_str(), "-o", out.c_str(), "--date", "0"};
    for (const std::string& e : extra) args.push_back(e.c_str());
    args.push_back(nullptr);
    execv(cli.c_str(), const_cast<char* const*>(args.data()));
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

// What one column of the comparison renders: a format and its options.
struct Variant {
  std::string name;                // as printed: "pdf", "pdf-tagged", "pdf-a2b", "pdf-a2b-ua1", "ofd"
  std::string format = "pdf";
  std::string standard;            // --pdf-standard
  bool tagged = false;
  std::vector<std::string> args() const {
    std::vector<std::string> a = {"--format", format};
    if (!standard.empty()) a.insert(a.end(), {"--pdf-standard", standard});
    if (tagged) a.push_back("--tags");
    return a;
  }
};

bool variant_named(const std::string& name, Variant& v) {
  v = Variant();
  v.name = name;
  if (name == "pdf") return true;
  if (name == "pdf-tagged") return v.tagged = true, true;
  if (name == "pdf-a2b") return v.standard = "a-2b", true;
  if (name == "pdf-ua1") return v.standard = "ua-1", true;
  if (name == "pdf-a2b-ua1") return v.standard = "a-2b,ua-1", true;
  if (name == "ofd") return v.format = "ofd", true;
  return false;
}

struct Sample {
  std::vector<double> warm, cpu, cold;
  std::size_t bytes = 0;
  int pages = 0;
  long peak = 0;
};

}  // namespace

int main(int argc, char** argv) {
  int runs = 20;
  bool distinct = false;
  std::string cli = "build/jixiao";
  std::vector<std::string> examples;
  std::vector<Variant> variants_run;
  auto add = [&](const std::string& name) {
    Variant v;
    if (!variant_named(name, v)) {
      std::fprintf(stderr, "jixiao-bench: unknown variant '%s' (pdf, pdf-tagged, pdf-a2b, pdf-ua1, pdf-a2b-ua1, ofd)\n",
                   name.c_str());
      std::exit(1);
    }
    variants_run.push_back(v);
  };
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (a == "--cli" && i + 1 < argc) cli = argv[++i];
    else if (a == "--distinct") distinct = true;
    else if (a == "--variant" && i + 1 < argc) add(argv[++i]);
    else if (a == "--format" && i + 1 < argc) {  // shorthands of --variant
      std::string f = argv[++i];
      if (f == "both" || f == "pdf") add("pdf");
      if (f == "both" || f == "ofd") add("ofd");
    } else if (a == "--pdf-standard" && i + 1 < argc) {
      std::string st = argv[++i];
      add(st == "a-2b" ? "pdf-a2b" : st == "ua-1" ? "pdf-ua1" : st == "a-2b,ua-1" ? "pdf-a2b-ua1" : "pdf-" + st);
    } else if (a == "--archival") {
      for (const char* n : {"pdf", "pdf-tagged", "pdf-a2b", "pdf-a2b-ua1"}) add(n);
    } else examples.push_back(a);
  }
  if (examples.empty()) {
    std::fprintf(stderr,
                 "usage: jixiao-bench [--runs N] [--distinct] [--variant V]… [--archival] [--format pdf|ofd|both]\n"
                 "                    [--pdf-standard S] [--cli build/jixiao] EXAMPLE.json…\n"
                 "  V: pdf (the default), pdf-tagged, pdf-a2b, pdf-ua1, pdf-a2b-ua1, ofd;\n"
                 "  --archival: pdf, pdf-tagged, pdf-a2b, pdf-a2b-ua1. Variants run interleaved.\n");
    return 1;
  }
  if (variants_run.empty()) add("pdf");
  auto dir = std::filesystem::temp_directory_path() / ("jixiao-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);

  std::printf("%-48s %5s %9s %9s %9s %9s %9s %11s %10s %8s\n", "example", "runs", "warm med",
              "warm p95", "warm CPU", "cold med", "cold p95", "peak RSS", "bytes", "pages");
  std::vector<std::unique_ptr<jixiao::Engine>> engines;  // per variant, for every warm run: fonts parsed once
  for (const Variant& v : variants_run) {
    jixiao::Options opt;
    opt.date = 0;
    opt.pdf_standard = v.standard;
    opt.format = v.format;
    opt.tagged = v.tagged;
    engines.push_back(std::make_unique<jixiao::Engine>(opt));
  }
  int failures = 0;
  for (const auto& ex : examples) {
    // Round i renders every variant once, so a noisy stretch of the machine hits them alike.
    std::vector<Sample> samples(variants_run.size());
    const std::vector<std::string> files = distinct ? variants(ex, runs + 1) : std::vector<std::string>{};
    for (int i = 0; i <= runs && !failures; ++i) {  // the first round warms caches and is not counted
      for (std::size_t vi = 0; vi < variants_run.size(); ++vi) {
        jixiao::Request req;
        req.data_file = distinct ? files[static_cast<std::size_t>(i)] : ex;
        req.output_file = (dir / ("out." + variants_run[vi].format)).string();
        auto t0 = Clock::now();
        const double cpu0 = thread_cpu_ms();
        jixiao::Result r = engines[vi]->run(req);
        const double ms = ms_since(t0), cpu_ms = thread_cpu_ms() - cpu0;
        if (r.exit_code() == 2) {
          for (auto& d : r.diagnostics.all()) std::fprintf(stderr, "%s\n", jixiao::format(d).c_str());
          ++failures;
          break;
        }
        Sample& s = samples[vi];
        if (i > 0) s.warm.push_back(ms), s.cpu.push_back(cpu_ms);
        s.bytes = r.pdf_bytes;
        s.pages = r.pages;
      }
    }
    for (const auto& f : files) std::filesystem::remove(f);
    for (int i = 0; i < runs && !failures; ++i) {
      for (std::size_t vi = 0; vi < variants_run.size(); ++vi) {
        double ms = 0;
        long rss = 0;
        const std::string out = (dir / ("out." + variants_run[vi].format)).string();
        if (!cold_run(cli, ex, out, variants_run[vi].args(), ms, rss)) {
          std::fprintf(stderr, "cold run of %s (%s) failed\n", ex.c_str(), variants_run[vi].name.c_str());
          ++failures;
          break;
        }
        samples[vi].cold.push_back(ms);
        samples[vi].peak = std::max(samples[vi].peak, rss);
      }
    }
    if (failures) break;
    for (std::size_t vi = 0; vi < variants_run.size(); ++vi) {
      const Sample& s = samples[vi];
      std::printf("%-48s %5d %7.2fms %7.2fms %7.2fms %7.1fms %7.1fms %7.1f MiB %10zu %8d\n",
                  (std::filesystem::path(ex).stem().string() + " " + variants_run[vi].name).c_str(), runs,
                  percentile(s.warm, 0.5), percentile(s.warm, 0.95), percentile(s.cpu, 0.5), percentile(s.cold, 0.5),
                  percentile(s.cold, 0.95), s.peak / 1024.0, s.bytes, s.pages);
    }
  }
  struct rusage self {};
  getrusage(RUSAGE_SELF, &self);
  std::printf("bench process peak RSS (warm runs): %.1f MiB\n", self.ru_maxrss / 1024.0);
  std::filesystem::remove_all(dir);
  return failures ? 2 : 0;
}
