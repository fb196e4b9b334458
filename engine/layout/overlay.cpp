// The debug overlay (jixiao render --debug-layout): drawn from the boxes and breaks recorded
// while laying out, over the finished pages. Tables orange, cells blue, paragraphs green,
// baselines as cyan hairlines, overflowing text and its box red, breaks magenta with a note
// saying why the page ended there.
#include <algorithm>

#include "layout/pages.h"

namespace jixiao::layout {

namespace {

constexpr std::uint32_t kTable = 0xE07000, kCell = 0x2060E0, kParagraph = 0x20A040,
                        kBaseline = 0x00B0C0, kOverflow = 0xE00000, kBreak = 0xC000C0;
constexpr float kNoteSize = 6;  // points: small enough to stay in a margin

void rect(Page& page, const Box& b, float inset, float width, std::uint32_t rgb) {
  const float w = std::max(0.0f, b.w - 2 * inset), h = std::max(0.0f, b.h - 2 * inset);
  page.overlay.push_back({Mark::Kind::Rect, b.x + inset, b.y + inset, w, h, width, rgb});
}

// "break: <reason>" under the page's last content, from the page's left edge, magenta.
void note(Page& page, const BreakNote& brk, TextSetter& text) {
  page.overlay.push_back({Mark::Kind::Line, 0, brk.y, page.width, 0, 0.6f, kBreak});
  doc::TextStyle style;
  style.size = kNoteSize;
  DiagnosticSink quiet;  // a note's characters are the engine's, not the user's
  const TextBlock block = text.set("break: " + brk.reason, style, page.width - 24, doc::Align::Left,
                                   1.2f, 0, doc::Origin{}, quiet);
  float baseline = std::min(brk.y + 1 + block.ascent, page.height - 2 - block.height() + block.ascent);
  for (const TextLine& line : block.lines) {
    for (const GlyphRun& run : line.runs) {
      GlyphRun& r = page.runs.emplace_back(run);
      r.x += 12;
      r.y = baseline;
      page.run_colors.resize(page.runs.size(), 0);
      page.run_colors.back() = kBreak;
    }
    baseline += block.line_pitch;
  }
}

}  // namespace

void draw_overlay(LayoutResult& pages, TextSetter& text) {
  for (Page& page : pages.pages) {
    page.run_colors.resize(page.runs.size(), 0);
    for (const Box& b : page.boxes) {
      switch (b.kind) {
        case Box::Kind::Table: rect(page, b, 0, 0.8f, kTable); break;
        // Inset so that the box shows beside the black border it shares.
        case Box::Kind::Cell: rect(page, b, 1, 0.3f, b.overflow ? kOverflow : kCell); break;
        case Box::Kind::Paragraph: rect(page, b, 0, 0.3f, b.overflow ? kOverflow : kParagraph); break;
        case Box::Kind::Line:
          page.overlay.push_back({Mark::Kind::Line, b.x, b.baseline, b.w, 0, 0.1f, kBaseline});
          if (b.overflow) {
            rect(page, b, 0, 0.3f, kOverflow);
            for (std::uint32_t i = b.run_begin; i < b.run_end && i < page.run_colors.size(); ++i)
              page.run_colors[i] = kOverflow;
          }
          break;
      }
    }
    for (const BreakNote& brk : page.breaks) note(page, brk, text);
  }
}

}  // namespace jixiao::layout
