// --resume: a manifest beside the outputs. Each PDF written is recorded with a key, a hash
// of everything it was made from: the document's data, every file the render read
// (template, rule set, schema, prefill map, declarations), the font manifest and fonts,
// jixiao's version and the options that change the bytes; and with what was written: the
// PDF's size, a hash of its bytes, its pages. A later run with --resume skips a document
// whose key is recorded and whose PDF on disk is still exactly what was written.
// Contents, not timestamps or paths: a file touched but unchanged, or an identical copy of
// the templates at another path, is still up to date; a file restored from a backup with
// an old date is not, nor is a PDF emptied, cut short or replaced.
#pragma once
#include <cstdint>
#include <cstdio>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "jixiao.h"

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
  // A font file's identity without reading its tens of MB: its size, every face's table
  // directory (each table's tag, offset, length and checksum: OpenType's own checksum of
  // the table's bytes) and 'head' table (the whole-file checkSumAdjustment, revision and
  // dates). A file that is no OpenType font, or a directory that does not fit the file, is
  // hashed whole, as by of().
  std::string of_font(const std::string& path);

 private:
  std::mutex mutex_;
  std::map<std::string, std::string> known_;
};

// What the whole run's keys share: jixiao's version, --date, --debug-layout, the font
// manifest and the font files (by file name and of_font). Problems go to sink.
Hash run_key(Engine& engine, const Options& options, const std::string& version, FileHashes& files,
             DiagnosticSink& sink);

// A document's key: the run's, its data, and each file its render read by its place in
// the list (the engine lists them in a fixed order: template, prefill, schema, rules…),
// file name and content; never by the directory it lies in.
std::string document_key(Hash key, const std::string& data, const std::vector<std::string>& inputs,
                         FileHashes& files);

// A PDF as it was written: what resume checks the file on disk against.
struct Written {
  std::uint64_t bytes = 0;
  std::string hash;  // of its bytes, 16 hex digits
  int pages = 0;
};

class Manifest {
 public:
  // Opens path for appending; with resume, first reads what it records (a line cut short
  // by a killed run, or of an older format, does not count), and what the other manifests
  // of its directory record (the shards of a run split another way). Without resume it
  // starts empty.
  Manifest(const std::string& path, bool resume);
  ~Manifest();
  Manifest(const Manifest&) = delete;
  Manifest& operator=(const Manifest&) = delete;

  // What was written as output under this key, when the file at path is still exactly that
  // (a regular file, not a symbolic link, of the recorded size and hash); nullopt otherwise.
  std::optional<Written> unchanged(const std::string& output, const std::string& key, const std::string& path) const;
  // Records the PDF just written (and synced) as output, bytes being what was written:
  // appended and flushed at once.
  void record(const std::string& output, const std::string& key, std::string_view bytes, int pages);

 private:
  struct Entry {
    std::string key;
    Written written;
  };
  void read_back(const std::string& line);
  std::map<std::string, Entry> recorded_;
  std::FILE* file_ = nullptr;
  std::string path_;
  mutable std::mutex mutex_;
};

}  // namespace jixiao::bulk
