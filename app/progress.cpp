#include "progress.h"

#include <cstdio>
#include <string>

namespace jixiao::app {

namespace {

std::string clock_text(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600) std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}

// "12/40 documents  3.1/s  about 0:09 left  0 failed": the time left only once there is a
// rate to tell it by, and not when all is done.
std::string line(const bulk::Progress& p, bool zh) {
  double rate = p.seconds > 0 ? static_cast<double>(p.done) / p.seconds : 0;
  std::string left;
  if (rate > 0 && p.done < p.total) {
    std::string clock = clock_text(static_cast<double>(p.total - p.done) / rate);
    left = zh ? "  约剩 " + clock : "  about " + clock + " left";
  }
  char buf[200];
  if (zh)
    std::snprintf(buf, sizeof buf, "%zu/%zu 个文档  %.1f 个/秒%s  %zu 个失败", p.done, p.total, rate, left.c_str(),
                  p.failed);
  else
    std::snprintf(buf, sizeof buf, "%zu/%zu documents  %.1f/s%s  %zu failed", p.done, p.total, rate, left.c_str(),
                  p.failed);
  std::string out = buf;
  if (p.unchanged) out += "  " + std::to_string(p.unchanged) + (zh ? " 个未变" : " unchanged");
  return out;
}

}  // namespace

void ProgressPrinter::operator()(const bulk::Progress& p) {
  if (terminal_) {
    constexpr int kWidth = 24;
    int filled = p.total ? static_cast<int>(kWidth * p.done / p.total) : kWidth;
    std::string bar = "[" + std::string(filled, '#') + std::string(kWidth - filled, '.') + "] ";
    std::fprintf(stderr, "\r%s%s\033[K", bar.c_str(), line(p, zh_).c_str());
    drawn_ = true;
    return;
  }
  std::size_t tenth = p.total ? 10 * p.done / p.total : 10;
  if (tenth > last_tenth_ || (p.done == p.total && !drawn_)) {
    last_tenth_ = tenth;
    drawn_ = p.done == p.total;
    std::fprintf(stderr, "jixiao: %s\n", line(p, zh_).c_str());
  }
}

void ProgressPrinter::finish() {
  if (terminal_ && drawn_) std::fputc('\n', stderr);
}

}  // namespace jixiao::app
