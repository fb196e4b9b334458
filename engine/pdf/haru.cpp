#include "pdf/haru.h"

#include <libdeflate.h>

#include <algorithm>
#include <cstring>
#include <ctime>

#include "diag/diag.h"

namespace jixiao::pdf {

namespace {

std::string hex(unsigned v) {
  static const char digits[] = "0123456789ABCDEF";
  std::string s = "0x0000";
  for (int i = 5; i >= 2; --i, v >>= 4) s[static_cast<std::size_t>(i)] = digits[v & 15];
  return s;
}

bool is_plain_ascii(std::string_view s) {
  for (unsigned char c : s)
    if (c < 0x20 || c > 0x7E) return false;
  return true;
}

// UTF-8 → UTF-16BE with a byte order mark; malformed bytes become U+FFFD.
std::string utf16be_with_bom(std::string_view s) {
  std::string out = "\xFE\xFF";
  auto unit = [&](unsigned u) {
    out += static_cast<char>(u >> 8);
    out += static_cast<char>(u & 0xFF);
  };
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    char32_t cp = extra == 0 ? c : extra == 1 ? (c & 0x1F) : extra == 2 ? (c & 0x0F) : (c & 0x07);
    bool ok = extra >= 0 && i + static_cast<std::size_t>(extra) < s.size();
    for (int k = 1; ok && k <= extra; ++k) {
      unsigned char cc = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((cc & 0xC0) != 0x80) ok = false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if (!ok || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      unit(0xFFFD);
      ++i;
      continue;
    }
    i += 1 + static_cast<std::size_t>(extra);
    if (cp >= 0x10000) {
      cp -= 0x10000;
      unit(0xD800 + static_cast<unsigned>(cp >> 10));
      unit(0xDC00 + static_cast<unsigned>(cp & 0x3FF));
    } else {
      unit(static_cast<unsigned>(cp));
    }
  }
  return out;
}

HPDF_STATUS write_flate_filter(HPDF_Dict, HPDF_Stream out) {
  return HPDF_Stream_WriteStr(out, "/Filter /FlateDecode\012");
}

}  // namespace

// libharu reports through this callback from inside its C code. Throwing from here would
// unwind through C frames (undefined, and it leaves libharu half-updated), so the error is
// only recorded; check() throws once the call has returned.
void HPDF_STDCALL HaruDoc::on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* self) {
  auto* doc = static_cast<HaruDoc*>(self);
  if (doc->error_no_ == HPDF_OK) {
    doc->error_no_ = error_no;
    doc->detail_no_ = detail_no;
  }
}

// libdeflate level 6: within 0.3% of zlib's level 9 output on font programs and content
// streams, at about half the time of zlib's level 6 (docs/perf.md). The levels above 9 buy
// 1-2% for 4-10x the time.
constexpr int kDeflateLevel = 6;

struct HaruDoc::Deflater {
  libdeflate_compressor* c = libdeflate_alloc_compressor(kDeflateLevel);
  ~Deflater() { libdeflate_free_compressor(c); }
};

HaruDoc::HaruDoc() : deflater_(std::make_unique<Deflater>()) {
  if (!deflater_->c) fail("setting up compression (out of memory)");
  doc_ = HPDF_New(&HaruDoc::on_error, this);
  if (!doc_) fail("creating the document");
}

HaruDoc::~HaruDoc() {
  if (doc_) HPDF_Free(doc_);
}

HPDF_MMgr HaruDoc::mmgr() const { return doc_->mmgr; }

void HaruDoc::fail(const char* doing) const {
  HPDF_STATUS no = error_no_, detail = detail_no_;
  if (no == HPDF_OK && doc_) {
    no = HPDF_GetError(doc_);
    detail = HPDF_GetErrorDetail(doc_);
  }
  std::string message = std::string("libharu failed ") + doing;
  message += no == HPDF_OK ? " (no error number; out of memory?)"
                           : ": error " + hex(static_cast<unsigned>(no)) + ", detail " +
                                 std::to_string(static_cast<unsigned>(detail));
  throw Failure({Severity::Error, "pdf.write", "", "", message,
                 "", "", {"the error numbers are listed in libharu's hpdf_error.h"}});
}

void HaruDoc::check(HPDF_STATUS status, const char* doing) const {
  if (status != HPDF_OK || error_no_ != HPDF_OK) fail(doing);
}

HPDF_Dict HaruDoc::new_indirect_dict(const char* doing) const {
  HPDF_Dict d = made(HPDF_Dict_New(mmgr()), doing);
  check(HPDF_Xref_Add(doc_->xref, d), doing);
  return d;
}

HPDF_Dict HaruDoc::new_stream(std::string_view bytes, bool compress, const char* doing) const {
  HPDF_Dict d = made(HPDF_DictStream_New(mmgr(), doc_->xref), doing);
  if (compress) {
    write_compressed(d, bytes, doing);
  } else if (!bytes.empty()) {
    Source source;
    source.owned.assign(bytes);
    use_source(d, std::move(source), doing);
  }
  return d;
}

void HaruDoc::write_compressed(HPDF_Dict stream, std::string_view bytes, const char* doing) const {
  Source source;
  source.owned = deflate(bytes);
  write_deflated(stream, std::move(source), doing);
}

std::string HaruDoc::deflate(std::string_view bytes) const {
  std::string out(libdeflate_zlib_compress_bound(deflater_->c, bytes.size()), '\0');
  std::size_t n = libdeflate_zlib_compress(deflater_->c, bytes.data(), bytes.size(), out.data(), out.size());
  if (n == 0) fail("compressing a stream");
  out.resize(n);
  return out;
}

HPDF_Dict HaruDoc::new_deflated_stream(std::string_view deflated, const char* doing) const {
  HPDF_Dict d = made(HPDF_DictStream_New(mmgr(), doc_->xref), doing);
  write_deflated(d, deflated, doing);
  return d;
}

void HaruDoc::write_deflated(HPDF_Dict stream, std::string_view deflated, const char* doing) const {
  Source source;
  source.bytes = deflated;
  write_deflated(stream, std::move(source), doing);
}

void HaruDoc::write_deflated(HPDF_Dict stream, Source source, const char* doing) const {
  // libharu writes the bytes as they are (its own filter stays NONE, which makes it drop a
  // /Filter entry) and /Length; the dictionary's write hook adds the /Filter.
  if (stream->write_fn) fail(doing);  // a stream libharu writes itself: not for this
  stream->write_fn = &write_flate_filter;
  use_source(stream, std::move(source), doing);
}

// The stream object's data becomes a reader over source's bytes (libharu reads it in 4 KB
// pieces while saving). The memory stream HPDF_DictStream_New made is still empty.
void HaruDoc::use_source(HPDF_Dict stream, Source source, const char* doing) const {
  if (!stream->stream || HPDF_Stream_Size(stream->stream) != 0) fail(doing);
  Source& kept = sources_.emplace_back(std::move(source));
  if (!kept.owned.empty()) kept.bytes = kept.owned;
  HPDF_Stream reader =
      made(HPDF_CallbackReader_New(mmgr(), &read_source, &seek_source, &tell_source, &size_source, &kept), doing);
  HPDF_Stream_Free(stream->stream);
  stream->stream = reader;
}

HPDF_STATUS HaruDoc::read_source(HPDF_Stream stream, HPDF_BYTE* buf, HPDF_UINT* size) {
  auto* source = static_cast<Source*>(stream->attr);
  std::size_t n = std::min<std::size_t>(*size, source->bytes.size() - source->at);
  std::memcpy(buf, source->bytes.data() + source->at, n);
  source->at += n;
  *size = static_cast<HPDF_UINT>(n);
  return source->at == source->bytes.size() ? HPDF_STREAM_EOF : HPDF_OK;
}

HPDF_STATUS HaruDoc::seek_source(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode) {
  auto* source = static_cast<Source*>(stream->attr);
  long long to = mode == HPDF_SEEK_SET   ? pos
                 : mode == HPDF_SEEK_CUR ? static_cast<long long>(source->at) + pos
                                         : static_cast<long long>(source->bytes.size()) + pos;
  if (to < 0 || to > static_cast<long long>(source->bytes.size())) return HPDF_STREAM_EOF;
  source->at = static_cast<std::size_t>(to);
  return HPDF_OK;
}

HPDF_INT32 HaruDoc::tell_source(HPDF_Stream stream) {
  return static_cast<HPDF_INT32>(static_cast<Source*>(stream->attr)->at);
}

HPDF_UINT32 HaruDoc::size_source(HPDF_Stream stream) {
  return static_cast<HPDF_UINT32>(static_cast<Source*>(stream->attr)->bytes.size());
}

HPDF_STATUS HaruDoc::append_output(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size) {
  static_cast<std::string*>(stream->attr)->append(reinterpret_cast<const char*>(bytes), size);
  return HPDF_OK;
}

void HaruDoc::set_info_text(const char* key, std::string_view utf8) const {
  // Producer is set by HPDF_New, so the Info dictionary exists.
  HPDF_Dict info = made(doc_->info, "finding the Info dictionary");
  check(HPDF_Dict_Add(info, key, text_string(utf8, key)), key);
}

void* HaruDoc::text_string(std::string_view utf8, const char* doing) const {
  if (is_plain_ascii(utf8)) return made(HPDF_String_New(mmgr(), std::string(utf8).c_str(), nullptr), doing);
  std::string value = utf16be_with_bom(utf8);
  return made(HPDF_Binary_New(mmgr(), reinterpret_cast<HPDF_BYTE*>(value.data()),
                              static_cast<HPDF_UINT>(value.size())),
              doing);
}

void HaruDoc::set_info_dates(std::int64_t epoch_seconds) const {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  if (!gmtime_r(&t, &tm) || tm.tm_year + 1900 < 1 || tm.tm_year + 1900 > 9999)
    throw Failure({Severity::Error, "pdf.write", "", "", "document date out of range",
                   "seconds since 1970 for a year between 1 and 9999",
                   std::to_string(epoch_seconds), {}});
  HPDF_Date d{};
  d.year = tm.tm_year + 1900;
  d.month = tm.tm_mon + 1;
  d.day = tm.tm_mday;
  d.hour = tm.tm_hour;
  d.minutes = tm.tm_min;
  d.seconds = tm.tm_sec;
  d.ind = 'Z';
  check(HPDF_SetInfoDateAttr(doc_, HPDF_INFO_CREATION_DATE, d), "setting CreationDate");
  check(HPDF_SetInfoDateAttr(doc_, HPDF_INFO_MOD_DATE, d), "setting ModDate");
}

void HaruDoc::set_id(const unsigned char (&id)[16]) const {
  HPDF_Array ids = made(HPDF_Array_New(mmgr()), "making /ID");
  check(HPDF_Dict_Add(doc_->trailer, "ID", ids), "making /ID");
  for (int i = 0; i < 2; ++i) {
    auto* bytes = const_cast<HPDF_BYTE*>(static_cast<const HPDF_BYTE*>(id));
    check(HPDF_Array_Add(ids, made(HPDF_Binary_New(mmgr(), bytes, 16), "making /ID")), "making /ID");
  }
}

std::string HaruDoc::save() const {
  // Written straight into a string: libharu's own output stream is a memory stream, copied
  // a byte at a time going in and again coming out.
  std::string bytes;
  std::size_t data = 0;
  for (const Source& s : sources_) data += s.bytes.size();
  bytes.reserve(data + 16384);
  HPDF_Stream out = made(HPDF_CallbackWriter_New(mmgr(), &append_output, &bytes), "writing the PDF");
  if (doc_->stream) HPDF_Stream_Free(doc_->stream);
  doc_->stream = out;
  HPDF_STATUS status = HPDF_SaveToStream(doc_);
  // Nothing may write to the string after this returns.
  out->attr = nullptr;
  out->write_fn = nullptr;
  check(status, "writing the PDF");
  return bytes;
}

void Digest::mix(int lane, std::uint64_t word) {
  std::uint64_t& h = lane_[lane];
  h = (h ^ word) * 0x9E3779B97F4A7C15ull;
  h ^= h >> 29;
}

void Digest::add(std::string_view bytes) {
  const char* p = bytes.data();
  std::size_t n = bytes.size(), i = 0;
  for (; i + 32 <= n; i += 32)
    for (int k = 0; k < 4; ++k) {
      std::uint64_t w;
      std::memcpy(&w, p + i + 8 * k, 8);
      mix(k, w);
    }
  for (int k = 0; i + 8 <= n; i += 8, ++k) {
    std::uint64_t w;
    std::memcpy(&w, p + i, 8);
    mix(k, w);
  }
  std::uint64_t tail = 0;
  if (n > i) std::memcpy(&tail, p + i, n - i);
  // The piece's length ends it: ("ab", "c") and ("a", "bc") differ.
  mix(0, tail ^ (static_cast<std::uint64_t>(n) << 8));
  mix(3, n);
  length_ += n;
}

void Digest::add_u32(std::uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                     static_cast<char>(v >> 8), static_cast<char>(v)};
  add(std::string_view(b, 4));
}

void Digest::finish(unsigned char (&out)[16]) {
  // MurmurHash3's finalizer on two combinations of the lanes: every input bit reaches every
  // output bit.
  auto fmix = [](std::uint64_t k) {
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    k ^= k >> 33;
    k *= 0xC4CEB9FE1A85EC53ull;
    return k ^ (k >> 33);
  };
  std::uint64_t a = fmix(lane_[0] ^ fmix(lane_[1] + length_));
  std::uint64_t b = fmix(lane_[2] ^ fmix(lane_[3] ^ a));
  a = fmix(a + b);
  for (int i = 0; i < 8; ++i) {
    out[i] = static_cast<unsigned char>(a >> (56 - 8 * i));
    out[8 + i] = static_cast<unsigned char>(b >> (56 - 8 * i));
  }
}

}  // namespace jixiao::pdf
