// What a table carries onto a new page: the heading rows of a section, the labels of spans
// drawn again with their continued mark, and the rows kept together that move on as one.
#include <algorithm>

#include "layout/table_paginator.h"

namespace jixiao::layout {

float Paginator::label_height(int c) const {
  const TableCell& tc = g_.cells[c];
  float h = tc.continued.height();
  if (!tc.continued_across.lines.empty()) h = std::min(h, tc.continued_across.height());
  return h;
}

float Paginator::kept_after(int r) const {
  // Past a page (or kMaxKept rows: rows may be 0 pt tall) the rows cannot go on one page
  // anyway: the sum stops there, so a long chain is not summed again at each of its rows.
  constexpr int kMaxKept = 1000;
  const float page = flow_.bottom() - flow_.top();
  float h = 0;
  const int n = g_.rows();
  for (int k = r; k + 1 < n && keep_next_[k];) {
    ++k;
    h += k + 1 < n && keep_next_[k] ? g_.natural[k] : row_start(k);
    if (h > page || k - r > kMaxKept) return std::max(h, page + 1);
  }
  return h;
}

std::string Paginator::kept_reason(int r) const {
  const doc::Table& t = *g_.table;
  const int n = g_.rows();
  std::string rule;
  if (t.rows[r].keep_with_next) rule = "keep-with-next";
  else if (r + 1 < n && t.rows[r + 1].keep_with_previous) rule = "row " + std::to_string(r + 2) + " keep-with-previous";
  else if (t.rows[r].repeat) rule = "heading row of its section";
  else if (r >= n - std::max(0, t.closing_rows)) rule = "closing_rows=" + std::to_string(t.closing_rows);
  else rule = "rowspan group kept on one page";
  return "row " + std::to_string(r + 1) + " kept with next (" + rule + ")";
}

// The first text of kinds that fits the piece, drawn whole and aligned; false if none does.
bool Paginator::whole_label(CellPiece& p, std::initializer_list<CellPiece::Text> kinds) const {
  const TableCell& tc = g_.cells[p.cell];
  const float room = p.y1 - p.y0 - 2 * g_.pad_y + kEps;
  for (CellPiece::Text t : kinds) {
    p.text = t;
    const TextBlock& b = piece_block(tc, p);
    if (b.lines.empty() || b.height() > room) continue;
    p.line_begin = 0;
    p.line_end = static_cast<std::uint32_t>(b.lines.size());
    p.aligned = true;
    return true;
  }
  p.text = CellPiece::Text::Own;
  return false;
}

void Paginator::add_piece(int c, float bottom, std::uint32_t take) {
  CellState& s = state_[c];
  const TableCell& tc = g_.cells[c];
  CellPiece p{c, s.piece_top, bottom, s.next_line, s.next_line + take, false};
  using Text = CellPiece::Text;
  if (s.next_line == 0 && take == tc.lines()) {
    p.aligned = s.whole = true;
  } else if (s.next_line == 0 && tc.spans() && whole_label(p, {Text::Across})) {
    // A stacked label cut by the page foot: set across its column, whole, instead.
    take = tc.lines();
    s.whole = true;
  } else if (take == 0 && s.whole && tc.labels_again()) {
    // A label continued from an earlier page (a span's, or a split row's): with its mark,
    // stacked or across the column, or as first drawn, whichever fits first.
    whole_label(p, {Text::Continued, Text::ContinuedAcross, Text::Own});
  }
  s.next_line += take;
  if (bottom - s.piece_top > kEps || p.line_end > p.line_begin) pieces_.push_back(p);
}

// A section's heading rows repeat when they take at most half of what the header rows
// leave of a page: otherwise they would crowd out the rows they head.
bool Paginator::section_fits(const TableSection& sec) const {
  float h = 0;
  for (int r = sec.head_begin; r < sec.head_end; ++r) h += g_.natural[r];
  return h <= (flow_.bottom() - flow_.top() - g_.header_height) / 2;
}

// The repeat rows heading the section row_ lies in, past its head: their cells as on the
// section's first page, except those spanning on into the section (its label), which are
// open pieces starting at the head's top.
void Paginator::place_section() {
  const int s = row_ < g_.rows() ? g_.section_of[row_] : -1;
  const float head_top = y_;
  int head_end = -1;
  if (s >= 0 && row_ >= g_.sections[s].head_end && section_fits(g_.sections[s])) {
    const TableSection& sec = g_.sections[s];
    head_end = sec.head_end;
    for (int r = sec.head_begin; r < sec.head_end; ++r) {
      for (int c = g_.row_first[r]; c < g_.row_first[r + 1]; ++c) {
        const TableCell& tc = g_.cells[c];
        if (tc.last_row >= sec.head_end) continue;
        float bottom = y_;
        for (int rr = r; rr <= tc.last_row; ++rr) bottom += g_.natural[rr];
        pieces_.push_back({c, y_, bottom, 0, tc.lines(), true});
      }
      y_ += g_.natural[r];
    }
  }
  for (int c : active_) {
    state_[c].piece_top = g_.cells[c].row < head_end ? head_top : y_;
    state_[c].continued = true;
  }
}

}  // namespace jixiao::layout
