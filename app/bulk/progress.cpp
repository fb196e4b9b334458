#include "bulk/progress.h"

namespace jixiao::bulk {

Progress Tally::now() const {
  Progress p;
  p.done = done;
  p.total = total;
  p.failed = failed;
  p.unchanged = unchanged;
  p.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return p;
}

ProgressReporter::ProgressReporter(const Tally& tally, std::function<void(const Progress&)> report) {
  if (!report)
    return;
  thread_ = std::thread([this, &tally, report = std::move(report)] {
    while (!finished_) {
      report(tally.now());
      for (int i = 0; i < 20 && !finished_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  });
}

void ProgressReporter::stop() {
  finished_ = true;
  if (thread_.joinable()) thread_.join();
}

}  // namespace jixiao::bulk
