#include "pdf/cff_writer.h"

#include <hb.h>

#include <algorithm>
#include <map>

#include "diag/diag.h"

namespace jixiao::pdf {

namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Failure({Severity::Error, "pdf.write", "", "", "cannot subset font " + name + ": " + what, "", "", {}});
}

void put_int5(std::string& out, long v) {  // fixed size, for offsets computed later
  out += static_cast<char>(29);
  for (int shift : {24, 16, 8, 0}) out += static_cast<char>((v >> shift) & 0xff);
}

void put_int(std::string& out, long v) {  // a DICT integer, shortest form
  if (v >= -107 && v <= 107) {
    out += static_cast<char>(v + 139);
  } else if (v >= 108 && v <= 1131) {
    v -= 108;
    out += static_cast<char>((v >> 8) + 247);
    out += static_cast<char>(v & 0xff);
  } else if (v >= -1131 && v <= -108) {
    v = -v - 108;
    out += static_cast<char>((v >> 8) + 251);
    out += static_cast<char>(v & 0xff);
  } else {
    put_int5(out, v);
  }
}

void put_u16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v & 0xff);
}

std::string index(const std::vector<std::string_view>& items) {
  std::string out;
  put_u16(out, static_cast<std::uint32_t>(items.size()));
  if (items.empty()) return out;
  std::size_t total = 1;
  for (auto item : items) total += item.size();
  const int size = total <= 0xff ? 1 : total <= 0xffff ? 2 : total <= 0xffffff ? 3 : 4;
  out += static_cast<char>(size);
  auto put_offset = [&](std::size_t v) {
    for (int i = size - 1; i >= 0; --i) out += static_cast<char>((v >> (8 * i)) & 0xff);
  };
  std::size_t offset = 1;
  put_offset(offset);
  for (auto item : items) put_offset(offset += item.size());
  for (auto item : items) out += item;
  return out;
}

std::string top_dict(const CffFace& face, long charset, long fdselect, long charstrings, long fdarray) {
  std::string d;
  put_int(d, 391), put_int(d, 392), put_int(d, face.supplement), d += "\x0c\x1e";  // ROS
  d += face.top_extra;
  put_int(d, face.cid_count), d += "\x0c\x22";  // CIDCount
  put_int5(d, charset), d += '\x0f';
  put_int5(d, fdselect), d += "\x0c\x25";
  put_int5(d, charstrings), d += '\x11';
  put_int5(d, fdarray), d += "\x0c\x24";
  return d;
}

}  // namespace

std::string write_cid_cff(const CffFace& face, const std::string& name, const std::vector<std::uint32_t>& gids,
                          const std::vector<std::string_view>& charstrings) {
  if (gids.empty() || gids[0] != 0 || gids.size() != charstrings.size()) fail(name, "bad glyph list for the CFF writer");
  std::map<std::uint8_t, std::uint8_t> fd_new;  // original FD → index in our FDArray
  for (std::uint32_t g : gids) {
    if (g >= face.fd.size()) fail(name, "glyph " + std::to_string(g) + " past the font's " + std::to_string(face.fd.size()));
    fd_new.emplace(face.fd[g], 0);
  }
  std::uint8_t next = 0;
  for (auto& [from, to] : fd_new) to = next++;

  const std::string header("\x01\x00\x04\x04", 4);
  const std::string names = index({name});
  const std::string strings = index({face.registry, face.ordering});
  const std::string gsubrs = index({});
  std::string charset(1, '\0');  // format 0: the CIDs of glyphs 1…
  for (std::size_t i = 1; i < gids.size(); ++i) put_u16(charset, face.cid[gids[i]]);
  std::string fdselect(1, '\0');  // format 0: one FD per glyph
  for (std::uint32_t g : gids) fdselect += static_cast<char>(fd_new[face.fd[g]]);
  const std::string glyph_index = index(charstrings);

  // Offsets are 5-byte integers, so the sizes are known before the offsets are.
  const std::size_t top_size = index({top_dict(face, 0, 0, 0, 0)}).size();
  const long at_charset = static_cast<long>(header.size() + names.size() + top_size + strings.size() + gsubrs.size());
  const long at_fdselect = at_charset + static_cast<long>(charset.size());
  const long at_charstrings = at_fdselect + static_cast<long>(fdselect.size());
  const long at_fdarray = at_charstrings + static_cast<long>(glyph_index.size());
  std::vector<std::string> font_dicts;
  for (const auto& [from, to] : fd_new) {  // Private [size offset] as placeholders first
    std::string d = face.font_dicts[from];
    put_int5(d, 0), put_int5(d, 0), d += '\x12';
    font_dicts.push_back(std::move(d));
  }
  std::vector<std::string_view> views(font_dicts.begin(), font_dicts.end());
  const long at_private = at_fdarray + static_cast<long>(index(views).size());
  std::string privates;
  std::size_t k = 0;
  for (const auto& [from, to] : fd_new) {  // now the real Private [size offset]
    const std::string& p = face.privates[from];
    std::string& d = font_dicts[k++];
    d.resize(d.size() - 11);
    put_int5(d, static_cast<long>(p.size())), put_int5(d, at_private + static_cast<long>(privates.size())), d += '\x12';
    privates += p;
  }
  views.assign(font_dicts.begin(), font_dicts.end());
  return header + names + index({top_dict(face, at_charset, at_fdselect, at_charstrings, at_fdarray)}) + strings +
         gsubrs + charset + fdselect + glyph_index + index(views) + privates;
}

std::shared_ptr<CffGlyphs> CffGlyphs::of(const layout::FontLibrary& fonts, layout::FontId id, const std::string& name) {
  hb_blob_t* blob = hb_face_reference_table(fonts.harfbuzz_face(id), HB_TAG('C', 'F', 'F', ' '));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  std::shared_ptr<CffGlyphs> made;
  try {
    std::string_view cff(data ? data : "", length);
    if (length > 0 && is_cid_keyed(cff, name)) made = std::make_shared<CffGlyphs>(read_cff_face(cff, name), blob, name);
  } catch (...) {
    hb_blob_destroy(blob);
    throw;
  }
  hb_blob_destroy(blob);
  return made;
}

CffGlyphs::CffGlyphs(CffFace face, hb_blob_t* cff, const std::string& name)
    : face_(std::move(face)), cff_(hb_blob_reference(cff)),
      flattener_([&] {
        unsigned length = 0;
        const char* data = hb_blob_get_data(cff_, &length);
        try {
          return CffFlattener(std::string_view(data ? data : "", length), face_, name);
        } catch (...) {
          hb_blob_destroy(cff_);
          throw;
        }
      }()) {}

CffGlyphs::~CffGlyphs() { hb_blob_destroy(cff_); }

FontSubset CffGlyphs::subset(const layout::FontLibrary& fonts, layout::FontId id,
                             const std::vector<std::uint32_t>& glyphs, const std::string& name) {
  std::vector<std::uint32_t> kept{0};
  kept.insert(kept.end(), glyphs.begin(), glyphs.end());
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  if (kept.back() >= face_.cid.size()) fail(name, "glyph " + std::to_string(kept.back()) + " past the font's " + std::to_string(face_.cid.size()));

  std::vector<std::uint32_t> missing;
  // One thread flattens at a time: the workers' first documents need mostly the same glyphs,
  // and a second thread waits for them rather than running hb-subset over them again.
  std::unique_lock<std::mutex> flattening(flattening_, std::defer_lock);
  for (bool waited = false;; waited = true) {
    missing.clear();
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (std::uint32_t g : kept)
        if (!glyphs_.count(g)) missing.push_back(g);
    }
    if (missing.empty() || waited) break;
    flattening.lock();
  }
  // The glyphs not met yet, flattened outside the lock; what the flattener leaves goes
  // through one hb-subset.
  std::vector<std::unique_ptr<const Glyph>> flattened(missing.size());
  std::vector<std::uint32_t> left;
  for (std::size_t i = 0; i < missing.size(); ++i) {
    if (auto cs = flattener_.flatten(missing[i]))
      flattened[i] = std::make_unique<const Glyph>(Glyph{std::move(*cs), advance_per_mille(fonts.harfbuzz_font(id), missing[i])});
    else
      left.push_back(missing[i]);
  }
  if (!left.empty()) {
    FontSubset flat(fonts.harfbuzz_face(id), fonts.subset_face(id), fonts.harfbuzz_font(id), left, name);
    std::vector<std::string_view> got = read_cff_charstrings(flat.program(), name);
    if (got.size() != flat.glyph_count()) fail(name, "hb-subset's CharStrings and glyphs differ in number");
    for (std::size_t i = 0; i < missing.size(); ++i) {
      if (flattened[i]) continue;
      const std::uint32_t g = missing[i], at = flat.new_gid(g);
      if ((at == 0 && g != 0) || flat.cid(g) != face_.cid[g]) fail(name, "hb-subset lost or renumbered glyph " + std::to_string(g));
      flattened[i] = std::make_unique<const Glyph>(Glyph{std::string(got[at]), flat.width(g)});
    }
  }
  std::vector<std::string_view> charstrings;
  std::vector<double> widths;
  charstrings.reserve(kept.size());
  widths.reserve(kept.size());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (std::size_t i = 0; i < missing.size(); ++i) {
      auto& slot = glyphs_[missing[i]];
      if (!slot) {
        bytes_ += flattened[i]->charstring.size();
        slot = std::move(flattened[i]);
      } else if (slot->charstring != flattened[i]->charstring) {  // another thread's, from other glyphs
        fail(name, "glyph " + std::to_string(missing[i]) + " flattened differently with other glyphs");
      }
    }
    // Entries are never changed or dropped: the views stay valid after the lock is released.
    for (std::uint32_t g : kept) {
      const Glyph& glyph = *glyphs_.at(g);
      charstrings.emplace_back(glyph.charstring);
      widths.push_back(glyph.width);
    }
  }
  if (flattening.owns_lock()) flattening.unlock();  // what it flattened is kept now
  std::vector<std::uint16_t> cids;
  cids.reserve(kept.size());
  for (std::uint32_t g : kept) cids.push_back(face_.cid[g]);
  return FontSubset(write_cid_cff(face_, name, kept, charstrings), kept, std::move(cids), std::move(widths));
}

std::size_t CffGlyphs::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return glyphs_.size();
}

std::size_t CffGlyphs::bytes() {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

}  // namespace jixiao::pdf
