// A ZIP archive (PKWARE APPNOTE 6.3) built in memory: the container of an OFD package
// (GB/T 33190-2016 section 7.1). Entries are stored or deflated (libdeflate), every entry
// carries the same fixed time, so the same parts give the same bytes.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::ofd {

class ZipWriter {
 public:
  // time: seconds since the epoch (UTC) for every entry, as a DOS date (1980 … 2107).
  explicit ZipWriter(std::int64_t time);
  // Adds a part under name ("Doc_0/Document.xml"): deflated when that makes it smaller.
  // Throws Failure ("ofd.write") past ZIP's 32-bit sizes (no ZIP64 here) or 65,535 entries.
  void add(std::string_view name, std::string_view bytes);
  // The central directory and its end record are appended; the archive is returned.
  std::string finish();

 private:
  std::string out_;
  std::string directory_;
  std::uint16_t dos_time_ = 0, dos_date_ = 0;
  std::uint32_t entries_ = 0;
};

}  // namespace jixiao::ofd
