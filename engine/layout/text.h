// Text inside a box: font selection per character, HarfBuzz shaping, line breaking (UAX #14
// via ICU plus the Chinese 禁则), alignment. Internal to the layout stage.
#pragma once
#include <string_view>
#include <vector>

#include "diag/diag.h"
#include "doc/document.h"
#include "layout/layout.h"

namespace jixiao::layout {

// One line of set text. Runs have x relative to the line's left end and y = 0 on the
// baseline; the caller adds the line's position.
struct TextLine {
  float width = 0;  // width of the set text (after justification)
  std::vector<GlyphRun> runs;
};

struct TextBlock {
  std::vector<TextLine> lines;
  float line_pitch = 0;  // distance between baselines, points
  float ascent = 0;      // baseline of the first line below the block's top, points
  // Height of the block: lines × pitch.
  float height() const { return static_cast<float>(lines.size()) * line_pitch; }
};

// Sets text. Reuses its buffers between calls: keep one per layout run, not per paragraph.
class TextSetter {
 public:
  // shared: analyses of short paragraphs shared with other documents (ShapeCache, made for
  // fonts), or null.
  explicit TextSetter(const FontLibrary& fonts, ShapeCache* shared = nullptr);
  ~TextSetter();
  TextSetter(const TextSetter&) = delete;
  TextSetter& operator=(const TextSetter&) = delete;

  // Breaks utf8 into lines no wider than max_width (points) — '\n' forces a break — and
  // aligns each line within max_width (Justify spreads all but the last line of each
  // paragraph). first_line_indent applies after each hard break too.
  // line_height is the pitch as a multiple of the size. Characters no face has are
  // reported to sink (code "layout.missing-glyph") naming the origin: the template's file
  // and place, and the data pointer (origin.data) in the message. Bold text in a face that
  // is not a real bold face comes back with GlyphRun::synthetic_bold set.
  // max_width 0 sets one character (cluster) a line: stacked cells.
  TextBlock set(std::string_view utf8, const doc::TextStyle& style, float max_width,
                doc::Align align, float line_height, float first_line_indent,
                const doc::Origin& origin, DiagnosticSink& sink);

  // The narrowest width the text can take without breaking inside a line-break unit
  // (the widest unbreakable piece), points.
  float min_width(std::string_view utf8, const doc::TextStyle& style);

  // The narrowest and widest the text sets, points: its widest word (cut only at word
  // boundaries, not inside a dictionary word, so a column this wide keeps every word whole)
  // and its widest paragraph on one line. first_line_indent counts in both.
  struct ContentWidths {
    float min = 0, max = 0;
  };
  ContentWidths content_widths(std::string_view utf8, const doc::TextStyle& style,
                               float first_line_indent);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Break opportunities of UTF-32 text: result[i] is true when a line may break before
// text[i] (i in 1..size-1). UAX #14 from ICU, then the Chinese 禁则: never before closing
// punctuation, never after opening punctuation, never inside a number (digits with their
// separators, sign, percent), a date (2021年12月3日, 2021 年 7 月) or a range (90%～100%).
// Exposed for tests.
std::vector<bool> break_opportunities(std::u32string_view text);
// The opportunities a line takes first: those of break_opportunities less the ones inside a
// word of a short paragraph (kWordChars at most). Exposed for tests.
std::vector<bool> word_breaks(std::u32string_view text);

}  // namespace jixiao::layout
