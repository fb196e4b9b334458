// The page being filled and the flow cursor, and the running headers and footers added once
// the page count is known. Internal to the layout stage.
#pragma once
#include "layout/layout.h"
#include "layout/text.h"

namespace jixiao::layout {

class PageFlow {
 public:
  PageFlow(const doc::PageSetup& setup, LayoutResult& out, DiagnosticSink& sink,
           bool record = false);

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

  // Places a set line with its left end at x and its baseline at baseline_y, its runs
  // tagged as part of structure element tag (or kArtifact).
  void place_line(const TextLine& line, float x, float baseline_y, std::uint32_t tag);
  // Adds an element to the document's structure; returns its index (a run's tag).
  std::uint32_t add_element(const StructElement& e);

  // Recording boxes and breaks (LayoutOptions::boxes). Callers build what they record only
  // when recording() is true, so the default path pays one test.
  bool recording() const { return record_; }
  // The line just placed (its runs from run_begin on) as a Line box of box_width; overflow
  // when it is wider than that or reaches below foot.
  void record_line(const TextLine& line, float x, float baseline_y, const TextBlock& block,
                   std::size_t run_begin, float box_width, float foot, const doc::Origin& origin);
  void record_box(const Box& box) { page().boxes.push_back(box); }
  // Why the next new_page() breaks, at y (the foot of what this page holds).
  void break_reason(float y, std::string reason);

 private:
  const doc::PageSetup& setup_;
  LayoutResult& out_;
  DiagnosticSink& sink_;
  const doc::Origin* block_;
  float left_, width_, top_, bottom_;
  float y_ = 0;
  bool record_ = false;
  BreakNote pending_;  // the reason given for the next break, if any
};

// Draws the running headers and footers of setup on every page from their first_page on,
// {page} and {pages} replaced. Runs after the whole document is laid out: only then is the
// page count known.
void add_page_marks(const doc::PageSetup& setup, TextSetter& text, LayoutResult& pages,
                    DiagnosticSink& sink);

// The debug overlay (overlay.cpp): the recorded boxes, baselines, overflowing text in red and
// the break notes, drawn into the pages' overlay marks and runs.
void draw_overlay(LayoutResult& pages, TextSetter& text);

}  // namespace jixiao::layout
