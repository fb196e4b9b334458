// Re-renders on every save: inotify on the directories of the watched files (editors save
// by writing a new file and renaming it over the old, so files themselves are not watched),
// events within ~5 ms taken together, then Session::render on this thread.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "preview/session.h"

namespace jixiao::preview {

class Watcher {
 public:
  explicit Watcher(Session& session);
  ~Watcher();
  Watcher(const Watcher&) = delete;
  Watcher& operator=(const Watcher&) = delete;

  // false (why in error) when inotify cannot be set up.
  bool open(std::string& error);
  // Watches the directories of what the session watches now (call again after a render).
  void add_watches();
  // Waits for changes and renders, until stop(). The render thread.
  void run();
  // From any thread (async-signal-safe: one write to an eventfd).
  void stop();

 private:
  // The changed files of one batch of events that concern the session; all of them when
  // the kernel's queue overflowed.
  std::vector<std::string> read_events(bool& overflow);

  Session& session_;
  int inotify_ = -1, stop_fd_ = -1;
  std::map<int, std::vector<std::string>> dirs_;  // watch descriptor → the paths naming it
};

}  // namespace jixiao::preview
