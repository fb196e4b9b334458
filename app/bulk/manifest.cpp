#include "bulk/manifest.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "catalog/catalog.h"
#include "diag/diag.h"

namespace jixiao::bulk {

void Hash::mix(std::uint64_t word) {
  h_ = (h_ ^ word) * 0x9E3779B97F4A7C15ull;
  h_ ^= h_ >> 29;
}

Hash& Hash::add(const char* bytes, std::size_t size) {
  std::size_t i = 0;
  if (size >= 64) {
    // Four lanes at once (a multiply's latency is then hidden): font files are tens of MB,
    // hashed at the start of every run. The lanes end folded into the one state.
    std::uint64_t lane[4] = {h_, h_ ^ 0x9E3779B97F4A7C15ull, h_ ^ 0xC2B2AE3D27D4EB4Full, h_ ^ 0x165667B19E3779F9ull};
    for (; i + 32 <= size; i += 32)
      for (int k = 0; k < 4; ++k) {
        std::uint64_t w;
        std::memcpy(&w, bytes + i + 8 * k, 8);
        lane[k] = (lane[k] ^ w) * 0x9E3779B97F4A7C15ull;
        lane[k] ^= lane[k] >> 29;
      }
    for (std::uint64_t l : lane) mix(l);
  }
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

namespace {

// Reads until n bytes or the end: read() may return less, and the hash must not depend on
// how the file came in.
std::size_t read_full(int fd, char* buf, std::size_t n) {
  std::size_t got = 0;
  while (got < n) {
    ssize_t r = ::read(fd, buf + got, n - got);
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) break;
    got += static_cast<std::size_t>(r);
  }
  return got;
}

// Files are hashed in pieces of this size (a font file is tens of MB, and the run's memory
// stays small); bytes in memory are hashed in the same pieces, to the same hash.
constexpr std::size_t kHashPiece = 1 << 18;

// The hash and size of an open file's content. (Read, not mapped: faulting the fonts' pages
// in took twice as long as copying them.)
std::string hash_of(int fd, std::uint64_t& size) {
  Hash h;
  std::vector<char> chunk(kHashPiece);
  size = 0;
  for (std::size_t got; (got = read_full(fd, chunk.data(), chunk.size())) > 0; size += got) h.add(chunk.data(), got);
  return h.add(std::to_string(size)).hex();
}

// The same for bytes in memory.
std::string hash_of(std::string_view bytes) {
  Hash h;
  for (std::size_t at = 0; at < bytes.size(); at += kHashPiece)
    h.add(bytes.data() + at, std::min(kHashPiece, bytes.size() - at));
  return h.add(std::to_string(bytes.size())).hex();
}

// A PDF of the output directory: only a regular file itself, never through a link.
std::optional<Written> pdf_on_disk(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st;
  std::optional<Written> out;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
    out.emplace();
    out->hash = hash_of(fd, out->bytes);
  }
  ::close(fd);
  return out;
}

std::string file_name(const std::string& path) { return std::filesystem::path(path).filename().string(); }

bool read_at(int fd, std::uint64_t at, std::uint64_t size, std::uint64_t file_size, std::string& out) {
  if (at > file_size || size > file_size - at) return false;
  out.resize(static_cast<std::size_t>(size));
  std::size_t got = 0;
  while (got < out.size()) {
    ssize_t r = ::pread(fd, out.data() + got, out.size() - got, static_cast<off_t>(at + got));
    if (r < 0 && errno == EINTR) continue;
    if (r <= 0) return false;
    got += static_cast<std::size_t>(r);
  }
  return true;
}

std::uint32_t be32(const std::string& b, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(b[at])) << 24 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 1])) << 16 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 2])) << 8 |
         static_cast<std::uint32_t>(static_cast<unsigned char>(b[at + 3]));
}

// Adds one face's table directory and 'head' table to h; false when they do not fit the file.
bool add_face(int fd, std::uint64_t at, std::uint64_t file_size, Hash& h) {
  constexpr std::uint32_t kMaxTables = 1024;
  std::string header, records, head;
  if (!read_at(fd, at, 12, file_size, header)) return false;
  std::uint32_t version = be32(header, 0);
  if (version != 0x00010000 && version != 0x4F54544F /* OTTO */ && version != 0x74727565 /* true */) return false;
  std::uint32_t tables = be32(header, 4) >> 16;
  if (tables == 0 || tables > kMaxTables || !read_at(fd, at + 12, 16ull * tables, file_size, records)) return false;
  h.add(header).add(records);
  for (std::uint32_t i = 0; i < tables; ++i) {
    const std::size_t r = 16ull * i;
    std::uint64_t offset = be32(records, r + 8), length = be32(records, r + 12);
    if (offset > file_size || length > file_size - offset) return false;
    if (records.compare(r, 4, "head") == 0) {
      if (!read_at(fd, offset, std::min<std::uint64_t>(length, 54), file_size, head)) return false;
      h.add(head);
    }
  }
  return true;
}

// A TrueType collection's faces, or the one face of a plain font file.
bool add_faces(int fd, std::uint64_t file_size, Hash& h) {
  constexpr std::uint32_t kMaxFaces = 256;
  std::string header, offsets;
  if (!read_at(fd, 0, 12, file_size, header)) return false;
  if (header.compare(0, 4, "ttcf") != 0) return add_face(fd, 0, file_size, h);
  std::uint32_t faces = be32(header, 8);
  if (faces == 0 || faces > kMaxFaces || !read_at(fd, 12, 4ull * faces, file_size, offsets)) return false;
  h.add(header).add(offsets);
  for (std::uint32_t i = 0; i < faces; ++i)
    if (!add_face(fd, be32(offsets, 4ull * i), file_size, h)) return false;
  return true;
}

}  // namespace

std::string FileHashes::of(const std::string& path) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto it = known_.find(path); it != known_.end()) return it->second;
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Failure({Severity::Error, "io.read", path, "", "cannot read file", "a readable file", "", {}});
  std::uint64_t size = 0;
  std::string hex = hash_of(fd, size);
  ::close(fd);
  std::lock_guard<std::mutex> lock(mutex_);
  known_.emplace(path, hex);
  return hex;
}

std::string FileHashes::of_font(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    throw Failure({Severity::Error, "io.read", path, "", "cannot read file", "a readable file", "", {}});
  struct stat st;
  Hash h;
  h.add("opentype directories");
  bool read = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (read) {
    h.add(std::to_string(st.st_size));
    read = add_faces(fd, static_cast<std::uint64_t>(st.st_size), h);
  }
  ::close(fd);
  return read ? h.hex() : of(path);
}

Hash run_key(Engine& engine, const Options& options, const std::string& version, FileHashes& files,
             DiagnosticSink& sink) {
  Hash key;
  key.add(version).add(options.date ? std::to_string(*options.date) : "now").add(options.debug_layout ? "debug" : "");
  // Only when given, so that the keys of earlier runs without it still match.
  if (!options.pdf_standard.empty()) key.add("pdf-standard=" + options.pdf_standard);
  if (options.tagged) key.add("tags");
  if (options.format != "pdf") key.add("format=" + options.format);
  try {
    // Which face is which comes from the manifest; a file's name ties its content to it.
    key.add(files.of(engine.catalog().font_manifest()));
    // Not their content: reading ~125 MB of fonts was most of a small run's start (of_font).
    std::vector<std::pair<std::string, std::string>> fonts;
    for (const auto& f : engine.font_files(sink)) fonts.emplace_back(file_name(f), files.of_font(f));
    std::sort(fonts.begin(), fonts.end());  // font_files is sorted by path: not where they lie
    for (const auto& [name, hash] : fonts) key.add(name).add(hash);
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
  }
  return key;
}

std::string document_key(Hash key, const std::string& data, const std::vector<std::string>& inputs,
                         FileHashes& files) {
  key.add(data).add(std::to_string(inputs.size()));
  for (const auto& in : inputs) key.add(file_name(in)).add(files.of(in));
  return key.hex();
}

// A line: output, key, bytes, PDF hash, pages, then a hash of all that. The last field
// makes a line cut short by a kill, run into by the next append, or of the older format
// (output and key only) count for nothing: its document is rendered again.
void Manifest::read_back(const std::string& line) {
  auto tab = line.rfind('\t');
  if (tab == std::string::npos || Hash().add(line.data(), tab).hex() != line.substr(tab + 1)) return;
  std::string fields[5];
  std::size_t end = tab;
  for (int i = 4; i > 0; --i) {  // from the right: an output's name may hold a tab
    if (end == 0) return;
    auto at = line.rfind('\t', end - 1);
    if (at == std::string::npos) return;
    fields[i] = line.substr(at + 1, end - at - 1);
    end = at;
  }
  fields[0] = line.substr(0, end);
  auto digits = [](const std::string& f) {
    return !f.empty() && f.size() < 19 && f.find_first_not_of("0123456789") == std::string::npos;
  };
  if (!digits(fields[2]) || !digits(fields[4]) || fields[4].size() > 9) return;
  recorded_[fields[0]] = {fields[1], {std::stoull(fields[2]), fields[3], std::stoi(fields[4])}};
}

Manifest::Manifest(const std::string& path, bool resume) : path_(path) {
  auto fail = [&](const std::string& why, const std::string& expected) {
    throw Failure({Severity::Error, "io.write", path, "", why, expected, "", {}});
  };
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0644);
  if (fd < 0) fail(std::string("cannot write the manifest: ") + os_error(errno), "a writable output directory");
  // Two runs writing one directory's manifest would record each other's PDFs as their own.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd);
    fail("another jixiao run is writing into this directory (its manifest is locked)",
         "one run per output directory, or --shard K/N for runs side by side");
  }
  if (!resume && ::ftruncate(fd, 0) != 0) {
    ::close(fd);
    fail(std::string("cannot write the manifest: ") + os_error(errno), "a writable output directory");
  }
  if (resume) {
    // The manifests of the same directory's runs with another shard count first: a run
    // re-split into N shares still finds what was written under M (the PDF on disk is
    // checked against the record all the same). This run's own records come last and win.
    std::vector<std::string> others;
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(std::filesystem::path(path).parent_path(), ec)) {
      std::string name = e.path().filename().string();
      if (name.starts_with(".jixiao-manifest") && name.ends_with(".tsv") && e.path() != std::filesystem::path(path))
        others.push_back(e.path().string());
    }
    std::sort(others.begin(), others.end());
    others.push_back(path);
    std::string line;
    for (const auto& file : others) {
      std::ifstream in(file, std::ios::binary);
      while (std::getline(in, line)) read_back(line);
    }
    // A line cut short by a kill: the next line starts on a line of its own.
    struct stat st;
    char last = '\n';
    if (::fstat(fd, &st) == 0 && st.st_size > 0) (void)::pread(fd, &last, 1, st.st_size - 1);
    if (last != '\n' && ::write(fd, "\n", 1) != 1) {
      ::close(fd);
      fail(std::string("cannot write the manifest: ") + os_error(errno), "a writable output directory");
    }
  }
  file_ = ::fdopen(fd, "a");  // the lock lasts until it is closed
  if (!file_) {
    ::close(fd);
    fail(std::string("cannot write the manifest: ") + os_error(errno), "a writable output directory");
  }
}

Manifest::~Manifest() {
  if (file_) std::fclose(file_);
}

std::optional<Written> Manifest::unchanged(const std::string& output, const std::string& key,
                                           const std::string& path) const {
  Written was;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = recorded_.find(output);
    if (it == recorded_.end() || it->second.key != key) return std::nullopt;
    was = it->second.written;
  }
  auto now = pdf_on_disk(path);
  if (!now || now->bytes != was.bytes || now->hash != was.hash) return std::nullopt;
  return was;
}

void Manifest::record(const std::string& output, const std::string& key, std::string_view bytes, int pages) {
  Written now{bytes.size(), hash_of(bytes), pages};
  std::string line = output + "\t" + key + "\t" + std::to_string(now.bytes) + "\t" + now.hash + "\t" +
                     std::to_string(pages);
  line += "\t" + Hash().add(line).hex() + "\n";
  std::lock_guard<std::mutex> lock(mutex_);
  recorded_[output] = {key, now};
  // One line a document, flushed: a run killed after this keeps it.
  std::fputs(line.c_str(), file_);
  std::fflush(file_);
}

}  // namespace jixiao::bulk
