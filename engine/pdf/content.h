// Text operators of one page's content stream: glyph runs → BT … ET with Tf, Td and Tj/TJ.
// Written by hand rather than through libharu's text API, which only knows its own fonts.
#pragma once
#include <cstdint>
#include <string>

#include "layout/layout.h"
#include "pdf/subset.h"
#include "pdf/tags.h"

namespace jixiao::pdf {

class TextWriter {
 public:
  // page_height flips layout's top-left, y-down coordinates to PDF's bottom-left, y-up.
  // tags (null: an untagged PDF) marks each run's text as content of its structure element
  // on page (the page's index), consecutive runs of one element as one sequence.
  explicit TextWriter(float page_height, Tags* tags = nullptr, std::size_t page = 0)
      : page_height_(page_height), tags_(tags), page_(page) {}

  // Shows a run with font /F<font_number>. Glyphs sitting where the font's advances put them
  // are shown with one Tj; even spacing between all glyphs (justified CJK) becomes Tc, other
  // deviations (kerning, uneven justification) TJ adjustments, baseline offsets Ts.
  // Positions are exact to 1/1000 pt, within kTolerance of layout's. A synthetic-bold run is
  // filled and stroked (2 Tr) with a line width of size/35; the text object is then wrapped in
  // q … Q so the line width does not leak into later drawing.
  // rgb (0xRRGGBB) is the fill and stroke colour; black, the default, writes no operator.
  void add(const layout::GlyphRun& run, int font_number, const FontSubset& font, std::uint32_t rgb = 0);
  // The text object (empty when nothing was added).
  std::string finish();

  // Largest horizontal error tolerated before a TJ adjustment is written, points.
  static constexpr double kTolerance = 0.005;

 private:
  void begin_array();
  void end_array();
  void put_glyph(std::uint16_t cid);
  void put_adjustment(std::int64_t thousandths);
  // A .notdef glyph (cid) standing for text, in a marked-content span with /ActualText.
  void put_missing(std::u32string_view text, std::uint16_t cid);
  // A glyph of the run overlaps the next one's advance box (squeezed punctuation): the run is
  // then shown in a marked-content sequence of its own, a /Span with its text as /ActualText
  // (in a tagged PDF with the run's MCID). pt: the font size.
  static bool squeezed(const layout::GlyphRun& run, const FontSubset& font, double pt);
  // Closes the open marked-content sequences.
  void close_marked();
  // Text render mode and line width for a run; size in 1/1000 pt.
  void set_bold(bool bold, std::int64_t size);
  // The extra space after every glyph when it is the same throughout the run, 1/1000 pt.
  static std::int64_t even_spacing(const layout::GlyphRun& run, const FontSubset& font, double pt);

  std::string out_;
  float page_height_;
  Tags* tags_;
  std::size_t page_;
  int marked_ = 0;             // marked-content sequences open (nested), closed together
  std::uint32_t tag_ = 0;      // the element it marks
  int font_ = -1;             // current Tf font number
  std::int64_t size_ = -1;    // current Tf size, 1/1000 pt
  std::int64_t line_x_ = 0;   // start of the current text line, 1/1000 pt
  std::int64_t line_y_ = 0;
  std::int64_t rise_ = 0;     // current Ts, 1/1000 pt
  std::int64_t spacing_ = 0;  // current Tc, 1/1000 pt
  bool stroking_ = false;     // current Tr is 2 (fill and stroke: synthetic bold)
  std::int64_t stroke_ = -1;  // current line width, 1/1000 pt
  bool saved_ = false;        // a synthetic-bold run or a colour changed the graphics state
  std::uint32_t rgb_ = 0;     // current colour (the debug overlay's red and magenta text)
  // The Tj/TJ array being written.
  std::size_t array_start_ = 0;
  bool in_hex_ = false;
  bool adjusted_ = false;
  bool has_glyphs_ = false;
  bool in_actual_ = false;    // the run being added is inside a /Span with /ActualText
  bool actual_open_ = false;  // the open sequence carries /ActualText (one run's)
};

}  // namespace jixiao::pdf
