// Cutting one shaped paragraph into lines (greedy, then the last lines re-broken: a later
// word never moves an earlier line's break, except among the last few lines) and aligning
// them. Private to the layout stage.
#pragma once
#include <cstdint>
#include <string_view>
#include <vector>

#include "doc/document.h"
#include "layout/linebreak.h"
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

// Whether a line may be cut before p.text[i] (the paragraph's end included) at a word
// boundary.
inline bool may_cut(const ShapedParagraph& p, std::size_t i) {
  return i == p.text.size() || (p.breaks[i] == kBreak && p.shaped.cluster_start[i]);
}

// Whether a line may be cut before p.text[i] inside a word (second choice).
inline bool may_cut_in_word(const ShapedParagraph& p, std::size_t i) {
  return i < p.text.size() && p.breaks[i] == kInWord && p.shaped.cluster_start[i];
}

// Rounding slack: N ideographs must fit in exactly N ems whatever the float sums do.
constexpr float kFitSlack = 1e-3f;

// Appends the paragraph's lines to lines. An empty paragraph gives one empty line.
void fill_lines(const ShapedParagraph& p, const LineFormat& format, std::vector<TextLine>& lines);

// Width of the widest piece between two break opportunities (end spaces not counted).
float widest_piece(const ShapedParagraph& p);
// The same cut only at word boundaries (may_cut): the widest word, kept whole.
float widest_word(const ShapedParagraph& p);
// Width of the paragraph set on one line.
float one_line_width(const ShapedParagraph& p);

}  // namespace jixiao::layout
