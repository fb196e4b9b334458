// What the reader hands the workers of a bulk run: one document's text and where its row
// and PDF go, through a bounded queue.
#pragma once
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "bulk/outputs.h"
#include "run/locate.h"

namespace jixiao::bulk {

struct Task {
  std::size_t row = 0;  // slot in the result rows
  const Plan* plan = nullptr;
  std::optional<std::size_t> index;  // the document, when split
  std::string text;
  std::string output;  // relative to the output directory
  // A split document: the file it was split off and where it starts there (Request).
  std::shared_ptr<const SourceText> source;
  std::size_t at = 0;
  LineCol at_line_col;
};

// Producer/consumer queue with a bound: the reader waits while the workers are busy, so
// memory holds at most `capacity` documents' text however large the run.
class Queue {
 public:
  explicit Queue(std::size_t capacity) : capacity_(capacity < 2 ? 2 : capacity) {}
  // A full queue takes more only once it is down to half: the reader is woken once for
  // every capacity/2 documents, not for each (a wake-up is a futex call and an interrupt).
  void push(Task t) {
    std::unique_lock<std::mutex> lock(mutex_);
    if (items_.size() >= capacity_) {
      full_ = true;
      room_.wait(lock, [&] { return items_.size() <= capacity_ / 2; });
      full_ = false;
    }
    items_.push_back(std::move(t));
    ready_.notify_one();
  }
  std::optional<Task> pop() {
    std::unique_lock<std::mutex> lock(mutex_);
    ready_.wait(lock, [&] { return !items_.empty() || closed_; });
    if (items_.empty()) return std::nullopt;
    Task t = std::move(items_.front());
    items_.pop_front();
    if (full_ && items_.size() <= capacity_ / 2) room_.notify_one();
    return t;
  }
  void close() {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    ready_.notify_all();
  }

 private:
  std::size_t capacity_;
  std::deque<Task> items_;
  bool closed_ = false;
  bool full_ = false;  // the reader waits for room
  std::mutex mutex_;
  std::condition_variable ready_, room_;
};

}  // namespace jixiao::bulk
