#include "pdf/usage.h"

#include <hb.h>

#include <algorithm>

namespace jixiao::pdf {

namespace {

constexpr std::u32string_view kReplacement = U"\uFFFD";

[[noreturn]] void fail(std::string message) {
  throw Failure({Severity::Error, "pdf.write", "", "", std::move(message), "", "", {}});
}

}  // namespace

Diagnostic font_failure(const layout::FontInfo& info, Diagnostic d) {
  d.file = info.manifest;
  d.place = info.entry;
  d.message += " (font file " + info.file + (info.index ? ", face " + std::to_string(info.index) : "") + ")";
  d.expected = "an intact TrueType or OpenType font file (reinstall its package or name another file here)";
  return d;
}

FaceUsage::FaceUsage(layout::FontId font, unsigned glyph_count)
    : font_(font), state_(glyph_count, kUnseen) {}

void FaceUsage::add(std::uint32_t gid, std::u32string_view text) {
  // .notdef stands for every character no font has: one ToUnicode entry cannot name them
  // all, so it copies as U+FFFD (the content stream gives each its own /ActualText).
  if (gid == 0) text = kReplacement;
  std::uint8_t& st = state_[gid];
  if (st == kSeenWithText || (st == kSeen && text.empty())) return;
  Record r{gid, static_cast<std::uint32_t>(pool_.size()), static_cast<std::uint32_t>(text.size())};
  pool_.append(text);
  records_.push_back(r);
  st = text.empty() ? kSeen : kSeenWithText;
}

void FaceUsage::finish() {
  // Stable: of a glyph's records the one with text (there is at most one) comes last.
  std::stable_sort(records_.begin(), records_.end(),
                   [](const Record& a, const Record& b) { return a.gid < b.gid; });
  glyphs_.clear();
  texts_.clear();
  for (const Record& r : records_) {
    if (!glyphs_.empty() && glyphs_.back() == r.gid) {
      texts_.back() = r;
    } else {
      glyphs_.push_back(r.gid);
      texts_.push_back(r);
    }
  }
  records_.clear();
  records_.shrink_to_fit();
  state_.clear();
  state_.shrink_to_fit();
}

std::u32string_view FaceUsage::text(std::size_t i) const {
  const Record& r = texts_[i];
  return std::u32string_view(pool_).substr(r.begin, r.len);
}

DocumentUsage DocumentUsage::collect(const layout::LayoutResult& pages,
                                     const layout::FontLibrary& fonts) {
  DocumentUsage u;
  u.slot_of_font_.assign(fonts.face_count(), -1);
  for (std::size_t p = 0; p < pages.pages.size(); ++p) {
    for (const layout::GlyphRun& run : pages.pages[p].runs) {
      if (run.glyphs.empty()) continue;
      if (run.font < 0 || static_cast<std::size_t>(run.font) >= fonts.face_count())
        fail("page " + std::to_string(p + 1) + ": a glyph run names font " +
             std::to_string(run.font) + ", which the font library does not have");
      int& slot = u.slot_of_font_[static_cast<std::size_t>(run.font)];
      if (slot < 0) {
        slot = static_cast<int>(u.faces_.size());
        u.faces_.emplace_back(run.font, hb_face_get_glyph_count(fonts.harfbuzz_face(run.font)));
      }
      FaceUsage& face = u.faces_[static_cast<std::size_t>(slot)];
      const std::u32string_view text(run.text);
      for (const layout::Glyph& g : run.glyphs) {
        if (!face.has_glyph(g.id))  // the face's cmap names glyphs its maxp does not count
          throw Failure(font_failure(fonts.info(run.font),
                                     {Severity::Error, "pdf.write", "", "",
                                      "glyph id " + std::to_string(g.id) + " is beyond the glyphs of " +
                                          fonts.info(run.font).postscript_name,
                                      "", "", {}}));
        std::u32string_view t;
        if (g.text_len > 0 && g.text_begin < text.size()) t = text.substr(g.text_begin, g.text_len);
        face.add(g.id, t);
      }
    }
  }
  for (FaceUsage& f : u.faces_) f.finish();
  return u;
}

int DocumentUsage::slot(layout::FontId font) const {
  if (font < 0 || static_cast<std::size_t>(font) >= slot_of_font_.size()) return -1;
  return slot_of_font_[static_cast<std::size_t>(font)];
}

}  // namespace jixiao::pdf
