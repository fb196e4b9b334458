// HarfBuzz shaping of the same-face runs of a paragraph.
#include "layout/shape.h"

#include <hb.h>

namespace jixiao::layout {

Shaper::Shaper(const FontLibrary& fonts)
    : fonts_(fonts), buffer_(hb_buffer_create()), language_(hb_language_from_string("zh", -1)) {}

Shaper::~Shaper() { hb_buffer_destroy(buffer_); }

void Shaper::shape(std::u32string_view text, float size, ShapedText& out) {
  const std::size_t n = text.size();
  out.advance.assign(n, 0.0f);
  out.cluster_start.assign(n, 0);
  out.glyphs.clear();
  std::size_t begin = 0;
  for (std::size_t i = 1; i <= n; ++i) {
    if (i == n || out.face[i] != out.face[begin]) {
      shape_run(text, begin, i, size, out);
      begin = i;
    }
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
