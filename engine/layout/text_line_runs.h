// Setting one cut line: its glyphs grouped into same-face runs, aligned and justified.
// Private to the layout stage.
#pragma once
#include <cstddef>

#include "layout/text_lines.h"

namespace jixiao::layout {

class LineSetter {
 public:
  LineSetter(const ShapedParagraph& p, const LineFormat& format) : p_(p), format_(format) {}

  // Sets text [begin, end) of the paragraph as line. Lines must come in order: the glyph
  // cursor only moves forward. Spaces at the end are neither counted nor drawn.
  void set(std::size_t begin, std::size_t end, bool first, bool last, TextLine& line);

 private:
  enum class Gap { None, Letter, Space };
  // What justification may widen before text[i]: the gap between two characters, except
  // inside a Latin word or number (it would look letter-spaced); a run of spaces is one
  // Space gap, before its first space.
  Gap gap_before(std::size_t i) const;
  void close_run(GlyphRun& run, std::size_t text_begin, std::size_t text_end) const;

  const ShapedParagraph& p_;
  const LineFormat& format_;
  std::size_t glyph_ = 0;  // first glyph not yet set
};

}  // namespace jixiao::layout
