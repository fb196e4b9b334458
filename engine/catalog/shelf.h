// One kind of definition loaded from files, by path: each loaded once (also when the load
// fails: its diagnostics are kept and given to every later asker) and never changed after.
// A load runs outside the shelf's lock, so a cold load blocks only those asking for the
// same file; drop() only removes entries, so a holder keeps what it took.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "diag/diag.h"

namespace jixiao {

template <class T>
struct Loaded {
  std::shared_ptr<const T> value;  // null when the load failed
  DiagnosticSink diagnostics;      // what the load reported, errors and warnings
};

template <class T>
class Shelf {
 public:
  using Load = std::function<Loaded<T>()>;

  std::shared_ptr<const Loaded<T>> get(const std::string& key, const Load& load) {
    std::shared_ptr<Slot> slot;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      auto& s = slots_[key];
      if (!s) s = std::make_shared<Slot>();
      slot = s;
    }
    // A load that throws (a bug, memory) leaves the slot empty for the next asker.
    std::call_once(slot->once, [&] {
      slot->loaded = std::make_shared<const Loaded<T>>(load());
      std::lock_guard<std::mutex> lock(mutex_);
      ++loads_;
    });
    return slot->loaded;
  }

  // Removes the entries whose key gone(key) says; runs holding them keep them.
  void drop(const std::function<bool(const std::string&)>& gone) {
    std::lock_guard<std::mutex> lock(mutex_);
    for (auto it = slots_.begin(); it != slots_.end();) it = gone(it->first) ? slots_.erase(it) : std::next(it);
  }

  std::size_t loads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return loads_;
  }

 private:
  struct Slot {
    std::once_flag once;
    std::shared_ptr<const Loaded<T>> loaded;
  };
  mutable std::mutex mutex_;
  std::map<std::string, std::shared_ptr<Slot>> slots_;
  std::size_t loads_ = 0;
};

}  // namespace jixiao
