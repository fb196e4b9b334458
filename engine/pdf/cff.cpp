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

// Walks a DICT: calls op(operator, operands, count, first byte of the operands, end of the
// operator) for each operator. Reals are skipped as operands of value 0 (none needed here).
template <typename Op>
void walk_dict(const Reader& r, std::size_t begin, std::size_t end, Op&& op) {
  long operands[48];
  int n = 0;
  std::size_t from = begin;
  for (std::size_t i = begin; i < end;) {
    const std::uint32_t b0 = r.u8(i);
    long v = 0;
    if (b0 <= 21) {  // an operator
      std::uint32_t code = b0 == 12 ? 1200 + r.u8(i + 1) : b0;
      i += b0 == 12 ? 2 : 1;
      op(code, operands, n, from, i);
      n = 0;
      from = i;
      continue;
    }
    if (b0 == 30) {  // a real: nibbles up to the 0xf terminator
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
      r.fail("DICT byte " + std::to_string(b0));
    }
    if (n == 48) r.fail("DICT operand stack overflow");
    operands[n++] = v;
  }
}

// The Top DICT operators this needs: ROS (12 30), charset (15), CharStrings (17).
TopDict read_top_dict(const Reader& r, std::size_t begin, std::size_t end) {
  TopDict d;
  walk_dict(r, begin, end, [&](std::uint32_t op, const long* v, int n, std::size_t, std::size_t) {
    if (op == 1230) d.ros = true;
    if (op == 15 && n > 0) d.charset = v[n - 1];
    if (op == 17 && n > 0) d.charstrings = v[n - 1];
  });
  return d;
}

// The one Top DICT of a CFF (version 1) program.
TopDict read_top(const Reader& r) {
  if (r.u8(0) != 1) r.fail("CFF major version " + std::to_string(r.u8(0)) + " (CFF2 is not supported)");
  std::vector<std::pair<std::size_t, std::size_t>> top;
  r.index(r.index(r.u8(2), nullptr), &top);  // the Top DICT INDEX follows the Name INDEX
  if (top.size() != 1) r.fail(std::to_string(top.size()) + " fonts in one CFF program");
  return read_top_dict(r, top[0].first, top[0].second);
}

}  // namespace

bool is_cid_keyed(std::string_view cff, const std::string& font) { return read_top(Reader(cff, font)).ros; }

CffCharset read_cff_charset(std::string_view cff, const std::string& font) {
  Reader r(cff, font);
  const TopDict d = read_top(r);
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

namespace jixiao::pdf {

namespace {

// Private DICT operators that are hints (what HarfBuzz drops with NO_HINTING) or local subrs
// (gone once the charstrings are flattened).
bool dropped_private_op(std::uint32_t op) {
  return (op >= 6 && op <= 11) || (op >= 1209 && op <= 1214) || op == 1217 || op == 1218 || op == 19;
}

std::string sid_string(const Reader& r, const std::vector<std::pair<std::size_t, std::size_t>>& strings,
                       std::string_view cff, long sid) {
  if (sid < 391 || static_cast<std::size_t>(sid - 391) >= strings.size())
    r.fail("ROS string id " + std::to_string(sid) + " not in the String INDEX");
  const auto& s = strings[static_cast<std::size_t>(sid - 391)];
  return std::string(cff.substr(s.first, s.second - s.first));
}

}  // namespace

std::vector<std::string_view> read_cff_charstrings(std::string_view cff, const std::string& font) {
  Reader r(cff, font);
  std::size_t at = r.index(r.u8(2), nullptr);
  std::vector<std::pair<std::size_t, std::size_t>> top, items;
  r.index(at, &top);
  if (top.size() != 1) r.fail(std::to_string(top.size()) + " fonts in one CFF program");
  const TopDict d = read_top_dict(r, top[0].first, top[0].second);
  if (d.charstrings < 0) r.fail("no CharStrings");
  r.index(static_cast<std::size_t>(d.charstrings), &items);
  std::vector<std::string_view> out;
  out.reserve(items.size());
  for (const auto& [b, e] : items) out.push_back(cff.substr(b, e - b));
  return out;
}

CffIndex::CffIndex(std::string_view cff, std::size_t at, const std::string& font) : cff_(cff) {
  Reader r(cff, font);
  count_ = r.u16(at);
  if (count_ == 0) return;
  off_size_ = r.u8(at + 2);
  if (off_size_ < 1 || off_size_ > 4) r.fail("INDEX offset size " + std::to_string(off_size_));
  offsets_ = at + 3;
  data_ = offsets_ + (count_ + 1) * off_size_ - 1;
  if (data_ > cff.size()) r.fail("INDEX offsets past the end");
}

std::uint32_t CffIndex::offset(std::size_t i) const {
  std::uint32_t v = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(cff_.data()) + offsets_ + i * off_size_;
  for (std::size_t k = 0; k < off_size_; ++k) v = v << 8 | p[k];
  return v;
}

std::optional<std::string_view> CffIndex::at(std::size_t i) const {
  if (i >= count_) return std::nullopt;
  const std::size_t b = offset(i), e = offset(i + 1);
  if (b < 1 || e < b || data_ + e > cff_.size()) return std::nullopt;
  return cff_.substr(data_ + b, e - b);
}

CffCharstringSources read_cff_charstring_sources(std::string_view cff, const CffFace& face, const std::string& font) {
  CffCharstringSources out;
  out.charstrings = CffIndex(cff, static_cast<std::size_t>(face.charstrings), font);
  out.globals = CffIndex(cff, static_cast<std::size_t>(face.global_subrs), font);
  for (long at : face.local_subrs) out.locals.push_back(at < 0 ? CffIndex() : CffIndex(cff, static_cast<std::size_t>(at), font));
  return out;
}

CffFace read_cff_face(std::string_view cff, const std::string& font) {
  Reader r(cff, font);
  CffFace f;
  std::size_t at = r.index(r.u8(2), nullptr);
  std::vector<std::pair<std::size_t, std::size_t>> top, strings;
  at = r.index(at, &top);
  f.global_subrs = static_cast<long>(r.index(at, &strings));  // it follows the String INDEX
  if (top.size() != 1) r.fail(std::to_string(top.size()) + " fonts in one CFF program");
  long fdselect = -1, fdarray = -1, ros[3] = {0, 0, 0};
  bool has_ros = false;
  walk_dict(r, top[0].first, top[0].second, [&](std::uint32_t op, const long* v, int n, std::size_t b, std::size_t e) {
    if (op == 1230 && n == 3) has_ros = true, ros[0] = v[0], ros[1] = v[1], ros[2] = v[2];
    if (op == 1234 && n == 1) f.cid_count = v[0];
    if (op == 1236 && n == 1) fdarray = v[0];
    if (op == 1237 && n == 1) fdselect = v[0];
    if (op == 17 && n == 1) f.charstrings = v[0];
    if (op == 5 || op == 1207) f.top_extra += cff.substr(b, e - b);  // FontBBox, FontMatrix
  });
  if (!has_ros || fdarray < 0 || fdselect < 0 || f.charstrings < 0)
    r.fail("not a CID-keyed font (no ROS, FDArray, FDSelect or CharStrings)");
  f.registry = sid_string(r, strings, cff, ros[0]);
  f.ordering = sid_string(r, strings, cff, ros[1]);
  f.supplement = ros[2];
  f.cid = read_cff_charset(cff, font).cid;
  const std::size_t glyphs = f.cid.size();

  std::vector<std::pair<std::size_t, std::size_t>> fds;
  r.index(static_cast<std::size_t>(fdarray), &fds);
  for (const auto& [b, e] : fds) {
    long size = -1, offset = -1;
    std::string extra;
    walk_dict(r, b, e, [&](std::uint32_t op, const long* v, int n, std::size_t ob, std::size_t oe) {
      if (op == 18 && n == 2) size = v[0], offset = v[1];
      else if (op != 1238) extra += cff.substr(ob, oe - ob);  // all but FontName (a SID)
    });
    if (size < 0 || offset < 0 || static_cast<std::size_t>(offset + size) > cff.size()) r.fail("Font DICT without a valid Private");
    std::string priv;
    long subrs = -1;
    walk_dict(r, static_cast<std::size_t>(offset), static_cast<std::size_t>(offset + size),
              [&](std::uint32_t op, const long* v, int n, std::size_t ob, std::size_t oe) {
                if (op == 19 && n == 1 && v[0] > 0) subrs = offset + v[0];  // relative to the Private DICT
                if (!dropped_private_op(op)) priv += cff.substr(ob, oe - ob);
              });
    f.font_dicts.push_back(std::move(extra));
    f.privates.push_back(std::move(priv));
    f.local_subrs.push_back(subrs);
  }

  f.fd.assign(glyphs, 0);
  std::size_t p = static_cast<std::size_t>(fdselect);
  const std::uint32_t format = r.u8(p++);
  if (format == 0) {
    for (std::size_t g = 0; g < glyphs; ++g) f.fd[g] = static_cast<std::uint8_t>(r.u8(p + g));
  } else if (format == 3) {
    const std::uint32_t ranges = r.u16(p);
    p += 2;
    for (std::uint32_t i = 0; i < ranges; ++i, p += 3) {
      const std::uint32_t first = r.u16(p), fd = r.u8(p + 2), next = r.u16(p + 3);
      for (std::uint32_t g = first; g < next && g < glyphs; ++g) f.fd[g] = static_cast<std::uint8_t>(fd);
    }
  } else {
    r.fail("FDSelect format " + std::to_string(format));
  }
  for (std::uint8_t fd : f.fd)
    if (fd >= fds.size()) r.fail("FDSelect names Font DICT " + std::to_string(fd) + " of " + std::to_string(fds.size()));
  return f;
}

}  // namespace jixiao::pdf
