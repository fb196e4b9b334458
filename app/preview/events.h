// GET /events: server-sent-events streams, one "render" event per re-render; at most
// kMaxStreams open, the oldest let go (with a "dropped" event saying why) for a new one.
#pragma once
#include <httplib.h>

#include <atomic>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>

#include "preview/session.h"

namespace jixiao::preview {

class EventStreams {
 public:
  static constexpr std::size_t kMaxStreams = 8;  // a page holds one; docs/preview.md

  explicit EventStreams(Session& session) : session_(session) {}

  // Streams on res: the current render at once, then each new one, and a ": keep-alive"
  // comment every 15 s; ends when the client goes, the session stops or a newer stream
  // takes its place.
  void serve(httplib::Response& res);

 private:
  struct Stream {
    std::atomic<bool> dropped{false};
  };
  void close(const std::shared_ptr<Stream>& s);

  Session& session_;
  std::mutex mutex_;
  std::deque<std::shared_ptr<Stream>> open_;  // oldest first
};

}  // namespace jixiao::preview
