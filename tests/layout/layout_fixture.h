// Helpers of the page-level layout tests: the real fonts, documents on small pages with
// round numbers, and the text of laid-out pages read back line by line.
#pragma once
#include <string>
#include <vector>

#include "layout/layout.h"

namespace jixiao::test {

// The font library of fonts/fonts.json, loaded once.
const layout::FontLibrary& layout_fonts();

std::string utf8(const std::u32string& s);

// A page of the given size whose body (between the margins) is body_height tall, with
// margins of 50 pt around it.
doc::PageSetup page_with_body(float body_height, float width = 400);

// Paragraph of 宋 10 pt at a pitch of 15 pt, no indent, left aligned.
doc::Paragraph para(const std::string& text);
// Table cell of 宋 10 pt.
doc::Cell cell(const std::string& text, int colspan = 1, int rowspan = 1);
// n hard lines "行1", "行2", … joined by '\n'.
std::string numbered_lines(int n, const std::string& stem = "行");

// A line of set text on a page: runs on one baseline inside an x range, left to right.
struct PageLine {
  float y = 0;  // baseline
  float x = 0;  // left end of its first run
  float right = 0;
  std::string text;
};
// Lines of a page whose runs start in [x0, x1), top down.
std::vector<PageLine> page_lines(const layout::Page& page, float x0 = -1e9f, float x1 = 1e9f);
std::vector<std::string> page_texts(const layout::Page& page, float x0 = -1e9f, float x1 = 1e9f);

// Rules of a page that lie on one horizontal line y (within 0.01 pt).
std::vector<layout::Rule> rules_at_y(const layout::Page& page, float y);

}  // namespace jixiao::test
