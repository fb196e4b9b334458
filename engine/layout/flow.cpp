#include "layout/pages.h"

namespace jixiao::layout {

PageFlow::PageFlow(const doc::PageSetup& s, LayoutResult& out)
    : setup_(s),
      out_(out),
      left_(static_cast<float>(s.margin_left)),
      width_(static_cast<float>(s.width - s.margin_left - s.margin_right)),
      top_(static_cast<float>(s.margin_top)),
      bottom_(static_cast<float>(s.height - s.margin_bottom)) {
  new_page();
}

void PageFlow::new_page() {
  Page p;
  p.width = static_cast<float>(setup_.width);
  p.height = static_cast<float>(setup_.height);
  out_.pages.push_back(std::move(p));
  y_ = top_;
}

void PageFlow::place_line(const TextLine& line, float x, float baseline_y) {
  for (const auto& run : line.runs) {
    GlyphRun r = run;
    r.x += x;
    r.y = baseline_y;
    page().runs.push_back(std::move(r));
  }
}

namespace {

void lay_out_paragraph(const doc::Paragraph& p, PageFlow& flow, TextSetter& text,
                       DiagnosticSink& sink) {
  if (!flow.page_empty()) flow.advance(static_cast<float>(p.space_before));
  TextBlock block = text.set(p.text, p.style, flow.width(), p.align,
                             static_cast<float>(p.line_height),
                             static_cast<float>(p.first_line_indent), p.origin, sink);
  for (const auto& line : block.lines) {
    if (block.line_pitch > flow.space_left() && !flow.page_empty()) flow.new_page();
    flow.place_line(line, flow.left(), flow.cursor() + block.ascent);
    flow.advance(block.line_pitch);
  }
  flow.advance(static_cast<float>(p.space_after));
}

}  // namespace

LayoutResult lay_out(const doc::Document& document, const FontLibrary& fonts,
                     DiagnosticSink& sink) {
  LayoutResult result;
  PageFlow flow(document.page, result);
  TextSetter text(fonts);
  for (const auto& block : document.blocks) {
    if (const auto* p = std::get_if<doc::Paragraph>(&block)) {
      lay_out_paragraph(*p, flow, text, sink);
    } else if (const auto* t = std::get_if<doc::Table>(&block)) {
      lay_out_table(*t, flow, text, sink);
    } else if (std::holds_alternative<doc::PageBreak>(block)) {
      if (!flow.page_empty()) flow.new_page();
    }
  }
  return result;
}

}  // namespace jixiao::layout
