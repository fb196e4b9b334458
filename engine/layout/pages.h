// The page being filled and the flow cursor, and the running headers and footers added once
// the page count is known. Internal to the layout stage.
#pragma once
#include "layout/layout.h"
#include "layout/text.h"

namespace jixiao::layout {

class PageFlow {
 public:
  PageFlow(const doc::PageSetup& setup, LayoutResult& out, DiagnosticSink& sink);

  float left() const { return left_; }
  float width() const { return width_; }
  float top() const { return top_; }
  float bottom() const { return bottom_; }
  float cursor() const { return y_; }
  float space_left() const { return bottom_ - y_; }
  bool page_empty() const { return y_ <= top_; }
  // Lines of this pitch that still fit above the bottom margin.
  std::size_t lines_left(float pitch) const;

  void advance(float dy) { y_ += dy; }
  // A new page; beyond limits::kPages an error naming the block being placed, and
  // LayoutStopped: whatever a layout does, it ends.
  void new_page();
  // The block being placed, named when it cannot be.
  void set_block(const doc::Origin& origin) { block_ = &origin; }
  const doc::Origin& block() const { return *block_; }
  DiagnosticSink& sink() const { return sink_; }
  Page& page() { return out_.pages.back(); }

  // Places a set line with its left end at x and its baseline at baseline_y.
  void place_line(const TextLine& line, float x, float baseline_y);

 private:
  const doc::PageSetup& setup_;
  LayoutResult& out_;
  DiagnosticSink& sink_;
  const doc::Origin* block_;
  float left_, width_, top_, bottom_;
  float y_ = 0;
};

// Draws the running headers and footers of setup on every page from their first_page on,
// {page} and {pages} replaced. Runs after the whole document is laid out: only then is the
// page count known.
void add_page_marks(const doc::PageSetup& setup, TextSetter& text, LayoutResult& pages,
                    DiagnosticSink& sink);

}  // namespace jixiao::layout
