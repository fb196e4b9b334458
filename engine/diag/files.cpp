// Reading inputs and writing outputs safely: what a hostile or careless path can do is
// bounded here, once, for every stage.
#include <fcntl.h>
#include <dirent.h>
#include <signal.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <functional>
#include <string_view>
#include <ctime>
#include <map>
#include <mutex>
#include <set>
#include <utility>

#include "diag/files.h"

namespace jixiao {

namespace {

[[noreturn]] void fail(const char* code, const std::string& path, std::string message,
                       std::string expected = {}) {
  throw Failure({Severity::Error, code, path, "", std::move(message), std::move(expected), "", {}});
}

std::string errno_text() { return os_error(errno); }

// A temporary unlocked for this long is no live writer's (it locks it right after creating it).
constexpr std::time_t kStaleTemporarySeconds = 2;

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() {
    int f = fd_;
    fd_ = -1;
    return f;
  }

 private:
  int fd_;
};

// Temporaries of writes under way, for the signal handler: fixed slots of strdup'ed paths
// so that the handler neither allocates nor locks.
constexpr int kPendingSlots = 256;
std::atomic<char*> g_pending[kPendingSlots];
// Freeing a slot's path and reading it outside the signal handler (is_pending, from another
// worker's stale-temporary sweep) take this lock: a path is never read while freed.
std::mutex g_pending_free;

int register_pending(const std::string& path) {
  char* copy = ::strdup(path.c_str());
  for (int i = 0; i < kPendingSlots; ++i) {
    char* expected = nullptr;
    if (g_pending[i].compare_exchange_strong(expected, copy)) return i;
  }
  std::free(copy);  // more writes at once than slots: only the cleanup on a signal is lost
  return -1;
}

void unregister_pending(int slot) {
  if (slot < 0) return;
  std::lock_guard<std::mutex> lock(g_pending_free);
  std::free(g_pending[slot].exchange(nullptr));
}

// Six characters of [A-Za-z0-9] from the kernel's random source (a seeded generator when it
// cannot be read), as mkstemp would choose.
std::string random_suffix() {
  static const char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  unsigned char raw[6] = {};
  Fd urandom(::open("/dev/urandom", O_RDONLY | O_CLOEXEC));
  if (urandom.get() < 0 || ::read(urandom.get(), raw, sizeof raw) != static_cast<ssize_t>(sizeof raw)) {
    static std::atomic<unsigned long> counter{0};
    unsigned long v = static_cast<unsigned long>(::getpid()) * 2654435761u + counter++ * 40503u;
    for (auto& c : raw) c = static_cast<unsigned char>(v >>= 5);
  }
  std::string out;
  for (unsigned char c : raw) out += kChars[c % (sizeof kChars - 1)];
  return out;
}

mode_t new_file_mode() {
  // The mode open(…, 0666) would give: umask can only be read by setting it, once.
  static std::once_flag once;
  static mode_t mask = 022;
  std::call_once(once, [] {
    mask = ::umask(022);
    ::umask(mask);
  });
  return 0666 & ~mask;
}

// A bulk run asks, with install_stop_request(), that the first signal only be noted: it
// then stops taking documents and writes its summary. Any other signal ends the process.
std::atomic<bool> g_graceful{false};
std::atomic<int> g_stop{0};

void handle_signal(int sig) {
  int none = 0;
  if (g_graceful.load() && g_stop.compare_exchange_strong(none, sig)) return;
  remove_pending_outputs();
  ::signal(sig, SIG_DFL);
  ::raise(sig);
}

bool is_pending(const std::string& path) {
  std::lock_guard<std::mutex> lock(g_pending_free);
  for (auto& slot : g_pending)
    if (char* p = slot.load(); p && path == p) return true;
  return false;
}

// jixiao's own temporaries: ".NAME.pdf.tmp-XXXXXX" (write_file_atomic of a PDF, and of a
// summary: .csv, .xlsx, .json), ".NAME.xlsx-XXXXXX" (the workbook's scratch file),
// ".jixiao-spill-XXXXXX" (a bulk run's rows). Not any ".tmp-": another program's download
// in the same directory is not ours to remove.
bool is_own_temporary(const std::string& name) {
  if (name.size() < 8 || name[0] != '.') return false;
  std::size_t dash = name.size() - 7;
  if (name[dash] != '-') return false;
  for (std::size_t i = dash + 1; i < name.size(); ++i)
    if (!std::isalnum(static_cast<unsigned char>(name[i]))) return false;
  std::string head = name.substr(0, dash);
  auto ends = [&](const char* tail) {
    std::size_t n = std::strlen(tail);
    return head.size() > n && head.compare(head.size() - n, n, tail) == 0;
  };
  return ends(".pdf.tmp") || ends(".ofd.tmp") || ends(".csv.tmp") || ends(".xlsx.tmp") || ends(".json.tmp") || ends(".xlsx.xlsx") ||
         head == ".jixiao-spill";
}

// Removes one stale temporary: a regular file that no writer holds locked (a writer locks
// its temporary right after creating it, until it is renamed) and that is older than the
// create-to-lock window, still under its name once locked (not renamed into place since).
void remove_if_stale(const std::string& path, std::time_t now) {
  Fd fd(::open(path.c_str(), O_RDWR | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  struct stat st {}, again {};
  if (fd.get() < 0 || ::fstat(fd.get(), &st) != 0 || !S_ISREG(st.st_mode)) return;
  if (now - st.st_mtime < kStaleTemporarySeconds) return;
  if (::flock(fd.get(), LOCK_EX | LOCK_NB) != 0) return;  // a live writer holds it
  if (::lstat(path.c_str(), &again) == 0 && again.st_dev == st.st_dev && again.st_ino == st.st_ino)
    ::unlink(path.c_str());
}

// Each directory this process writes into is cleared of stale temporaries once, before its
// first write: the outputs of a killed run (SIGKILL, power loss) do not stay for ever.
void clear_stale_once(const std::string& dir) {
  static std::mutex mutex;
  static std::set<std::string> cleared;
  {
    std::lock_guard<std::mutex> lock(mutex);
    if (!cleared.insert(dir).second) return;
  }
  remove_stale_temporaries(dir);
}

}  // namespace

std::string os_error(int errnum) {
  switch (errnum) {
    case ENOENT: return "no such file or directory";
    case EACCES: return "permission denied";
    case EPERM: return "operation not permitted";
    case EISDIR: return "is a directory";
    case ENOTDIR: return "a part of the path is not a directory";
    case ENOSPC: return "no space left on the device";
    case EDQUOT: return "disk quota exceeded";
    case EROFS: return "read-only file system";
    case EEXIST: return "the file exists";
    case ELOOP: return "too many levels of symbolic links";
    case ENAMETOOLONG: return "file name too long";
    case EMFILE:
    case ENFILE: return "too many open files";
    case EIO: return "input/output error";
    case EBUSY: return "the file is busy";
    default: return std::strerror(errnum);
  }
}

std::string read_file(const std::string& path, std::size_t max_bytes) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below anyway.
  Fd fd(::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) fail("io.read", path, "cannot read file: " + errno_text());
  struct stat st {};
  if (::fstat(fd.get(), &st) != 0) fail("io.read", path, "cannot read file: " + errno_text());
  if (!S_ISREG(st.st_mode))
    fail("io.read", path, S_ISDIR(st.st_mode) ? "is a directory" : "is not a regular file (a device, pipe or socket)",
         "a regular file");
  auto too_large = [&](std::size_t size) {
    fail("io.read", path, "file too large (" + std::to_string(size) + " bytes)",
         "at most " + std::to_string(max_bytes) + " bytes");
  };
  if (static_cast<unsigned long long>(st.st_size) > max_bytes) too_large(static_cast<std::size_t>(st.st_size));
  // Read up to one byte past the limit: files in /proc report size 0 and may be any size.
  std::string out;
  out.resize(std::min<std::size_t>(max_bytes + 1, static_cast<std::size_t>(st.st_size) + 4096));
  std::size_t got = 0;
  for (;;) {
    if (got == out.size()) {
      if (got > max_bytes) too_large(got);
      out.resize(std::min(max_bytes + 1, out.size() * 2));
    }
    ssize_t n = ::read(fd.get(), out.data() + got, out.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("io.read", path, "cannot read file: " + errno_text());
    if (n == 0) break;
    got += static_cast<std::size_t>(n);
  }
  if (got > max_bytes) too_large(got);
  out.resize(got);
  return out;
}

void write_file_atomic(const std::string& path, const std::string& bytes,
                       const std::vector<std::string>& inputs) {
  write_file_streamed(path, [&](const std::function<void(std::string_view)>& put) { put(bytes); }, inputs);
}

namespace {

// An output's temporary beside it: created exclusively, locked and registered for the
// signal handler, until it is renamed into place or abandoned.
struct Temporary {
  std::string path, tmp;
  std::string dir;
  int fd = -1;
  int slot = -1;
  mode_t mode = 0;
  bool written = false;  // close_writing() done
  std::string block;  // bytes gathered into blocks: a producer may hand them over a cell at a time

  Temporary() = default;
  Temporary(Temporary&& o) noexcept
      : path(std::move(o.path)), tmp(std::move(o.tmp)), dir(std::move(o.dir)), fd(std::exchange(o.fd, -1)),
        slot(std::exchange(o.slot, -1)), mode(o.mode), written(o.written), block(std::move(o.block)) {}
  Temporary& operator=(Temporary&&) = delete;
  ~Temporary() {  // not renamed into place (an exception on the way): nothing stays
    if (fd >= 0 || slot >= 0) discard();
  }

  // Removes the temporary and throws what went wrong (errno's text) for path.
  [[noreturn]] void abandon(const char* what) {
    std::string e = errno_text();
    discard();
    fail("io.write", path, std::string(what) + ": " + e);
  }
  void discard() {
    if (fd >= 0) ::close(fd);
    fd = -1;
    ::unlink(tmp.c_str());
    unregister_pending(slot);
    slot = -1;
  }
  void flush() {
    std::size_t done = 0;
    while (done < block.size()) {
      ssize_t n = ::write(fd, block.data() + done, block.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) abandon("cannot write output");
      done += static_cast<std::size_t>(n);
    }
    block.clear();
  }
  void put(std::string_view bytes) {
    block.append(bytes);
    if (block.size() >= (1u << 16)) flush();
  }
  // All written and the permissions set.
  void close_writing() {
    flush();
    if (::fchmod(fd, mode) != 0) abandon("cannot set the output's permissions");
    written = true;
  }
  // The bytes on the disk (not yet under their name). synced: the whole file system was
  // synced after close_writing (write_files_atomic).
  void sync(bool synced = false) {
    if (!written) close_writing();
    if (!synced && ::fsync(fd) != 0) abandon("cannot write output");
  }
  // Renamed while still open (and locked), closed after: no moment when a cleaner could take
  // it for stale. The rename is durable once dir is synced (sync_directory).
  void rename_into_place() {
    if (::rename(tmp.c_str(), path.c_str()) != 0) abandon("cannot move output into place");
    unregister_pending(slot);
    slot = -1;
    ::close(fd);  // synced already: what close could report has been
    fd = -1;
  }
};

// Checks path as an output of a render that read inputs and opens its temporary. Throws
// Failure ("io.write").
Temporary open_temporary(const std::string& path, const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  struct stat target {};
  bool exists = ::lstat(path.c_str(), &target) == 0;
  if (exists && S_ISLNK(target.st_mode))
    fail("io.write", path, "the output is a symbolic link", "a regular file or a new file name");
  if (exists && !S_ISREG(target.st_mode))
    fail("io.write", path, S_ISDIR(target.st_mode) ? "the output is a directory" : "the output is not a regular file (a device, pipe or socket)",
         "a regular file or a new file name");
  if (exists) {
    for (const auto& in : inputs) {
      struct stat st {};
      if (::stat(in.c_str(), &st) == 0 && st.st_dev == target.st_dev && st.st_ino == target.st_ino)
        fail("io.write", path, "the output is an input of this run (" + in + ")", "an output file that is not read");
    }
  }
  Temporary t;
  t.path = path;
  fs::path dir = fs::path(path).parent_path();
  if (dir.empty()) dir = ".";
  t.dir = dir.string();
  t.mode = exists ? (target.st_mode & 07777) : new_file_mode();
  clear_stale_once(t.dir);
  std::string name = ".";  // built by appending: GCC 12 warns (wrongly, -Wrestrict) of "." + name
  name += fs::path(path).filename().string();
  name += ".tmp-XXXXXX";
  std::string tmp = (dir / name).string();
  // The name is registered for the signal handler before the file exists: a signal between
  // creating it and registering it would leave it behind (mkostemp does both at once). A
  // random name and O_CREAT|O_EXCL, so no planted file or symlink is followed.
  for (int attempt = 0; attempt < 100 && t.fd < 0; ++attempt) {
    t.tmp = tmp.substr(0, tmp.size() - 6) + random_suffix();
    t.slot = register_pending(t.tmp);
    t.fd = ::open(t.tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (t.fd < 0) {
      int e = errno;
      unregister_pending(t.slot);
      t.slot = -1;
      errno = e;
      if (e != EEXIST) break;
    }
  }
  if (t.fd < 0) fail("io.write", path, "cannot create output: " + errno_text());
  // Held until the temporary is renamed: remove_stale_temporaries() leaves it alone.
  ::flock(t.fd, LOCK_EX | LOCK_NB);
  return t;
}

void sync_directory(const std::string& dir) {
  Fd d(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (d.get() >= 0) ::fsync(d.get());
}

}  // namespace

void write_file_streamed(const std::string& path,
                         const std::function<void(const std::function<void(std::string_view)>&)>& produce,
                         const std::vector<std::string>& inputs) {
  Temporary t = open_temporary(path, inputs);
  try {
    produce([&](std::string_view bytes) { t.put(bytes); });
  } catch (...) {  // the producer failed (e.g. could not read what it writes): nothing stays
    t.discard();
    throw;
  }
  t.sync();
  t.rename_into_place();
  sync_directory(t.dir);
}

std::vector<std::optional<Diagnostic>> write_files_atomic(const std::vector<OutputFile>& files) {
  std::vector<std::optional<Diagnostic>> failed(files.size());
  std::vector<std::optional<Temporary>> temps(files.size());
  // Every temporary written and synced before any is renamed: the disk is waited for once
  // for the batch.
  for (std::size_t i = 0; i < files.size(); ++i) {
    try {
      temps[i].emplace(open_temporary(files[i].path, files[i].inputs));
      temps[i]->put(files[i].bytes);
      temps[i]->close_writing();
    } catch (const Failure& f) {
      failed[i] = f.diagnostic();
      temps[i].reset();
    }
  }
  // One syncfs per file system for the whole batch instead of an fsync per file: each fsync
  // is a flush request to the device, the costliest part of writing a small PDF (8 % of a
  // bulk run of one-page forms). When syncfs reports an error, each file is synced on its own
  // so that the error lands on the file it belongs to.
  std::vector<bool> synced(files.size(), false);
#ifdef __linux__
  if (std::count_if(temps.begin(), temps.end(), [](const auto& t) { return t.has_value(); }) > 1) {
    std::map<dev_t, bool> device_synced;
    for (std::size_t i = 0; i < files.size(); ++i) {
      struct stat st {};
      if (!temps[i] || ::fstat(temps[i]->fd, &st) != 0) continue;
      auto [it, first] = device_synced.try_emplace(st.st_dev, false);
      if (first) it->second = ::syncfs(temps[i]->fd) == 0;
      synced[i] = it->second;
    }
  }
#endif
  std::set<std::string> dirs;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (!temps[i]) continue;
    try {
      temps[i]->sync(synced[i]);
      temps[i]->rename_into_place();
      dirs.insert(temps[i]->dir);
    } catch (const Failure& f) {
      failed[i] = f.diagnostic();
    }
  }
  for (const auto& dir : dirs) sync_directory(dir);
  return failed;
}

std::string confined_path(const std::string& given, const std::string& base_dir,
                          const std::vector<std::string>& also_inside, std::string& why) {
  namespace fs = std::filesystem;
  if (given.empty() || given.find('\0') != std::string::npos) {
    why = "is empty or holds a NUL character";
    return {};
  }
  fs::path rel(given);
  if (rel.is_absolute() || rel.has_root_name()) {
    why = "is an absolute path";
    return {};
  }
  std::error_code ec;
  fs::path base = fs::weakly_canonical(base_dir.empty() ? fs::path(".") : fs::path(base_dir), ec);
  if (ec) {
    why = "cannot be resolved (" + os_error(ec.value()) + ")";
    return {};
  }
  fs::path resolved = fs::weakly_canonical(base / rel, ec);  // follows symlinks, folds ".."
  if (ec) {
    why = "cannot be resolved (" + os_error(ec.value()) + ")";
    return {};
  }
  auto inside = [&](const fs::path& root) {
    auto r = root.begin(), p = resolved.begin();
    for (; r != root.end(); ++r, ++p)
      if (r->empty()) continue;
      else if (p == resolved.end() || *p != *r) return false;
    return p != resolved.end();  // strictly below the root
  };
  if (inside(base)) return resolved.string();
  for (const auto& dir : also_inside) {
    fs::path root = fs::weakly_canonical(dir, ec);
    if (!ec && inside(root)) return resolved.string();
  }
  why = "leads outside the data file's directory";
  return {};
}

void remove_pending_outputs() {
  for (auto& slot : g_pending)
    if (char* p = slot.load()) ::unlink(p);
}

void install_output_cleanup() {
  struct sigaction sa {};
  sa.sa_handler = handle_signal;
  sigemptyset(&sa.sa_mask);
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(sig, &sa, nullptr);
}

void install_stop_request() {
  g_graceful = true;
  install_output_cleanup();
}

int stop_signal() { return g_stop.load(); }

std::size_t remove_stale_temporaries(const std::string& dir) {
  DIR* d = ::opendir(dir.c_str());
  if (!d) return 0;
  std::vector<std::string> found;
  while (dirent* e = ::readdir(d))
    if (is_own_temporary(e->d_name)) found.push_back((std::filesystem::path(dir) / e->d_name).string());
  ::closedir(d);
  std::size_t removed = 0;
  std::time_t now = std::time(nullptr);
  for (const auto& path : found) {
    if (is_pending(path)) continue;  // this process's own (on NFS, flock does not shut out itself)
    remove_if_stale(path, now);
    removed += ::access(path.c_str(), F_OK) != 0;
  }
  return removed;
}

}  // namespace jixiao
