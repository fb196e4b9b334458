#include "preview/watcher.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>

namespace jixiao::preview {

namespace fs = std::filesystem;

namespace {

constexpr std::uint32_t kMask = IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_MOVED_FROM;
constexpr int kQuietMs = 2;  // a save is often several events (create, write, rename), microseconds apart

// Template files an editor may save into a watched template directory: not its swap and
// backup files ("4913", ".x.swp", "x.xml~").
bool template_file(const std::string& name) {
  auto ends = [&](const char* ext) {
    std::size_t n = std::strlen(ext);
    return name.size() > n && name.compare(name.size() - n, n, ext) == 0;
  };
  return name[0] != '.' && (ends(".xml") || ends(".json"));
}

}  // namespace

Watcher::Watcher(Session& session) : session_(session) {}

Watcher::~Watcher() {
  if (inotify_ >= 0) ::close(inotify_);
  if (stop_fd_ >= 0) ::close(stop_fd_);
}

bool Watcher::open(std::string& error) {
  inotify_ = ::inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  stop_fd_ = ::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  if (inotify_ < 0 || stop_fd_ < 0) {
    error = std::string("cannot watch files (inotify): ") + os_error(errno);
    return false;
  }
  return true;
}

void Watcher::add_watches() {
  std::set<std::string> dirs;
  for (const auto& f : session_.watched_files()) dirs.insert(fs::path(f).parent_path().string());
  for (const auto& d : session_.watched_dirs()) dirs.insert(d);
  for (const auto& d : dirs) {
    int wd = ::inotify_add_watch(inotify_, d.c_str(), kMask | IN_ONLYDIR);
    if (wd < 0) continue;  // not there (yet): a template root without prefill/, say
    auto& names = dirs_[wd];  // the same directory under two names gives the same wd
    if (std::find(names.begin(), names.end(), d) == names.end()) names.push_back(d);
  }
}

std::vector<std::string> Watcher::read_events(bool& overflow) {
  std::set<std::string> files = session_.watched_files();
  std::vector<std::string> dirs = session_.watched_dirs();
  std::set<std::string> out;
  alignas(inotify_event) char buf[16384];
  while (true) {
    ssize_t got = ::read(inotify_, buf, sizeof buf);
    if (got <= 0) break;  // EAGAIN: all read
    for (char* p = buf; p < buf + got;) {
      auto* ev = reinterpret_cast<inotify_event*>(p);
      p += sizeof(inotify_event) + ev->len;
      if (ev->mask & IN_Q_OVERFLOW) overflow = true;
      if (ev->mask & IN_IGNORED) dirs_.erase(ev->wd);
      if (ev->len == 0) continue;
      std::string name = ev->name;
      auto it = dirs_.find(ev->wd);
      if (it == dirs_.end()) continue;
      for (const auto& dir : it->second) {
        std::string path = (fs::path(dir) / name).string();
        bool in_template_dir = std::find(dirs.begin(), dirs.end(), dir) != dirs.end();
        if (files.count(path) || (in_template_dir && template_file(name))) out.insert(path);
      }
    }
  }
  if (overflow) out.insert(files.begin(), files.end());
  return {out.begin(), out.end()};
}

void Watcher::run() {
  std::set<std::string> pending;
  while (true) {
    pollfd fds[2] = {{inotify_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    // Waits for the first event, then gathers until kQuietMs pass without one.
    int r = ::poll(fds, 2, pending.empty() ? -1 : kQuietMs);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0 || (fds[1].revents & POLLIN)) return;
    if (r == 0) {
      std::vector<std::string> changed(pending.begin(), pending.end());
      pending.clear();
      session_.render(changed);
      add_watches();  // a render may read files from new directories
      continue;
    }
    bool overflow = false;
    for (auto& f : read_events(overflow)) pending.insert(std::move(f));
  }
}

void Watcher::stop() {
  std::uint64_t one = 1;
  ssize_t ignored = ::write(stop_fd_, &one, sizeof one);
  (void)ignored;
}

}  // namespace jixiao::preview
