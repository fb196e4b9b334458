#include "bulk/spill.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace jixiao::bulk {

namespace {

// Strings with their length before them; numbers as decimal strings: one format to read.
void add(std::string& out, const std::string& s) {
  std::uint64_t n = s.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out += s;
}

class Reader {
 public:
  explicit Reader(const std::string& bytes) : s_(bytes) {}
  std::string text() {
    std::uint64_t n = 0;
    if (at_ + sizeof n > s_.size()) throw std::runtime_error("truncated");
    std::memcpy(&n, s_.data() + at_, sizeof n);
    at_ += sizeof n;
    if (n > s_.size() - at_) throw std::runtime_error("truncated");
    std::string out = s_.substr(at_, n);
    at_ += n;
    return out;
  }
  long long number() { return std::stoll(text()); }

 private:
  const std::string& s_;
  std::size_t at_ = 0;
};

std::string encode(const SummaryRow& r, const std::vector<Diagnostic>& problems) {
  std::string out;
  for (const std::string* s : {&r.input, &r.document, &r.unit, &r.unit_code, &r.project, &r.form, &r.total, &r.max,
                               &r.grade, &r.status, &r.output})
    add(out, *s);
  for (long long n : {static_cast<long long>(r.errors), static_cast<long long>(r.warnings),
                      static_cast<long long>(r.notes), static_cast<long long>(r.pages),
                      static_cast<long long>(r.bytes), static_cast<long long>(r.findings.size())})
    add(out, std::to_string(n));
  for (const auto& f : r.findings) {
    for (const std::string* s : {&f.severity, &f.code, &f.file, &f.pointer, &f.message, &f.computed, &f.declared,
                                 &f.expected, &f.got})
      add(out, *s);
    for (int n : {f.line, f.col}) add(out, std::to_string(n));
    add(out, std::to_string(f.hints.size()));
    for (const auto& h : f.hints) add(out, h);
  }
  add(out, std::to_string(problems.size()));
  for (const auto& d : problems) {
    add(out, std::to_string(static_cast<int>(d.severity)));
    for (const std::string* s : {&d.code, &d.file, &d.place.pointer, &d.message, &d.expected, &d.got}) add(out, *s);
    for (int n : {d.place.line, d.place.col}) add(out, std::to_string(n));
    add(out, std::to_string(d.hints.size()));
    for (const auto& h : d.hints) add(out, h);
  }
  return out;
}

void decode(const std::string& bytes, SummaryRow& r, std::vector<Diagnostic>* problems) {
  Reader in(bytes);
  r = SummaryRow{};
  for (std::string* s : {&r.input, &r.document, &r.unit, &r.unit_code, &r.project, &r.form, &r.total, &r.max,
                         &r.grade, &r.status, &r.output})
    *s = in.text();
  r.errors = static_cast<int>(in.number());
  r.warnings = static_cast<int>(in.number());
  r.notes = static_cast<int>(in.number());
  r.pages = static_cast<int>(in.number());
  r.bytes = static_cast<std::size_t>(in.number());
  r.findings.resize(static_cast<std::size_t>(in.number()));
  for (auto& f : r.findings) {
    for (std::string* s : {&f.severity, &f.code, &f.file, &f.pointer, &f.message, &f.computed, &f.declared,
                           &f.expected, &f.got})
      *s = in.text();
    for (int* n : {&f.line, &f.col}) *n = static_cast<int>(in.number());
    f.hints.resize(static_cast<std::size_t>(in.number()));
    for (auto& h : f.hints) h = in.text();
  }
  auto count = static_cast<std::size_t>(in.number());
  if (!problems) return;
  problems->resize(count);
  for (auto& d : *problems) {
    d.severity = static_cast<Severity>(in.number());
    for (std::string* s : {&d.code, &d.file, &d.place.pointer, &d.message, &d.expected, &d.got}) *s = in.text();
    for (int* n : {&d.place.line, &d.place.col}) *n = static_cast<int>(in.number());
    d.hints.resize(static_cast<std::size_t>(in.number()));
    for (auto& h : d.hints) h = in.text();
  }
}

[[noreturn]] void fail(const std::string& path, const std::string& message) {
  throw Failure({Severity::Error, "io.write", path, "", message, "", "", {}});
}

}  // namespace

Spill::Spill(const std::string& dir, std::size_t rows) : dir_(dir), places_(rows) {
  std::string name = (std::filesystem::path(dir) / ".jixiao-spill-XXXXXX").string();
  fd_ = ::mkostemp(name.data(), O_CLOEXEC);
  if (fd_ < 0) fail(dir, std::string("cannot create the run's row file: ") + os_error(errno));
  ::flock(fd_, LOCK_EX | LOCK_NB);  // for the moment it has a name: not a killed run's leftover
  ::unlink(name.c_str());
}

Spill::~Spill() {
  if (fd_ >= 0) ::close(fd_);
}

void Spill::put(std::size_t row, const SummaryRow& r, const std::vector<Diagnostic>& problems) {
  std::string bytes = encode(r, problems);
  std::lock_guard<std::mutex> lock(mutex_);
  std::size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::pwrite(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(end_ + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      kept_[row] = std::move(bytes);
      places_[row] = {0, 0};
      return;
    }
    done += static_cast<std::size_t>(n);
  }
  places_[row] = {end_, bytes.size()};
  end_ += bytes.size();
}

bool Spill::get(std::size_t row, SummaryRow& r, std::vector<Diagnostic>* problems) const {
  std::string bytes;
  Place at;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    at = places_[row];
    if (auto it = kept_.find(row); it != kept_.end()) bytes = it->second;
    else if (at.length == 0) return false;
  }
  if (bytes.empty()) {
    bytes.resize(at.length);
    std::size_t done = 0;
    while (done < bytes.size()) {
      ssize_t n = ::pread(fd_, bytes.data() + done, bytes.size() - done, static_cast<off_t>(at.offset + done));
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0)
        throw Failure({Severity::Error, "io.read", dir_, "", "cannot read back the run's row file: " +
                       (n < 0 ? os_error(errno) : std::string("it is shorter than written")), "", "", {}});
      done += static_cast<std::size_t>(n);
    }
  }
  decode(bytes, r, problems);
  return true;
}

}  // namespace jixiao::bulk
