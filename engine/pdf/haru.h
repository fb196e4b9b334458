// A libharu document owned RAII-style, with libharu's error reports turned into
// jixiao::Failure, and the few object-level helpers the PDF stage builds fonts with.
#pragma once
#include <hpdf.h>

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>

namespace jixiao::pdf {

class HaruDoc {
 public:
  HaruDoc();
  ~HaruDoc();
  HaruDoc(const HaruDoc&) = delete;
  HaruDoc& operator=(const HaruDoc&) = delete;

  HPDF_Doc get() const { return doc_; }
  HPDF_MMgr mmgr() const;

  // Throws Failure ("pdf.write") unless status is HPDF_OK; doing says what was attempted.
  void check(HPDF_STATUS status, const char* doing) const;
  // Throws Failure when a libharu constructor returned null.
  template <class T>
  T made(T object, const char* doing) const {
    if (!object) fail(doing);
    return object;
  }
  [[noreturn]] void fail(const char* doing) const;

  // A dictionary registered as an indirect object (so it can be referenced from several places).
  HPDF_Dict new_indirect_dict(const char* doing) const;
  // A stream object holding bytes, Flate-compressed when compress is set.
  HPDF_Dict new_stream(std::string_view bytes, bool compress, const char* doing) const;
  // Sets a stream object's data (empty so far), Flate-compressed: a page's /Contents.
  void write_compressed(HPDF_Dict stream, std::string_view bytes, const char* doing) const;
  // bytes as every compressed stream holds them (zlib format); the same bytes give the
  // same output, so it may be computed once and kept (a font program shared by documents).
  std::string deflate(std::string_view bytes) const;
  // A stream object holding data that deflate() returned. The bytes are not copied: they
  // must live until save() (a font program kept by the document's EmbeddedFont).
  HPDF_Dict new_deflated_stream(std::string_view deflated, const char* doing) const;

  // Info dictionary entries. Text goes out as UTF-16BE with a byte order mark unless it is
  // plain ASCII, so Chinese titles read back correctly in every viewer.
  void set_info_text(const char* key, std::string_view utf8) const;
  // A PDF text string object of that kind (an outline entry's /Title).
  void* text_string(std::string_view utf8, const char* doing) const;
  // CreationDate and ModDate, UTC, from seconds since the epoch.
  void set_info_dates(std::int64_t epoch_seconds) const;
  // Sets the trailer's /ID to the same 16 bytes twice (a fresh document: both halves agree).
  void set_id(const unsigned char (&id)[16]) const;

  // Writes the document into memory and returns the bytes.
  std::string save() const;

 private:
  void write_deflated(HPDF_Dict stream, std::string_view deflated, const char* doing) const;
  // The data of a stream object, read by libharu when it saves: its own memory streams copy
  // a byte at a time, four times over from a stream's data to the returned PDF.
  struct Source {
    std::string owned;
    std::string_view bytes;
    std::size_t at = 0;
  };
  static void HPDF_STDCALL on_error(HPDF_STATUS error_no, HPDF_STATUS detail_no, void* self);
  static HPDF_STATUS read_source(HPDF_Stream stream, HPDF_BYTE* buf, HPDF_UINT* size);
  static HPDF_STATUS seek_source(HPDF_Stream stream, HPDF_INT pos, HPDF_WhenceMode mode);
  static HPDF_INT32 tell_source(HPDF_Stream stream);
  static HPDF_UINT32 size_source(HPDF_Stream stream);
  static HPDF_STATUS append_output(HPDF_Stream stream, const HPDF_BYTE* bytes, HPDF_UINT size);
  void use_source(HPDF_Dict stream, Source source, const char* doing) const;
  void write_deflated(HPDF_Dict stream, Source source, const char* doing) const;

  struct Deflater;
  // Streams are compressed here (libdeflate) rather than by libharu (zlib): the same Flate
  // data at half the time. One compressor per document: nothing shared between threads.
  std::unique_ptr<Deflater> deflater_;
  // Stable addresses: libharu's streams point at them until the document is freed.
  mutable std::deque<Source> sources_;
  HPDF_Doc doc_ = nullptr;
  // Filled by on_error; libharu's internal object calls only return a status, so check()
  // falls back to the document's error state.
  HPDF_STATUS error_no_ = HPDF_OK;
  HPDF_STATUS detail_no_ = HPDF_OK;
};

// A 128-bit digest of content for the document /ID (and of font programs, which feed it): the
// same content gives the same /ID, other content another. Not MD5: it read every byte of a
// document's font programs and page streams at ~6 cycles a byte (2.6 % of a bulk run); an
// /ID needs no cryptographic strength (PDF 32000 14.4 asks only that it identify the file).
class Digest {
 public:
  void add(std::string_view bytes);
  void add_u32(std::uint32_t v);
  void finish(unsigned char (&out)[16]);

 private:
  void mix(int lane, std::uint64_t word);
  // Four lanes, each fed every fourth 8-byte word of a piece, so their multiplies overlap.
  std::uint64_t lane_[4] = {0x243F6A8885A308D3ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull,
                            0x082EFA98EC4E6C89ull};
  std::uint64_t length_ = 0;
};

}  // namespace jixiao::pdf
