#include "pdf/cff.h"

#include "diag/diag.h"

namespace jixiao::pdf {

namespace {

class Reader {
 public:
  Reader(std::string_view bytes, const std::string& font) : b_(bytes), font_(font) {}

  [[noreturn]] void fail(const std::string& what) const {
    throw Failure({Severity::Error, "pdf.write", "", "",
                   "cannot read the CFF program of font " + font_ + ": " + what, "", "", {}});
  }
  std::uint32_t u8(std::size_t at) const {
    if (at >= b_.size()) fail("offset " + std::to_string(at) + " past the end (" + std::to_string(b_.size()) + " bytes)");
    return static_cast<unsigned char>(b_[at]);
  }
  std::uint32_t u16(std::size_t at) const { return u8(at) << 8 | u8(at + 1); }
  std::uint32_t offset(std::size_t at, std::uint32_t size) const {
    std::uint32_t v = 0;
    for (std::uint32_t i = 0; i < size; ++i) v = v << 8 | u8(at + i);
    return v;
  }

  // An INDEX at `at`: its entries' [begin, end) byte ranges; returns where the INDEX ends.
  std::size_t index(std::size_t at, std::vector<std::pair<std::size_t, std::size_t>>* items) const {
    const std::uint32_t count = u16(at);
    if (count == 0) return at + 2;
    const std::uint32_t size = u8(at + 2);
    if (size < 1 || size > 4) fail("INDEX offset size " + std::to_string(size));
    const std::size_t offsets = at + 3, data = offsets + (count + 1) * std::size_t{size} - 1;
    std::size_t prev = offset(offsets, size);
    for (std::uint32_t i = 1; i <= count; ++i) {
      std::size_t next = offset(offsets + i * std::size_t{size}, size);
      if (next < prev || data + next > b_.size()) fail("INDEX entry past the end");
      if (items) items->emplace_back(data + prev, data + next);
      prev = next;
    }
    return data + prev;
  }

 private:
  std::string_view b_;
  const std::string& font_;
};

struct TopDict {
  bool ros = false;
  long charset = 0;       // 0–2: predefined charsets (never in a CID font)
  long charstrings = -1;
};

// The Top DICT operators this needs: ROS (12 30), charset (15), CharStrings (17).
TopDict read_top_dict(const Reader& r, std::size_t begin, std::size_t end) {
  TopDict d;
  long operands[48];
  int n = 0;
  for (std::size_t i = begin; i < end;) {
    const std::uint32_t b0 = r.u8(i);
    long v = 0;
    if (b0 <= 21) {  // an operator
      std::uint32_t op = b0 == 12 ? 1200 + r.u8(i + 1) : b0;
      i += b0 == 12 ? 2 : 1;
      if (op == 1230) d.ros = true;
      if (op == 15 && n > 0) d.charset = operands[n - 1];
      if (op == 17 && n > 0) d.charstrings = operands[n - 1];
      n = 0;
      continue;
    }
    if (b0 == 30) {  // a real: nibbles up to the 0xf terminator; not needed, skipped
      for (++i;; ++i) {
        std::uint32_t b = r.u8(i);
        if ((b & 0x0f) == 0x0f || (b >> 4) == 0x0f) break;
      }
      ++i;
    } else if (b0 == 28) {
      v = static_cast<std::int16_t>(r.u16(i + 1));
      i += 3;
    } else if (b0 == 29) {
      v = static_cast<std::int32_t>(r.offset(i + 1, 4));
      i += 5;
    } else if (b0 >= 32 && b0 <= 246) {
      v = static_cast<long>(b0) - 139;
      i += 1;
    } else if (b0 >= 247 && b0 <= 250) {
      v = (static_cast<long>(b0) - 247) * 256 + r.u8(i + 1) + 108;
      i += 2;
    } else if (b0 >= 251 && b0 <= 254) {
      v = -(static_cast<long>(b0) - 251) * 256 - r.u8(i + 1) - 108;
      i += 2;
    } else {
      r.fail("Top DICT byte " + std::to_string(b0));
    }
    if (n == 48) r.fail("Top DICT operand stack overflow");
    operands[n++] = v;
  }
  return d;
}

}  // namespace

CffCharset read_cff_charset(std::string_view cff, const std::string& font) {
  Reader r(cff, font);
  if (r.u8(0) != 1) r.fail("CFF major version " + std::to_string(r.u8(0)) + " (CFF2 is not supported)");
  std::size_t at = r.index(r.u8(2), nullptr);  // Name INDEX, after the header
  std::vector<std::pair<std::size_t, std::size_t>> top;
  r.index(at, &top);
  if (top.size() != 1) r.fail(std::to_string(top.size()) + " fonts in one CFF program");
  const TopDict d = read_top_dict(r, top[0].first, top[0].second);
  if (d.charstrings < 0 || static_cast<std::size_t>(d.charstrings) >= cff.size()) r.fail("no CharStrings");
  const std::uint32_t glyphs = r.u16(static_cast<std::size_t>(d.charstrings));

  CffCharset out;
  out.cid_keyed = d.ros;
  out.cid.resize(glyphs);
  for (std::uint32_t g = 0; g < glyphs; ++g) out.cid[g] = static_cast<std::uint16_t>(g);
  // Without ROS the CIDs of a CIDFontType0 are glyph indices, whatever the charset names.
  if (!d.ros) return out;
  if (d.charset <= 2 || static_cast<std::size_t>(d.charset) >= cff.size()) r.fail("CID font without a charset");
  std::size_t p = static_cast<std::size_t>(d.charset);
  const std::uint32_t format = r.u8(p++);
  std::uint32_t g = 1;  // glyph 0 is .notdef, CID 0, and not listed
  if (format == 0) {
    for (; g < glyphs; ++g, p += 2) out.cid[g] = static_cast<std::uint16_t>(r.u16(p));
    return out;
  }
  if (format != 1 && format != 2) r.fail("charset format " + std::to_string(format));
  while (g < glyphs) {
    const std::uint32_t first = r.u16(p);
    const std::uint32_t left = format == 1 ? r.u8(p + 2) : r.u16(p + 2);
    p += format == 1 ? 3 : 4;
    if (first + left > 0xFFFF) r.fail("charset range past CID 65535");
    for (std::uint32_t k = 0; k <= left && g < glyphs; ++k, ++g) out.cid[g] = static_cast<std::uint16_t>(first + k);
  }
  return out;
}

}  // namespace jixiao::pdf
