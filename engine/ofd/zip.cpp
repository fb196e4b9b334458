#include "ofd/zip.h"

#include <libdeflate.h>

#include <ctime>
#include <memory>

#include "diag/diag.h"

namespace jixiao::ofd {

namespace {

[[noreturn]] void fail(const std::string& what) {
  throw Failure({Severity::Error, "ofd.write", "", "", "cannot write the OFD package: " + what,
                 "a package under 4 GB with at most 65,535 parts", "", {}});
}

void put16(std::string& s, std::uint32_t v) {
  s += static_cast<char>(v & 0xFF);
  s += static_cast<char>((v >> 8) & 0xFF);
}
void put32(std::string& s, std::uint32_t v) {
  put16(s, v & 0xFFFF);
  put16(s, v >> 16);
}

std::uint32_t size32(std::size_t n, std::string_view name) {
  if (n > 0xFFFFFFFEu) fail("part " + std::string(name) + " or the package passes 4 GB");
  return static_cast<std::uint32_t>(n);
}

struct CompressorDeleter {
  void operator()(libdeflate_compressor* c) const { libdeflate_free_compressor(c); }
};

}  // namespace

ZipWriter::ZipWriter(std::int64_t time) {
  // DOS dates start in 1980 and end in 2107: a date outside is held at the nearest end.
  constexpr std::int64_t kFirst = 315532800, kLast = 4354819199;
  std::time_t t = static_cast<std::time_t>(time < kFirst ? kFirst : time > kLast ? kLast : time);
  std::tm tm{};
  gmtime_r(&t, &tm);
  dos_time_ = static_cast<std::uint16_t>((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
  dos_date_ = static_cast<std::uint16_t>(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

void ZipWriter::add(std::string_view name, std::string_view bytes) {
  if (entries_ == 0xFFFF) fail("more than 65,535 parts");
  const std::uint32_t crc = libdeflate_crc32(0, bytes.data(), bytes.size());
  // Level 6: what zlib's default gives, at libdeflate's speed; fonts are most of the bytes.
  std::unique_ptr<libdeflate_compressor, CompressorDeleter> c(libdeflate_alloc_compressor(6));
  if (!c) fail("out of memory");
  std::string packed(libdeflate_deflate_compress_bound(c.get(), bytes.size()), '\0');
  std::size_t n = libdeflate_deflate_compress(c.get(), bytes.data(), bytes.size(), packed.data(), packed.size());
  const bool deflated = n > 0 && n < bytes.size();
  if (deflated) packed.resize(n);
  const std::string_view body = deflated ? std::string_view(packed) : bytes;
  const std::uint32_t offset = size32(out_.size(), name);
  const std::uint16_t method = deflated ? 8 : 0;
  // Bit 11: names are UTF-8.
  const auto header = [&](std::string& s, bool central) {
    put32(s, central ? 0x02014b50 : 0x04034b50);
    if (central) put16(s, 20);  // made by: MS-DOS attributes, ZIP 2.0
    put16(s, 20);               // needed to extract: deflate
    put16(s, 0x0800);
    put16(s, method);
    put16(s, dos_time_);
    put16(s, dos_date_);
    put32(s, crc);
    put32(s, size32(body.size(), name));
    put32(s, size32(bytes.size(), name));
    put16(s, static_cast<std::uint32_t>(name.size()));
    put16(s, 0);  // extra field
    if (central) {
      put16(s, 0);  // comment
      put16(s, 0);  // disk
      put16(s, 0);  // internal attributes
      put32(s, 0);  // external attributes
      put32(s, offset);
    }
    s += name;
  };
  header(out_, false);
  out_ += body;
  header(directory_, true);
  size32(out_.size() + directory_.size(), name);
  ++entries_;
}

std::string ZipWriter::finish() {
  const std::uint32_t at = size32(out_.size(), "central directory");
  const std::uint32_t size = size32(directory_.size(), "central directory");
  out_ += directory_;
  put32(out_, 0x06054b50);
  put16(out_, 0);
  put16(out_, 0);
  put16(out_, entries_);
  put16(out_, entries_);
  put32(out_, size);
  put32(out_, at);
  put16(out_, 0);  // comment
  return std::move(out_);
}

}  // namespace jixiao::ofd
