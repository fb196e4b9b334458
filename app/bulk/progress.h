// How far a bulk run is: counters the workers and the reader bump, and a thread telling
// BulkOptions::on_progress about them about 5 times a second.
#pragma once
#include <atomic>
#include <chrono>
#include <cstddef>
#include <functional>
#include <thread>

#include "bulk/run.h"

namespace jixiao::bulk {

struct Tally {
  explicit Tally(std::size_t total) : total(total) {}
  Progress now() const;

  const std::size_t total;
  const std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  std::atomic<std::size_t> done{0}, failed{0}, unchanged{0}, warned{0};
};

// Calls report(tally.now()) from its own thread until stop() (or destruction); nothing
// when report is empty.
class ProgressReporter {
 public:
  ProgressReporter(const Tally& tally, std::function<void(const Progress&)> report);
  ~ProgressReporter() { stop(); }
  ProgressReporter(const ProgressReporter&) = delete;
  ProgressReporter& operator=(const ProgressReporter&) = delete;
  void stop();

 private:
  std::atomic<bool> finished_{false};
  std::thread thread_;
};

}  // namespace jixiao::bulk
