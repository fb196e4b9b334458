// PageFlow, and the running headers and footers (PageMark).
#include "layout/pages.h"

#include <algorithm>
#include <cmath>

#include "diag/limits.h"
#include "layout/bounds.h"

namespace jixiao::layout {

namespace {
const doc::Origin kNoOrigin;
}  // namespace

PageFlow::PageFlow(const doc::PageSetup& s, LayoutResult& out, DiagnosticSink& sink, bool record)
    : setup_(s),
      out_(out),
      sink_(sink),
      block_(&kNoOrigin),
      left_(static_cast<float>(s.margin_left)),
      width_(static_cast<float>(s.width - s.margin_left - s.margin_right)),
      top_(static_cast<float>(s.margin_top)),
      bottom_(static_cast<float>(s.height - s.margin_bottom)),
      record_(record) {
  new_page();
}

std::size_t PageFlow::lines_left(float pitch) const {
  if (pitch <= 0) return static_cast<std::size_t>(-1);
  const float room = space_left() + 1e-3f;  // N lines fit in exactly N pitches
  return room <= 0 ? 0 : static_cast<std::size_t>(std::floor(room / pitch));
}

void PageFlow::new_page() {
  if (out_.pages.size() >= limits::kPages) {
    sink_.report({Severity::Error, "layout.too-many-pages", block_->file, block_->place,
                  "the document needs more than " + std::to_string(limits::kPages) + " pages" +
                      (block_->data.empty() ? "" : " (at " + block_->data + ")"),
                  "at most " + std::to_string(limits::kPages) + " pages", "", {}});
    throw LayoutStopped{};
  }
  if (record_ && !out_.pages.empty()) {
    // A break nobody explained: the flow's cursor reached the page foot.
    if (pending_.reason.empty()) pending_ = {y_, "page full"};
    page().breaks.push_back(std::move(pending_));
    pending_ = {};
  }
  Page p;
  p.width = static_cast<float>(setup_.width);
  p.height = static_cast<float>(setup_.height);
  out_.pages.push_back(std::move(p));
  y_ = top_;
}

void PageFlow::place_line(const TextLine& line, float x, float baseline_y, std::uint32_t tag) {
  for (const auto& run : line.runs) {
    GlyphRun& r = page().runs.emplace_back(run);
    r.x += x;
    r.y = baseline_y;
    r.tag = tag;
  }
}

std::uint32_t PageFlow::add_element(const StructElement& e) {
  out_.structure.push_back(e);
  return static_cast<std::uint32_t>(out_.structure.size() - 1);
}

void PageFlow::record_line(const TextLine& line, float x, float baseline_y, const TextBlock& block,
                           std::size_t run_begin, float box_width, float foot,
                           const doc::Origin& origin) {
  Page& p = page();
  Box b;
  b.kind = Box::Kind::Line;
  // Where the set text lies: aligned lines start to the right of x.
  float left = x + line.width, right = x;
  for (std::size_t i = run_begin; i < p.runs.size(); ++i) {
    const GlyphRun& r = p.runs[i];
    if (r.glyphs.empty()) continue;
    left = std::min(left, r.x + r.glyphs.front().x);
    right = std::max(right, r.x + r.glyphs.back().x + r.glyphs.back().advance);
  }
  b.x = std::min(left, right);
  b.y = baseline_y - block.ascent;
  b.w = right - b.x;
  b.h = block.line_pitch;
  b.baseline = baseline_y;
  b.origin = &origin;
  b.overflow = line.width > box_width + 0.01f || b.y + b.h > foot + 0.01f;
  b.run_begin = static_cast<std::uint32_t>(run_begin);
  b.run_end = static_cast<std::uint32_t>(p.runs.size());
  p.boxes.push_back(b);
}

void PageFlow::break_reason(float y, std::string reason) { pending_ = {y, std::move(reason)}; }

namespace {

// text with every {page} and {pages} replaced, into out (reused page after page).
void substitute(const std::string& text, int page, int pages, std::string& out) {
  out.clear();
  std::size_t i = 0;
  while (i < text.size()) {
    if (text.compare(i, 6, "{page}") == 0) {
      out += std::to_string(page);
      i += 6;
    } else if (text.compare(i, 7, "{pages}") == 0) {
      out += std::to_string(pages);
      i += 7;
    } else {
      out += text[i++];
    }
  }
}

// Lines of a mark. A header's first baseline sits at header_offset and further lines go
// down into the margin; a footer's last baseline sits at footer_offset from the bottom edge
// and earlier lines go up, so both grow away from the page edge.
void draw_marks(const std::vector<doc::PageMark>& marks, bool header, const doc::PageSetup& s,
                TextSetter& text, LayoutResult& pages, DiagnosticSink& sink) {
  const int total = static_cast<int>(pages.pages.size());
  const auto left = static_cast<float>(s.margin_left);
  const auto width = static_cast<float>(s.width - s.margin_left - s.margin_right);
  std::string buffer;
  for (const doc::PageMark& mark : marks) {
    const doc::Align align = mark.align == doc::Align::Justify ? doc::Align::Left : mark.align;
    bool warned = false;
    for (int n = std::max(1, mark.first_page); n <= total; ++n) {
      substitute(mark.text, n, total, buffer);
      // Characters no font has are named once per mark, not once per page.
      DiagnosticSink quiet;
      TextBlock block = text.set(buffer, mark.style, width, align, 1.2f, 0, doc::Origin{},
                                 warned ? quiet : sink);
      warned = true;
      Page& page = pages.pages[static_cast<std::size_t>(n - 1)];
      const float count = static_cast<float>(block.lines.size());
      float baseline = header ? static_cast<float>(s.header_offset)
                              : page.height - static_cast<float>(s.footer_offset) -
                                    (count - 1) * block.line_pitch;
      for (const TextLine& line : block.lines) {
        for (const GlyphRun& run : line.runs) {
          GlyphRun& r = page.runs.emplace_back(run);
          r.x += left;
          r.y = baseline;
        }
        baseline += block.line_pitch;
      }
    }
  }
}

}  // namespace

void add_page_marks(const doc::PageSetup& setup, TextSetter& text, LayoutResult& pages,
                    DiagnosticSink& sink) {
  draw_marks(setup.headers, true, setup, text, pages, sink);
  draw_marks(setup.footers, false, setup, text, pages, sink);
}

}  // namespace jixiao::layout
