#include "bulk/manifest.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "diag/diag.h"

namespace jixiao::bulk {

void Hash::mix(std::uint64_t word) {
  h_ = (h_ ^ word) * 0x9E3779B97F4A7C15ull;
  h_ ^= h_ >> 29;
}

Hash& Hash::add(const char* bytes, std::size_t size) {
  std::size_t i = 0;
  for (; i + 8 <= size; i += 8) {
    std::uint64_t w;
    std::memcpy(&w, bytes + i, 8);
    mix(w);
  }
  std::uint64_t tail = 0;
  std::memcpy(&tail, bytes + i, size - i);
  mix(tail);
  mix(size);  // the length ends each part: ("ab", "c") and ("a", "bc") differ
  return *this;
}

std::string Hash::hex() const {
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h_));
  return buf;
}

std::string FileHashes::of(const std::string& path) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = known_.find(path); it != known_.end()) return it->second;
  }
  // Read in pieces: a font file is tens of MB, and the run's memory stays small.
  Hash h;
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Failure({Severity::Error, "io.read", path, "", "cannot read file", "a readable file", "", {}});
  std::string chunk(1 << 20, '\0');
  std::uint64_t size = 0;
  while (in.read(chunk.data(), static_cast<std::streamsize>(chunk.size())) || in.gcount() > 0) {
    h.add(chunk.data(), static_cast<std::size_t>(in.gcount()));
    size += static_cast<std::uint64_t>(in.gcount());
  }
  std::string hex = h.add(std::to_string(size)).hex();
  std::lock_guard<std::mutex> lock(mutex_);
  known_.emplace(path, hex);
  return hex;
}

Manifest::Manifest(const std::string& path, bool resume) : path_(path) {
  auto fail = [&](const std::string& why, const std::string& expected) {
    throw Failure({Severity::Error, "io.write", path, "", why, expected, "", {}});
  };
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) fail(std::string("cannot write the manifest: ") + std::strerror(errno), "a writable output directory");
  // Two runs writing one directory's manifest would record each other's PDFs as their own.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    fail("another jixiao run is writing into this directory (its manifest is locked)",
         "one run per output directory, or --shard K/N for runs side by side");
  }
  if (!resume && ::ftruncate(fd, 0) != 0) {
    ::close(fd);
    fail(std::string("cannot write the manifest: ") + std::strerror(errno), "a writable output directory");
  }
  if (resume) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      auto tab = line.rfind('\t');
      if (tab == std::string::npos || line.size() - tab - 1 != 16) continue;  // cut short
      recorded_[line.substr(0, tab)] = line.substr(tab + 1);
    }
  }
  file_ = ::fdopen(fd, "a");  // the lock lasts until it is closed
  if (!file_) {
    ::close(fd);
    fail(std::string("cannot write the manifest: ") + std::strerror(errno), "a writable output directory");
  }
}

Manifest::~Manifest() {
  if (file_) std::fclose(file_);
}

bool Manifest::records(const std::string& output, const std::string& hash) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = recorded_.find(output);
  return it != recorded_.end() && it->second == hash;
}

void Manifest::record(const std::string& output, const std::string& hash) {
  std::lock_guard<std::mutex> lock(mutex_);
  recorded_[output] = hash;
  // One line a document, flushed: a run killed after this keeps it.
  std::fprintf(file_, "%s\t%s\n", output.c_str(), hash.c_str());
  std::fflush(file_);
}

}  // namespace jixiao::bulk
