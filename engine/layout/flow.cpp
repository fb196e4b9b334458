// The flow: blocks down the pages. Paragraphs split between lines under the widow and orphan
// rules; a heading (or any keep-with-next paragraph) moves to the next page when what follows
// cannot start below it; tables are table.cpp / table_pages.cpp. Running headers and footers
// come last, when the page count is known.
#include <algorithm>
#include <deque>
#include <stdexcept>
#include <variant>

#include "layout/bounds.h"
#include "layout/pages.h"
#include "layout/shape_cache.h"
#include "layout/table.h"

namespace jixiao::layout {

namespace {

const doc::Origin& origin(const doc::Block& b) {
  static const doc::Origin none;
  if (const auto* p = std::get_if<doc::Paragraph>(&b)) return p->origin;
  if (const auto* t = std::get_if<doc::Table>(&b)) return t->origin;
  return none;
}

// "57" of "57:5": the template line, for break notes.
std::string template_line(const doc::Origin& o) { return o.place.substr(0, o.place.find(':')); }

bool keeps_with_next(const doc::Block& b) {
  const auto* p = std::get_if<doc::Paragraph>(&b);
  return p && (p->heading_level > 0 || p->keep_with_next);
}

// A block with its text set: the flow looks ahead over a keep-with-next chain, and what it
// measured there it places without setting the text again.
using Prepared = std::variant<std::monostate, TextBlock, TableGrid>;

// A paragraph's structure role: a title opening a project's or department's outline entry is
// H1, a heading of level n is H(n+1) (H6 at most), the rest P.
StructElement::Role role(const doc::Paragraph& p) {
  using Role = StructElement::Role;
  if (p.heading_level > 0) return static_cast<Role>(std::min(p.heading_level, 5));
  if (!p.outline.empty() && p.outline_level == 0) return Role::H1;
  return Role::P;
}

std::uint32_t at_least_one(int n) { return static_cast<std::uint32_t>(std::max(1, n)); }

// Fewest lines of a paragraph that may stand at a page foot: orphans, or all of them when it
// is too short to split under both rules.
std::uint32_t first_lines(const doc::Paragraph& p, const TextBlock& b) {
  const auto n = static_cast<std::uint32_t>(b.lines.size());
  const std::uint32_t orphans = at_least_one(p.orphans), widows = at_least_one(p.widows);
  return n < orphans + widows ? n : orphans;
}

class Flow {
 public:
  Flow(const doc::Document& d, const FontLibrary& fonts, DiagnosticSink& sink, LayoutResult& out,
       const LayoutOptions& options)
      : doc_(d), sink_(sink), out_(out), flow_(d.page, out, sink, options.boxes || options.overlay),
        text_(fonts, options.shapes), overlay_(options.overlay) {}

  void run() {
    const auto& blocks = doc_.blocks;
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      Prepared& p = prepared(i);
      flow_.set_block(origin(blocks[i]));
      if (keeps_with_next(blocks[i])) keep_with_following(i);
      if (const auto* para = std::get_if<doc::Paragraph>(&blocks[i])) {
        place_paragraph(*para, std::get<TextBlock>(p));
      } else if (std::holds_alternative<doc::Table>(blocks[i])) {
        place_table(std::get<TableGrid>(p), flow_, sink_);
      } else if (!flow_.page_empty()) {
        if (flow_.recording()) flow_.break_reason(flow_.cursor(), "<page-break> in the template");
        flow_.new_page();  // PageBreak
      }
      ahead_.pop_front();
      ++first_;
    }
    add_page_marks(doc_.page, text_, out_, sink_);
    if (overlay_) draw_overlay(out_, text_);
  }

 private:
  // The prepared block i (i ≥ first_), preparing the blocks up to it.
  Prepared& prepared(std::size_t i) {
    while (first_ + ahead_.size() <= i) {
      const doc::Block& b = doc_.blocks[first_ + ahead_.size()];
      Prepared& p = ahead_.emplace_back();
      if (const auto* para = std::get_if<doc::Paragraph>(&b)) {
        p = text_.set(para->text, para->style, flow_.width(), para->align,
                      static_cast<float>(para->line_height),
                      static_cast<float>(para->first_line_indent), para->origin, sink_);
      } else if (const auto* t = std::get_if<doc::Table>(&b)) {
        if (!t->rows.empty() && !t->column_widths.empty()) p = prepare_table(*t, text_, flow_.width(), sink_);
        else p = TableGrid{};
      }
    }
    return ahead_[i - first_];
  }

  float paragraph_height(std::size_t i, std::uint32_t lines) {
    const auto& para = std::get<doc::Paragraph>(doc_.blocks[i]);
    const auto& b = std::get<TextBlock>(prepared(i));
    return static_cast<float>(para.space_before) + static_cast<float>(lines) * b.line_pitch;
  }

  // Room block i needs before anything after it may follow on the same page.
  float start_of(std::size_t i) {
    const doc::Block& b = doc_.blocks[i];
    if (const auto* para = std::get_if<doc::Paragraph>(&b))
      return paragraph_height(i, first_lines(*para, std::get<TextBlock>(prepared(i))));
    if (std::holds_alternative<doc::Table>(b)) {
      const TableGrid& g = std::get<TableGrid>(prepared(i));
      return g.cells.empty() ? 0 : start_height(g);
    }
    return 0;  // a page break asks for nothing
  }

  // Block i keeps with the next: the chain of keep-with-next paragraphs from i and the start
  // of the block after them go on one page. When they do not fit below the cursor, the chain
  // moves to a new page, unless it would not fit on a page of its own either.
  void keep_with_following(std::size_t i) {
    if (flow_.page_empty()) return;
    const auto& blocks = doc_.blocks;
    // Each chain is measured once: every heading in it asks for the rest of the same chain,
    // and measuring per heading would be quadratic in a long chain.
    if (i >= chain_end_) {
      chain_begin_ = i;
      chain_top_.assign(1, 0.0);
      std::size_t j = i;
      for (; j < blocks.size() && keeps_with_next(blocks[j]); ++j) {
        const auto& para = std::get<doc::Paragraph>(blocks[j]);
        const auto& b = std::get<TextBlock>(prepared(j));
        chain_top_.push_back(chain_top_.back() + paragraph_height(j, static_cast<std::uint32_t>(b.lines.size())) +
                             para.space_after);
      }
      chain_end_ = j;
      chain_next_ = j < blocks.size() ? start_of(j) : 0;
    }
    const auto chain = static_cast<float>(chain_top_.back() - chain_top_[i - chain_begin_]);
    const float need = chain + chain_next_;
    const float own_page = need - static_cast<float>(std::get<doc::Paragraph>(blocks[i]).space_before);
    if (need > flow_.space_left() + 1e-3f && own_page <= flow_.bottom() - flow_.top() + 1e-3f) {
      if (flow_.recording()) {
        const auto& p = std::get<doc::Paragraph>(blocks[i]);
        flow_.break_reason(flow_.cursor(), (p.heading_level > 0 ? "heading at line " : "paragraph at line ") +
                                               template_line(p.origin) + " kept with what follows");
      }
      flow_.new_page();
    }
  }

  // Lines go down the page; at a page foot the paragraph leaves at least `orphans` lines
  // (else it starts on the next page) and carries at least `widows` (else more go with
  // them). On a page of its own the rules yield: a page takes at least one line.
  void place_paragraph(const doc::Paragraph& p, const TextBlock& b) {
    if (!flow_.page_empty()) flow_.advance(static_cast<float>(p.space_before));
    const std::size_t n = b.lines.size();
    const std::size_t orphans = at_least_one(p.orphans), widows = at_least_one(p.widows);
    const std::uint32_t tag = n == 0 ? kArtifact : flow_.add_element({role(p), -1, 1, 1});
    std::size_t i = 0;
    while (i < n) {
      const std::size_t fit = flow_.lines_left(b.line_pitch), rest = n - i;
      std::size_t take = rest;
      const char* why = nullptr;  // what shortened this page's part, for the overlay
      if (fit < rest) {
        take = fit;
        if (rest - take < widows) {
          take = rest > widows ? rest - widows : 0;
          why = "widows";
        }
        if (i == 0 && take < orphans) {
          take = 0;
          why = "orphans";
        }
        if (take == 0) {
          if (!flow_.page_empty()) {
            if (flow_.recording()) break_note(p, why, fit);
            flow_.new_page();
            continue;
          }
          take = std::max<std::size_t>(1, fit);
        }
      }
      const float top = flow_.cursor();
      if (i == 0 && !p.outline.empty())
        out_.outline.push_back({p.outline, p.outline_level, out_.pages.size() - 1, top});
      for (std::size_t k = i; k < i + take; ++k) {
        const std::size_t run_begin = flow_.page().runs.size();
        flow_.place_line(b.lines[k], flow_.left(), flow_.cursor() + b.ascent, tag);
        if (flow_.recording())
          flow_.record_line(b.lines[k], flow_.left(), flow_.cursor() + b.ascent, b, run_begin,
                            flow_.width(), flow_.bottom(), p.origin);
        flow_.advance(b.line_pitch);
      }
      if (flow_.recording()) record_paragraph(p, top);
      i += take;
      if (i < n) {
        if (flow_.recording()) break_note(p, why, fit);
        flow_.new_page();
      }
    }
    flow_.advance(static_cast<float>(p.space_after));
  }

  // The box of the part of paragraph p placed on this page from top down to the cursor.
  void record_paragraph(const doc::Paragraph& p, float top) {
    Box box;
    box.kind = Box::Kind::Paragraph;
    box.x = flow_.left();
    box.y = top;
    box.w = flow_.width();
    box.h = flow_.cursor() - top;
    box.origin = &p.origin;
    box.text = &p.text;
    const auto& boxes = flow_.page().boxes;  // this part's lines were recorded last
    for (auto it = boxes.rbegin(); it != boxes.rend() && it->origin == &p.origin; ++it)
      box.overflow = box.overflow || it->overflow;
    flow_.record_box(box);
  }

  // Why a paragraph breaks here: the rule that moved lines on (why), or a full page.
  void break_note(const doc::Paragraph& p, const char* why, std::size_t fit) {
    std::string reason = "paragraph at line " + template_line(p.origin);
    if (why && std::string_view(why) == "orphans")
      reason += ": orphans=" + std::to_string(p.orphans) + ", only " + std::to_string(fit) +
                " line(s) fit here";
    else if (why)
      reason += ": widows=" + std::to_string(p.widows) + ", lines carried to the next page";
    else
      reason += " split: page full";
    flow_.break_reason(flow_.cursor(), std::move(reason));
  }

  const doc::Document& doc_;
  DiagnosticSink& sink_;
  LayoutResult& out_;
  PageFlow flow_;
  TextSetter text_;
  std::deque<Prepared> ahead_;  // prepared blocks first_, first_ + 1, …
  // The keep-with-next chain last measured: blocks [chain_begin_, chain_end_), the height
  // down to the top of each (chain_top_), and the start of the block after it.
  std::size_t chain_begin_ = 0, chain_end_ = 0;
  std::vector<double> chain_top_;
  float chain_next_ = 0;
  std::size_t first_ = 0;
  bool overlay_ = false;
};

}  // namespace

LayoutResult lay_out(const doc::Document& document, const FontLibrary& fonts,
                     DiagnosticSink& sink, const LayoutOptions& options) {
  if (options.shapes && !options.shapes->serves(fonts))
    throw std::invalid_argument("lay_out: a shape cache made for another font library");
  LayoutResult result;
  if (!check_bounds(document, sink)) return result;
  try {
    Flow(document, fonts, sink, result, options).run();
  } catch (const LayoutStopped&) {
    result.pages.clear();
    result.outline.clear();
  }
  return result;
}

}  // namespace jixiao::layout
