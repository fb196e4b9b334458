// Layout: document tree → positioned glyphs and rules on pages.
// Public interface of the layout stage; the PDF stage reads only what is here.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "doc/document.h"
#include "layout/fonts.h"

namespace jixiao::layout {

// One glyph of a run. x is relative to the run's origin, in points; text_begin/text_len
// index the run's text (UTF-32) for the code points this glyph stands for (its cluster);
// text_len is 0 for the later glyphs of a multi-glyph cluster.
struct Glyph {
  std::uint32_t id = 0;  // glyph id in the font file
  float x = 0;
  float y = 0;           // offset from the baseline, points, up positive
  float advance = 0;     // natural advance, points (x already includes any justification)
  std::uint32_t text_begin = 0;
  std::uint32_t text_len = 0;
};

// Glyphs of one face at one size on one baseline.
struct GlyphRun {
  FontId font = 0;
  float size = 10.5f;  // points
  float x = 0;         // origin: left end of the baseline, page coordinates (top-left origin, y down)
  float y = 0;
  std::u32string text;
  std::vector<Glyph> glyphs;
  // Bold asked for but the face is a regular one (the family has no bold face, or a fallback
  // face stands in): the PDF stage fills and strokes the outlines (text render mode 2, line
  // width size/35) so the text still reads as bold.
  bool synthetic_bold = false;
};

// A stroked line segment (table borders), page coordinates (top-left origin, y down).
struct Rule {
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  float width = 0.5f;
};

struct Page {
  float width = 595.276f;
  float height = 841.89f;
  std::vector<GlyphRun> runs;
  std::vector<Rule> rules;
};

struct LayoutResult {
  std::vector<Page> pages;
};

// Lays the document out on pages. Fonts come from the library (loaded once per process);
// warnings (characters no font has, text that cannot fit) go to the sink.
LayoutResult lay_out(const doc::Document& document, const FontLibrary& fonts,
                     DiagnosticSink& sink);

}  // namespace jixiao::layout
