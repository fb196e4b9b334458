// The page being filled and the flow cursor. Internal to the layout stage.
#pragma once
#include "layout/layout.h"
#include "layout/text.h"

namespace jixiao::layout {

class PageFlow {
 public:
  PageFlow(const doc::PageSetup& setup, LayoutResult& out);

  float left() const { return left_; }
  float width() const { return width_; }
  float top() const { return top_; }
  float bottom() const { return bottom_; }
  float cursor() const { return y_; }
  float space_left() const { return bottom_ - y_; }
  bool page_empty() const { return y_ <= top_; }

  void advance(float dy) { y_ += dy; }
  void new_page();
  Page& page() { return out_.pages.back(); }

  // Places a set line with its left end at x and the line box top at the cursor.
  void place_line(const TextLine& line, float x, float baseline_y);

 private:
  const doc::PageSetup& setup_;
  LayoutResult& out_;
  float left_, width_, top_, bottom_;
  float y_ = 0;
};

// Lays out a table at the flow's cursor, continuing on new pages as needed.
void lay_out_table(const doc::Table& table, PageFlow& flow, TextSetter& text,
                   DiagnosticSink& sink);

}  // namespace jixiao::layout
