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

// A run that belongs to no element of the logical structure: page numbers, header rows and
// labels drawn again on a continued page, the debug overlay (PDF artifacts).
inline constexpr std::uint32_t kArtifact = 0xFFFFFFFFu;

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
  // The structure element the run's text belongs to (index into LayoutResult::structure),
  // or kArtifact.
  std::uint32_t tag = kArtifact;
};

// A stroked line segment (table borders), page coordinates (top-left origin, y down).
struct Rule {
  float x1 = 0, y1 = 0, x2 = 0, y2 = 0;
  float width = 0.5f;
};

// A box laid out on a page, recorded only when asked (LayoutOptions::boxes): the page map
// of the preview and the debug overlay. Page coordinates (top-left origin, y down).
struct Box {
  enum class Kind : std::uint8_t { Cell, Paragraph, Table, Line };
  Kind kind = Kind::Cell;
  float x = 0, y = 0, w = 0, h = 0;
  float baseline = 0;  // Line: the baseline's y
  // Point into the laid-out document (valid while it lives): the template element the box
  // came from and, for cells and paragraphs, their text.
  const doc::Origin* origin = nullptr;
  const std::string* text = nullptr;
  bool overflow = false;  // its text runs past the box (a line too wide, or below its foot)
  std::uint32_t run_begin = 0, run_end = 0;  // Line: its runs in Page::runs
};

// Where a page ended and why ("row 14 kept with next (closing_rows=2)"), recorded with boxes.
struct BreakNote {
  float y = 0;  // the foot of what the page holds
  std::string reason;
};

// A stroke or fill of the debug overlay, in an RGB colour (0xRRGGBB).
struct Mark {
  enum class Kind : std::uint8_t { Line, Rect, Fill };
  Kind kind = Kind::Line;
  float x = 0, y = 0, w = 0, h = 0;  // Line: from (x, y) to (x + w, y + h)
  float width = 0.25f;
  std::uint32_t rgb = 0;
};

struct Page {
  float width = 595.276f;
  float height = 841.89f;
  std::vector<GlyphRun> runs;
  std::vector<Rule> rules;
  // Recorded only when asked (LayoutOptions); empty on the default path.
  std::vector<Box> boxes;
  std::vector<BreakNote> breaks;
  // The debug overlay: marks drawn over the page, and a colour per run (0xRRGGBB) when not
  // all are black (empty: all black; shorter than runs: the rest black).
  std::vector<Mark> overlay;
  std::vector<std::uint32_t> run_colors;
};

// Where an outline entry's block starts: its page (index into pages) and the top of its
// first line, page coordinates (top-left origin, y down).
struct OutlineEntry {
  std::string title;
  int level = 0;  // entries nest under the nearest earlier one of a lower level
  std::size_t page = 0;
  float y = 0;
};

// An element of the document's logical structure (tagged PDF, ISO 32000-1 14.8): headings,
// paragraphs, tables with their rows and cells. Elements are in document order, each after
// its parent; runs point at the element their text belongs to (GlyphRun::tag).
struct StructElement {
  // H1 a document's title (a paragraph opening an outline entry of level 0), H2… the
  // template's headings by level; TH the cells of header and section-heading rows.
  enum class Role : std::uint8_t { H1, H2, H3, H4, H5, H6, P, Table, TR, TH, TD };
  Role role = Role::P;
  std::int32_t parent = -1;  // index of the parent element; -1: the document
  std::uint16_t row_span = 1, col_span = 1;  // TH, TD
};

struct LayoutResult {
  std::vector<Page> pages;
  std::vector<OutlineEntry> outline;  // in document order
  std::vector<StructElement> structure;
};

class ShapeCache;  // layout/shape_cache.h

// What lay_out records beyond the pages (the default records nothing and costs nothing),
// and what it may share with other documents.
struct LayoutOptions {
  bool boxes = false;    // Page::boxes and Page::breaks
  bool overlay = false;  // draw the debug overlay into the pages (records boxes too)
  // Shapes of recurring short paragraphs, made for the library lay_out is given (another
  // library's cache is a std::invalid_argument); null: nothing shared.
  ShapeCache* shapes = nullptr;
};

// Lays the document out on pages. Fonts come from the library (loaded once per process);
// warnings (characters no font has, text that cannot fit) go to the sink.
LayoutResult lay_out(const doc::Document& document, const FontLibrary& fonts,
                     DiagnosticSink& sink, const LayoutOptions& options = {});

// The page map of a layout with boxes: JSON {"pages":[{"width","height","boxes":[{"kind",
// "x","y","w","h","file","line","col","data","text"}]}]} (docs/debug-layout.md).
std::string page_map_json(const LayoutResult& layout);

}  // namespace jixiao::layout
