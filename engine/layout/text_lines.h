// Cutting one shaped paragraph into lines (greedy: this is a form engine, a cell's lines
// must not shift when a later word changes) and aligning them. Private to the layout stage.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "layout/shape.h"
#include "layout/text.h"

namespace jixiao::layout {

// A paragraph (no '\n') with its shaping and break opportunities (see LineBreaker::find).
struct ShapedParagraph {
  std::u32string_view text;
  const ShapedText& shaped;
  const std::vector<std::uint8_t>& breaks;
};

struct LineFormat {
  float size = 10.5f;
  float max_width = 0;
  float first_line_indent = 0;
  doc::Align align = doc::Align::Left;
};

// Appends the paragraph's lines to lines. An empty paragraph gives one empty line.
void fill_lines(const ShapedParagraph& p, const LineFormat& format, std::vector<TextLine>& lines);

// Width of the widest piece between two break opportunities (end spaces not counted).
float widest_piece(const ShapedParagraph& p);

}  // namespace jixiao::layout
