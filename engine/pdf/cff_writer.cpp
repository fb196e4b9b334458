#include "pdf/cff_writer.h"

#include <hb.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

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

// The per-face cache: the face's CFF facts and each flattened glyph seen so far.
struct GlyphCache {
  CffFace face;
  std::mutex mutex;
  std::unordered_map<std::uint32_t, std::pair<std::string, double>> glyphs;  // charstring, width
};
struct CacheHolder {  // what fonts.derived keeps: immutable, pointing at the guarded cache
  std::shared_ptr<GlyphCache> cache;
};

std::shared_ptr<GlyphCache> cache_of(const layout::FontLibrary& fonts, layout::FontId id, const std::string& name) {
  static const std::string key = "cff-writer glyph cache";
  if (auto kept = fonts.derived(id, key)) return static_cast<const CacheHolder*>(kept.get())->cache;
  hb_blob_t* blob = hb_face_reference_table(fonts.harfbuzz_face(id), HB_TAG('C', 'F', 'F', ' '));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  auto made = std::make_shared<CacheHolder>();
  try {
    std::string_view cff(data ? data : "", length);
    // Only CID-keyed CFF faces; others keep a null cache and take the hb-subset path.
    if (length > 0 && read_cff_charset(cff, name).cid_keyed) {
      made->cache = std::make_shared<GlyphCache>();
      made->cache->face = read_cff_face(cff, name);
    }
  } catch (...) {
    hb_blob_destroy(blob);
    throw;
  }
  hb_blob_destroy(blob);
  fonts.keep_derived(id, key, made);
  // Another thread may have kept its own meanwhile; use whichever is kept.
  auto kept = fonts.derived(id, key);
  return kept ? static_cast<const CacheHolder*>(kept.get())->cache : made->cache;
}

}  // namespace

bool cff_writer_enabled() {
  static const bool on = [] {
    const char* v = std::getenv("JIXIAO_CFF_WRITER");
    return v && std::strcmp(v, "1") == 0;
  }();
  return on;
}

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
  for (const auto& [from, to] : fd_new) {
    std::string d = face.font_dicts[from];
    put_int5(d, 0), put_int5(d, 0), d += '\x12';
    font_dicts.push_back(std::move(d));
  }
  std::vector<std::string_view> views(font_dicts.begin(), font_dicts.end());
  long at_private = at_fdarray + static_cast<long>(index(views).size());
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

  std::string out = header + names + index({top_dict(face, at_charset, at_fdselect, at_charstrings, at_fdarray)}) +
                    strings + gsubrs + charset + fdselect + glyph_index + index(views) + privates;
  return out;
}

std::optional<FontSubset> cached_cff_subset(const layout::FontLibrary& fonts, layout::FontId id,
                                            const std::vector<std::uint32_t>& glyphs, const std::string& name) {
  std::shared_ptr<GlyphCache> cache = cache_of(fonts, id, name);
  if (!cache) return std::nullopt;
  std::vector<std::uint32_t> kept{0};
  kept.insert(kept.end(), glyphs.begin(), glyphs.end());
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());

  std::vector<std::uint32_t> missing;
  {
    std::lock_guard<std::mutex> lock(cache->mutex);
    for (std::uint32_t g : kept)
      if (!cache->glyphs.count(g)) missing.push_back(g);
  }
  std::vector<std::pair<std::string, double>> flattened;
  if (!missing.empty()) {
    // One hb-subset of the glyphs not seen yet, outside the lock; its glyph i is missing[i]
    // (ascending ids, .notdef first), checked through the CIDs.
    FontSubset flat(fonts.harfbuzz_face(id), fonts.subset_face(id), fonts.harfbuzz_font(id), missing, name);
    std::vector<std::string_view> got = read_cff_charstrings(flat.program(), name);
    if (missing[0] != 0) missing.insert(missing.begin(), 0);
    if (got.size() != missing.size())
      fail(name, "hb-subset kept " + std::to_string(got.size()) + " glyphs of " + std::to_string(missing.size()));
    for (std::size_t i = 0; i < missing.size(); ++i) {
      if (flat.cid(missing[i]) != cache->face.cid[missing[i]]) fail(name, "hb-subset reordered the glyphs");
      flattened.emplace_back(std::string(got[i]), flat.width(missing[i]));
    }
  }
  std::vector<std::string_view> charstrings;
  std::vector<double> widths;
  {
    std::lock_guard<std::mutex> lock(cache->mutex);
    // Another thread may have added the same glyphs meanwhile: the same bytes, either kept.
    for (std::size_t i = 0; i < flattened.size(); ++i) cache->glyphs.emplace(missing[i], std::move(flattened[i]));
    // Entries are never changed or erased, and unordered_map nodes do not move: the views
    // stay valid after the lock is released.
    for (std::uint32_t g : kept) {
      const auto& entry = cache->glyphs.at(g);
      charstrings.emplace_back(entry.first);
      widths.push_back(entry.second);
    }
  }
  std::vector<std::uint16_t> cids;
  for (std::uint32_t g : kept) cids.push_back(cache->face.cid[g]);
  std::string program = write_cid_cff(cache->face, name, kept, charstrings);
  return FontSubset(std::move(program), kept, std::move(cids), std::move(widths));
}

}  // namespace jixiao::pdf
