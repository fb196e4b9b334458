#include "bulk/manifest.h"

#include <cerrno>
#include <cstring>
#include <fstream>

#include "diag/diag.h"

namespace jixiao::bulk {

Hash& Hash::add(const std::string& bytes) {
  for (unsigned char c : bytes) {
    h_ ^= c;
    h_ *= 1099511628211ull;
  }
  // A separator, so that ("ab", "c") and ("a", "bc") differ.
  h_ ^= 0xff;
  h_ *= 1099511628211ull;
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
  std::string hex = Hash().add(read_file(path, std::size_t(1) << 30)).hex();
  std::lock_guard<std::mutex> lock(mutex_);
  known_.emplace(path, hex);
  return hex;
}

Manifest::Manifest(const std::string& path, bool resume) : path_(path) {
  if (resume) {
    std::ifstream in(path);
    std::string line;
    while (std::getline(in, line)) {
      auto tab = line.rfind('\t');
      if (tab == std::string::npos || line.size() - tab - 1 != 16) continue;  // cut short
      recorded_[line.substr(0, tab)] = line.substr(tab + 1);
    }
  }
  file_ = std::fopen(path.c_str(), resume ? "a" : "w");
  if (!file_)
    throw Failure({Severity::Error, "io.write", path, "", std::string("cannot write the manifest: ") + std::strerror(errno),
                   "a writable output directory", "", {}});
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
