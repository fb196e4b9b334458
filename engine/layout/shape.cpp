// HarfBuzz shaping of the same-face runs of a paragraph.
#include "layout/shape.h"

#include <hb.h>

#include <algorithm>

#include "layout/linebreak.h"

namespace jixiao::layout {

Shaper::Shaper(const FontLibrary& fonts)
    : fonts_(fonts), buffer_(hb_buffer_create()), language_(hb_language_from_string("zh", -1)) {}

Shaper::~Shaper() { hb_buffer_destroy(buffer_); }

void Shaper::shape(std::u32string_view text, float size, ShapedText& out) {
  const std::size_t n = text.size();
  out.advance.assign(n, 0.0f);
  out.cluster_start.assign(n, 0);
  out.squeezed.assign(n, 0.0f);
  out.edge_blank.assign(n, 0.0f);
  out.glyphs.clear();
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i == n || out.face[i] != out.face[begin]) {
      shape_run(text, begin, i, size, out);
      begin = i;
    }
  }
  full_width_quotes(text, size, out);
  compress_punctuation(text, size, out);
}

namespace {

// East Asian wide characters (ideographs, kana, CJK punctuation, full-width forms): the
// context that makes a curly quote Chinese.
bool is_wide(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFF);
}

bool is_curly_quote(char32_t c) { return c >= U'\u2018' && c <= U'\u201D' && c != U'\u201A' && c != U'\u201B'; }

// The glyph index of the cluster starting at text[i] when it is a single glyph, else
// glyphs.size(). Calls come with i ascending: the search goes on from hint.
std::size_t single_glyph(const ShapedText& out, std::size_t i, std::size_t& hint) {
  const auto& g = out.glyphs;
  std::size_t k = std::min(hint, g.size());
  while (k < g.size() && g[k].cluster < i) ++k;
  hint = k;
  if (k >= g.size() || g[k].cluster != i) return g.size();
  if (k + 1 < g.size() && g[k + 1].cluster == i) return g.size();
  return k;
}

}  // namespace

// In Chinese text “ ” ‘ ’ take a whole em like the other marks (GB/T 15834), the opening
// ones inked at the right of the em, the closing ones at the left. Fonts that serve Latin
// text too often give them proportional glyphs: widen those.
void Shaper::full_width_quotes(std::u32string_view text, float size, ShapedText& out) {
  std::size_t hint = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!is_curly_quote(text[i]) || !out.cluster_start[i]) continue;
    // The neighbours past any other quotes decide: “‘智’” is Chinese throughout.
    std::size_t b = i, a = i + 1;
    while (b > 0 && b + 3 > i && is_curly_quote(text[b - 1])) --b;
    while (a < text.size() && a < i + 4 && is_curly_quote(text[a])) ++a;
    const bool chinese = (b > 0 && is_wide(text[b - 1])) || (a < text.size() && is_wide(text[a]));
    const std::size_t g = single_glyph(out, i, hint);
    if (!chinese || g == out.glyphs.size()) continue;
    ShapedGlyph& glyph = out.glyphs[g];
    const float pad = size - glyph.advance;
    if (pad <= 0.05f * size) continue;  // already full width
    const bool opening = text[i] == U'\u2018' || text[i] == U'\u201C';
    if (opening) glyph.x_offset += pad;
    glyph.advance = size;
    out.advance[i] = size;
  }
}

void Shaper::shape_run(std::u32string_view text, std::size_t begin, std::size_t end, float size,
                       ShapedText& out) {
  const FontId face = out.face[begin];
  if (face < 0) {
    // No face at all (an empty font library): nothing to draw, but lines can still be cut.
    for (std::size_t i = begin; i < end; ++i) out.cluster_start[i] = 1;
    return;
  }
  hb_buffer_clear_contents(buffer_);
  // The whole paragraph goes in as context so that shaping at the run's ends sees its
  // neighbours; clusters come back as indexes into the paragraph.
  hb_buffer_add_utf32(buffer_, reinterpret_cast<const std::uint32_t*>(text.data()),
                      static_cast<int>(text.size()), static_cast<unsigned>(begin),
                      static_cast<int>(end - begin));
  hb_buffer_set_direction(buffer_, HB_DIRECTION_LTR);
  hb_buffer_set_language(buffer_, language_);
  hb_buffer_guess_segment_properties(buffer_);
  hb_shape(fonts_.harfbuzz_font(face), buffer_, nullptr, 0);

  unsigned count = 0;
  const hb_glyph_info_t* info = hb_buffer_get_glyph_infos(buffer_, &count);
  const hb_glyph_position_t* pos = hb_buffer_get_glyph_positions(buffer_, &count);
  // The hb_font's scale is the em in font units, so positions are in font units.
  const float scale = size / static_cast<float>(fonts_.info(face).units_per_em);
  for (unsigned g = 0; g < count; ++g) {
    ShapedGlyph glyph;
    glyph.id = info[g].codepoint;
    glyph.cluster = info[g].cluster;
    glyph.advance = static_cast<float>(pos[g].x_advance) * scale;
    glyph.x_offset = static_cast<float>(pos[g].x_offset) * scale;
    glyph.y_offset = static_cast<float>(pos[g].y_offset) * scale;
    out.advance[glyph.cluster] += glyph.advance;
    out.cluster_start[glyph.cluster] = 1;
    out.glyphs.push_back(glyph);
  }
}

}  // namespace jixiao::layout

namespace jixiao::layout {

namespace {

// Which side of its em a full-width mark leaves blank, from where its ink is.
enum class Blank { None, Left, Right, Both };

}  // namespace

// 标点挤压 (clreq §3.1.6 / GB/T 15834): two full-width marks in a row would leave a whole em
// of blank between their inks. A closing mark before another closing or an opening one
// ("）；" "。”" "），（") loses the blank after its ink; an opening mark after another
// opening one ("（“") loses the blank before its ink. Where the ink sits is read from the
// glyph, so the rule holds for any face (left-set 。，in simplified Chinese fonts, centred
// ？！ and ：；in others).
const Shaper::Ink& Shaper::ink(FontId face, std::uint32_t glyph) {
  const std::uint64_t key = (static_cast<std::uint64_t>(static_cast<std::uint32_t>(face)) << 32) | glyph;
  auto it = inks_.find(key);
  if (it != inks_.end()) return it->second;
  hb_glyph_extents_t ext{};
  const bool known = hb_font_get_glyph_extents(fonts_.harfbuzz_font(face), glyph, &ext) != 0;
  return inks_.emplace(key, Ink{known, ext.x_bearing, ext.width}).first->second;
}

void Shaper::compress_punctuation(std::u32string_view text, float size, ShapedText& out) {
  using namespace breakchar;
  const std::size_t n = text.size();
  std::size_t hint = 0;
  auto blank_of = [&](std::size_t i, std::size_t& g) {
    g = single_glyph(out, i, hint);
    if (g == out.glyphs.size() || out.face[i] < 0) return Blank::None;
    const ShapedGlyph& glyph = out.glyphs[g];
    if (glyph.advance < 0.95f * size || glyph.advance > 1.05f * size) return Blank::None;
    const Ink& ext = ink(out.face[i], glyph.id);
    if (!ext.known) return Blank::None;
    const float scale = size / static_cast<float>(fonts_.info(out.face[i]).units_per_em);
    const float left = static_cast<float>(ext.x_bearing) * scale + glyph.x_offset;
    const float right = left + static_cast<float>(ext.width) * scale;
    const float tolerance = 0.06f * size;
    if (right <= size / 2 + tolerance) return Blank::Right;
    if (left >= size / 2 - tolerance) return Blank::Left;
    if (left >= size / 4 - tolerance && right <= 3 * size / 4 + tolerance) return Blank::Both;
    return Blank::None;
  };
  // Takes half an em of blank off the mark at text[i]: after its ink (after) or before it.
  auto trim = [&](std::size_t i, bool after) {
    std::size_t g = 0;
    const Blank blank = blank_of(i, g);
    if (blank == Blank::None || blank == (after ? Blank::Left : Blank::Right)) return;
    ShapedGlyph& glyph = out.glyphs[g];
    if (blank == Blank::Both) glyph.x_offset -= size / 4;
    else if (!after) glyph.x_offset -= size / 2;
    glyph.advance -= size / 2;
    out.advance[i] -= size / 2;
    if (after) out.squeezed[i] = blank == Blank::Both ? size / 4 : size / 2;
  };
  for (std::size_t i = 0; i + 1 < n; ++i) {
    const char32_t a = text[i], b = text[i + 1];
    if (is_closing(a) && (is_closing(b) || is_opening(b))) trim(i, true);
    else if (is_opening(a) && is_opening(b)) trim(i + 1, false);
  }
  hint = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const bool opening = is_opening(text[i]);
    if (!opening && !is_closing(text[i])) continue;
    std::size_t g = 0;
    const Blank blank = blank_of(i, g);
    if (blank == Blank::Both) out.edge_blank[i] = size / 4;
    if (blank == (opening ? Blank::Left : Blank::Right)) out.edge_blank[i] = size / 2;
  }
}

}  // namespace jixiao::layout
