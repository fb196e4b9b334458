// Placing a prepared table on pages. Rows go down the page; a row that does not fit is split
// inside its cells' text, between lines (the part that fits stays, the rest continues on the
// next page under the repeated header rows), or moved whole to the next page when a split
// would leave fewer than the table's min_split_lines of its tallest cell on either side.
// Rows kept together (keep_next: keep-with-next/previous, closing rows, short rowspan
// groups) move on as one when they do not fit below the cursor but would on a new page.
// Inside a section headed by repeat rows, a new page repeats those rows under the header.
//
// Each cell is drawn as pieces, one per page its box reaches (CellPiece). A cell's lines fill
// its pieces in order; a piece holding all of them keeps the cell's vertical alignment, the
// pieces of a split cell start at their top. A rowspan label drawn whole on an earlier page is
// drawn again where the span continues, with the continued mark ("（续）"); the last row of
// the span on that page grows to hold it, when the page has the room.
#include <algorithm>
#include <cmath>

#include "layout/bounds.h"
#include "layout/table_paginator.h"

namespace jixiao::layout {

std::uint32_t Paginator::lines_within(int c, float bottom) const {
  const TableCell& tc = g_.cells[c];
  const std::uint32_t rest = remaining(c);
  const float pitch = tc.block.line_pitch;
  if (pitch <= 0) return rest;
  const float room = bottom - state_[c].piece_top - 2 * g_.pad_y + kEps;
  if (room <= 0) return 0;
  return std::min(rest, static_cast<std::uint32_t>(std::floor(room / pitch)));
}


float Paginator::cell_need(int c) const {
  const std::uint32_t rest = remaining(c);
  const TableCell& tc = g_.cells[c];
  const CellState& s = state_[c];
  if (rest == 0) {
    // A label continued here: its rows grow to hold it, if the page has the room.
    if (!s.continued || !s.whole || !tc.labels_again()) return 0;
    const float need = s.piece_top - y_ + 2 * g_.pad_y + label_height(c);
    return need <= flow_.bottom() - y_ + kEps ? need : 0;
  }
  return state_[c].piece_top - y_ + 2 * g_.pad_y + static_cast<float>(rest) * tc.block.line_pitch;
}

// As size_rows in table.cpp, from the cells' current pieces. A row continued from the page
// before owes nothing to its minimum height any more.
float Paginator::row_need(int r, bool continued) const {
  float need = continued ? 0 : static_cast<float>(g_.table->rows[r].min_height);
  for (int k = g_.ending_first[r]; k < g_.ending_first[r + 1]; ++k)
    need = std::max(need, cell_need(g_.ending[k]));
  return need;
}

float Paginator::row_start(int r) const {
  float need = 0;
  for (int c = g_.row_first[r]; c < g_.row_first[r + 1]; ++c) {
    const TableCell& tc = g_.cells[c];
    const std::uint32_t lines = std::min<std::uint32_t>(tc.lines(), g_.min_split);
    need = std::max(need, 2 * g_.pad_y + static_cast<float>(lines) * tc.block.line_pitch);
  }
  return std::min(need, g_.natural[r]);
}


void Paginator::enter_row(int r) {
  for (int c = g_.row_first[r]; c < g_.row_first[r + 1]; ++c) state_[c] = {y_, 0, false, false};
}

void Paginator::activate(int r) {
  for (int c = g_.row_first[r]; c < g_.row_first[r + 1]; ++c) active_.push_back(c);
}



void Paginator::finish_row(int r, float bottom) {
  std::size_t kept = 0;
  for (int c : active_) {
    if (g_.cells[c].last_row == r) add_piece(c, bottom, remaining(c));
    else active_[kept++] = c;
  }
  active_.resize(kept);
}

// Pieces of the open cells that start above before_row, ending at y = at.
void Paginator::cut(float at, int before_row) {
  for (int c : active_)
    if (g_.cells[c].row < before_row) add_piece(c, at, lines_within(c, at));
}

// Where row r splits: the cell needing the most height (its tallest cell) keeps the lines
// that fit, fewer if that would carry less than min_split over, or fewer still so that
// every cell the split cuts keeps min_split lines on each side. Move when the page
// would keep fewer than min_split of it and moving is allowed (something of the table's
// body is on the page, or the table can start on the next page); otherwise the split is
// forced, the rules yielding to progress. A row no split cuts cleanly moves when that leaves
// at most half the page empty. When every cell fits and only the row's minimum
// height does not, the row moves, or (on a page of its own) is cut short at the page foot.
Paginator::Fit Paginator::plan_split(int r, float& split_y, std::string* why) const {
  int tallest = -1;
  float most = 0;
  for (int k = g_.ending_first[r]; k < g_.ending_first[r + 1]; ++k) {
    const int c = g_.ending[k];
    if (cell_need(c) > most) {
      most = cell_need(c);
      tallest = c;
    }
  }
  const float bottom = flow_.bottom();
  const bool may_move = body_on_page_ || may_move_whole_;
  if (tallest < 0 || lines_within(tallest, bottom) >= remaining(tallest)) {
    if (why) *why = "row " + std::to_string(r + 1) + " moved: its minimum height does not fit";
    return may_move ? Fit::Move : Fit::Squeeze;
  }
  // A short row (a quarter of the page at most) is read whole: it moves rather than split,
  // as a short rowspan group stays on one page.
  if (may_move && state_[tallest].next_line == 0 &&
      row_need(r, false) <= kShortGroupShare * (bottom - flow_.top())) {
    if (why) *why = "row " + std::to_string(r + 1) + " moved whole: a short row is not split";
    return Fit::Move;
  }
  const std::uint32_t rest = remaining(tallest), fit = lines_within(tallest, bottom);
  std::uint32_t take = fit;
  const std::uint32_t least = g_.min_split;
  if (rest - take < least) take = rest > least ? rest - least : 0;
  if (take < least) {
    if (why)
      *why = "row " + std::to_string(r + 1) + " moved whole: a split would leave fewer than " +
             "min_split_lines=" + std::to_string(least) + " lines on a side";
    if (may_move) return Fit::Move;
    take = std::max<std::uint32_t>(1, fit);
    if (fit == 0)
      no_room(g_.cells[tallest].cell->origin,
              "table row " + std::to_string(r + 1) +
                  ": not one line of it fits below the header rows on an empty page",
              sink_);
  }
  const TableCell& tc = g_.cells[tallest];
  auto at = [&](std::uint32_t lines) {
    return state_[tallest].piece_top + 2 * g_.pad_y + static_cast<float>(lines) * tc.block.line_pitch;
  };
  // The other cells the split cuts keep min_split lines on each side too, when a split a
  // few lines higher gives them that (a description's last line alone over the page is
  // what Word's widow control avoids); otherwise the tallest cell's rule alone decides.
  bool clean = false;
  for (std::uint32_t t = take; t >= least && t > 0 && !clean; --t)
    if (cuts_cleanly(r, at(t), least)) {
      take = t;
      clean = true;
    }
  // No clean split: the row moves whole if that leaves at most half the page empty.
  if (!clean && may_move && bottom - y_ <= (bottom - flow_.top()) / 2) {
    if (why)
      *why = "row " + std::to_string(r + 1) + " moved whole: a split would leave a cell fewer than " +
             "min_split_lines=" + std::to_string(least) + " lines on a side";
    return Fit::Move;
  }
  split_y = at(take);
  if (why)
    *why = "page full: row " + std::to_string(r + 1) + " split, " + std::to_string(take) + " of " +
           std::to_string(rest) + " lines here";
  return Fit::Split;
}

bool Paginator::cuts_cleanly(int r, float split_y, std::uint32_t least) const {
  for (int k = g_.ending_first[r]; k < g_.ending_first[r + 1]; ++k) {
    const int c = g_.ending[k];
    const std::uint32_t rest = remaining(c), here = lines_within(c, split_y);
    if (here == rest || here == 0) continue;
    if (here < least || rest - here < least) return false;
  }
  return true;
}

void Paginator::place_header() {
  float top = y_;
  for (int r = 0; r < g_.header_end; ++r) {
    for (int c = g_.row_first[r]; c < g_.row_first[r + 1]; ++c) {
      const TableCell& tc = g_.cells[c];
      float bottom = top;
      for (int rr = r; rr <= tc.last_row; ++rr) bottom += g_.natural[rr];
      pieces_.push_back({c, top, bottom, 0, tc.lines(), true});
    }
    top += g_.natural[r];
  }
  y_ = top;
}



void Paginator::next_page() {
  drawer_.draw(pieces_, table_x_, flow_);
  pieces_.clear();
  flow_.new_page();
  y_ = flow_.cursor();
  body_on_page_ = may_move_whole_ = false;
  place_header();
  place_section();
}

void Paginator::run() {
  const doc::Table& t = *g_.table;
  table_x_ = flow_.left();
  if (t.align == doc::Align::Center) table_x_ += (flow_.width() - g_.width) / 2;
  else if (t.align == doc::Align::Right) table_x_ += flow_.width() - g_.width;

  if (!flow_.page_empty()) flow_.advance(static_cast<float>(t.space_before));
  may_move_whole_ = !flow_.page_empty();
  y_ = flow_.cursor();
  drawer_.add_structure(flow_);
  place_header();
  // Short rowspan groups stay on one page; a longer one continues under its label.
  const float fresh = flow_.bottom() - flow_.top() - g_.header_height;
  keep_next_ = g_.keep_next;
  for (const auto& group : g_.short_groups)
    if (group.height <= kShortGroupShare * (flow_.bottom() - flow_.top()))
      for (int rr = group.first; rr < group.last; ++rr) keep_next_[rr] = 1;

  const int nrows = g_.rows();
  int r = g_.header_end;
  bool continued = false;  // row r was split: its rest goes on this page
  while (r < nrows) {
    row_ = r;
    if (!continued) enter_row(r);
    const float need = row_need(r, continued);
    float split_y = 0;
    Fit fit = Fit::Squeeze;
    // A row kept with the next moves on when the rows kept with it cannot follow below it
    // but can on a new page.
    const float kept = !continued && keep_next_[r] ? kept_after(r) : 0;
    const bool keep = kept > 0 && (body_on_page_ || may_move_whole_) &&
                      y_ + need + kept > flow_.bottom() + kEps && need + kept <= fresh + kEps;
    std::string why;
    std::string* reason = flow_.recording() ? &why : nullptr;
    if (keep) {
      fit = Fit::Move;
      if (reason) why = kept_reason(r);
    } else if (y_ + need > flow_.bottom() + kEps) {
      fit = plan_split(r, split_y, reason);
    } else {
      split_y = y_ + need;
    }
    if (fit == Fit::Squeeze) {
      if (!continued) activate(r);
      const float bottom = std::min(y_ + need, std::max(split_y, flow_.bottom()));
      finish_row(r, bottom);
      y_ = bottom;
      body_on_page_ = true;
      ++r;
      continued = false;
    } else if (fit == Fit::Split) {
      if (!continued) activate(r);
      cut(split_y, r + 1);
      y_ = split_y;
      body_on_page_ = true;
      if (reason) flow_.break_reason(y_, std::move(why));
      next_page();
      continued = true;
    } else {
      cut(y_, r);
      if (!body_on_page_) pieces_.clear();  // nothing but the header here: the table moves
      if (reason) flow_.break_reason(body_on_page_ ? y_ : flow_.cursor(), std::move(why));
      next_page();
      continued = false;
    }
  }
  drawer_.draw(pieces_, table_x_, flow_);
  flow_.advance(y_ - flow_.cursor());
  flow_.advance(static_cast<float>(t.space_after));
}

void place_table(const TableGrid& grid, PageFlow& flow, DiagnosticSink& sink) {
  if (grid.cells.empty()) return;
  Paginator(grid, flow, sink).run();
}

}  // namespace jixiao::layout
