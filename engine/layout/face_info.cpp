// A face's facts for embedding (FontInfo) read from its sfnt tables through HarfBuzz, as
// FreeType reports them. FreeType's face loading parses the whole CFF of a CJK face (65,535
// glyphs): 5 ms per face, every face of the manifest, at every start. The rules below are
// FreeType 2.12's (sfobjs.c, cffobjs.c); tests/layout/face_info_test.cpp compares every
// field with FreeType's for every face of the manifest.
#include "layout/face_info.h"

#include <hb-ot.h>
#include <hb.h>

#include <cstdint>

namespace jixiao::layout {

namespace {

// One table's bytes, released with the table.
class Table {
 public:
  Table(hb_face_t* face, const char tag[4])
      : blob_(hb_face_reference_table(face, HB_TAG(tag[0], tag[1], tag[2], tag[3]))) {
    data_ = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob_, &size_));
  }
  ~Table() { hb_blob_destroy(blob_); }
  Table(const Table&) = delete;
  Table& operator=(const Table&) = delete;

  bool has(unsigned end) const { return data_ && size_ >= end; }
  std::uint16_t u16(unsigned at) const { return has(at + 2) ? static_cast<std::uint16_t>(data_[at] << 8 | data_[at + 1]) : 0; }
  std::int16_t i16(unsigned at) const { return static_cast<std::int16_t>(u16(at)); }
  std::int32_t i32(unsigned at) const {
    return static_cast<std::int32_t>(std::uint32_t{u16(at)} << 16 | u16(at + 2));
  }
  unsigned char byte(unsigned at) const { return has(at + 1) ? data_[at] : 0; }

 private:
  hb_blob_t* blob_;
  const unsigned char* data_ = nullptr;
  unsigned size_ = 0;
};

// A name of the name table in English (FreeType takes the Windows English entry first).
std::string name(hb_face_t* face, hb_ot_name_id_t id) {
  hb_language_t en = hb_language_from_string("en", -1);
  unsigned length = hb_ot_name_get_utf8(face, id, en, nullptr, nullptr);
  if (length == 0) return {};
  std::string out(length + 1, '\0');
  unsigned size = length + 1;  // in: the buffer with its NUL; out: the characters written
  hb_ot_name_get_utf8(face, id, en, &size, out.data());
  out.resize(size);
  return out;
}

// FreeType's PostScript name of an sfnt: name 6, only the characters a PostScript name may
// hold (printable ASCII without []{}()<>/% and space).
std::string postscript_name(hb_face_t* face) {
  std::string out;
  for (char c : name(face, HB_OT_NAME_ID_POSTSCRIPT_NAME)) {
    bool printable = c > 32 && c < 127;
    if (printable && std::string("[](){}<>/%").find(c) == std::string::npos) out += c;
  }
  return out;
}

}  // namespace

bool read_face_info(hb_face_t* face, FontInfo& info) {
  Table head(face, "head"), hhea(face, "hhea"), os2(face, "OS/2"), post(face, "post");
  if (!head.has(54) || !hhea.has(36)) return false;  // not an sfnt FreeType would scale
  info.postscript_name = postscript_name(face);
  info.family_name = name(face, HB_OT_NAME_ID_TYPOGRAPHIC_FAMILY);
  if (info.family_name.empty()) info.family_name = name(face, HB_OT_NAME_ID_FONT_FAMILY);
  info.units_per_em = head.u16(18);
  info.bbox[0] = head.i16(36);
  info.bbox[1] = head.i16(38);
  info.bbox[2] = head.i16(40);
  info.bbox[3] = head.i16(42);
  info.ascender = hhea.i16(4);
  info.descender = hhea.i16(6);
  const bool has_os2 = os2.has(78);
  if (info.ascender == 0 && info.descender == 0 && has_os2) {  // FreeType's fallback
    if (os2.i16(68) != 0 || os2.i16(70) != 0) {
      info.ascender = os2.i16(68);
      info.descender = os2.i16(70);
    } else {
      info.ascender = os2.u16(74);
      info.descender = -static_cast<int>(os2.u16(76));
    }
  }
  info.fixed_pitch = post.has(16) && post.i32(12) != 0;
  info.italic_angle = post.has(8) ? post.i32(4) / 65536.0 : 0;
  if (has_os2) {
    const int version = os2.u16(0);
    info.cap_height = version >= 2 && os2.has(90) ? os2.i16(88) : info.ascender;
    // Sans-serif per the IBM family class of OS/2 (class 8) or, as Noto Sans CJK leaves the
    // class 0, PANOSE's serif style for Latin text faces (11–13: normal, obtuse,
    // perpendicular sans); everything else counts as serif.
    const bool panose_sans = os2.byte(32) == 2 && os2.byte(33) >= 11 && os2.byte(33) <= 13;
    info.serif = (os2.i16(30) >> 8) != 8 && !panose_sans;
  } else {
    info.cap_height = info.ascender;
  }
  return true;
}

}  // namespace jixiao::layout
