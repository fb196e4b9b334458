// --resume: a manifest of content hashes beside the outputs. Each PDF written is recorded
// with a hash of everything it was made from: the document's data, every file the render
// read (template, rule set, schema, prefill map, declarations), the fonts, jixiao's version
// and the options that change the bytes. A later run with --resume skips a document whose
// hash is recorded and whose PDF is there. Contents, not timestamps: a file touched but
// unchanged is still up to date, a file restored from a backup with an old date is not.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <string>
#include <vector>

namespace jixiao::bulk {

// A 64-bit hash taken 8 bytes at a step (the fonts are ~100 MB: byte-wise FNV took 170 ms
// a run), as 16 hex digits. Not cryptographic: it tells a changed input from an unchanged
// one, nothing more.
class Hash {
 public:
  Hash& add(const std::string& bytes) { return add(bytes.data(), bytes.size()); }
  Hash& add(const char* bytes, std::size_t size);
  std::string hex() const;

 private:
  void mix(std::uint64_t word);
  std::uint64_t h_ = 14695981039346656037ull;
};

// Hashes of files' contents, each file read once a run (declarations, templates, fonts).
class FileHashes {
 public:
  std::string of(const std::string& path);  // throws Failure when unreadable

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> known_;
};

class Manifest {
 public:
  // Opens path for appending; with resume, first reads what it records (a line cut short
  // by a killed run is ignored). Without resume the manifest starts empty.
  Manifest(const std::string& path, bool resume);
  ~Manifest();
  Manifest(const Manifest&) = delete;
  Manifest& operator=(const Manifest&) = delete;

  bool records(const std::string& output, const std::string& hash) const;
  void record(const std::string& output, const std::string& hash);  // appended and flushed at once

 private:
  std::map<std::string, std::string> recorded_;
  std::FILE* file_ = nullptr;
  std::string path_;
  mutable std::mutex mutex_;
};

}  // namespace jixiao::bulk
