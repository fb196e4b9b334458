#include "diag/utf8.h"
#include "layout_fixture.h"

#include <algorithm>
#include <cmath>
#include <memory>
#include <stdexcept>

#include "support/support.h"

namespace jixiao::test {

const layout::FontLibrary& layout_fonts() {
  static const std::unique_ptr<layout::FontLibrary> lib = [] {
    DiagnosticSink sink;
    auto l = layout::FontLibrary::load(source_path("fonts/fonts.json"), {}, sink);
    if (sink.has_errors()) throw std::runtime_error(format(sink.all().front()));
    return l;
  }();
  return *lib;
}

std::string utf8(const std::u32string& text) { return to_utf8(text); }

doc::PageSetup page_with_body(float body_height, float width) {
  doc::PageSetup s;
  s.width = width;
  s.height = body_height + 100;
  s.margin_top = s.margin_bottom = s.margin_left = s.margin_right = 50;
  return s;
}

doc::Paragraph para(const std::string& text) {
  doc::Paragraph p;
  p.text = text;
  p.style.size = 10;
  p.line_height = 1.5;
  return p;
}

doc::Cell cell(const std::string& text, int colspan, int rowspan) {
  doc::Cell c;
  c.text = text;
  c.colspan = colspan;
  c.rowspan = rowspan;
  c.style.size = 10;
  return c;
}

std::string numbered_lines(int n, const std::string& stem) {
  std::string s;
  for (int i = 1; i <= n; ++i) s += (i > 1 ? "\n" : "") + stem + std::to_string(i);
  return s;
}

std::vector<PageLine> page_lines(const layout::Page& page, float x0, float x1) {
  std::vector<const layout::GlyphRun*> runs;
  for (const auto& r : page.runs)
    if (r.x >= x0 && r.x < x1 && !r.glyphs.empty()) runs.push_back(&r);
  std::stable_sort(runs.begin(), runs.end(), [](auto* a, auto* b) {
    return std::abs(a->y - b->y) > 0.01f ? a->y < b->y : a->x < b->x;
  });
  std::vector<PageLine> out;
  for (const auto* r : runs) {
    const float right = r->x + r->glyphs.back().x + r->glyphs.back().advance;
    if (out.empty() || std::abs(out.back().y - r->y) > 0.01f) out.push_back({r->y, r->x, right, ""});
    out.back().text += utf8(r->text);
    out.back().right = right;
  }
  return out;
}

std::vector<std::string> page_texts(const layout::Page& page, float x0, float x1) {
  std::vector<std::string> out;
  for (const auto& l : page_lines(page, x0, x1)) out.push_back(l.text);
  return out;
}

std::vector<layout::Rule> rules_at_y(const layout::Page& page, float y) {
  std::vector<layout::Rule> out;
  for (const auto& r : page.rules)
    if (std::abs(r.y1 - y) < 0.01f && std::abs(r.y2 - y) < 0.01f) out.push_back(r);
  return out;
}

}  // namespace jixiao::test
