// Placing a prepared table on pages. Rows go down the page; a row that does not fit is split
// inside its cells' text, between lines (the part that fits stays, the rest continues on the
// next page under the repeated header rows), or moved whole to the next page when a split
// would leave fewer than kMinSplitLines of its tallest cell on either side.
//
// Each cell is drawn as pieces, one per page its box reaches (CellPiece). A cell's lines fill
// its pieces in order; a piece holding all of them keeps the cell's vertical alignment, the
// pieces of a split cell start at their top. A rowspan label drawn whole on an earlier page is
// drawn again where the span continues, when it fits there.
#include <algorithm>
#include <cmath>

#include "layout/bounds.h"
#include "layout/table.h"

namespace jixiao::layout {

namespace {

constexpr float kEps = 1e-3f;

// Where a cell's current piece starts and the first line not drawn yet.
struct CellState {
  float piece_top = 0;
  std::uint32_t next_line = 0;
  bool whole = false;  // all lines were drawn in one piece: a label to repeat
};

class Paginator {
 public:
  Paginator(const TableGrid& g, PageFlow& flow, DiagnosticSink& sink)
      : g_(g), flow_(flow), sink_(sink), drawer_(g), state_(g.cells.size()) {}

  void run();

 private:
  enum class Fit { Split, Move, Squeeze };

  std::uint32_t remaining(int c) const { return g_.cells[c].lines() - state_[c].next_line; }
  // Lines of cell c, from its next one, that fit in its piece if the piece ends at bottom.
  std::uint32_t lines_within(int c, float bottom) const;
  // Height row r must have from the cursor so that cell c's remaining lines fit.
  float cell_need(int c) const;
  float row_need(int r, bool continued) const;
  // The least of row r that may start a page part: all of it, or its first lines.
  float row_start(int r) const;

  void enter_row(int r);
  void activate(int r);
  void finish_row(int r, float bottom);
  Fit plan_split(int r, float& split_y) const;
  void cut(float at, int before_row);
  void add_piece(int c, float bottom, std::uint32_t take);
  void place_header();
  void next_page();

  const TableGrid& g_;
  PageFlow& flow_;
  DiagnosticSink& sink_;
  TableDrawer drawer_;
  std::vector<CellState> state_;
  std::vector<int> active_;  // body cells with a piece open on this page
  std::vector<CellPiece> pieces_;
  float y_ = 0;
  float table_x_ = 0;
  bool body_on_page_ = false;
  bool may_move_whole_ = false;  // the table shares its first page: it may start on the next
};

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
  if (rest == 0) return 0;
  const TableCell& tc = g_.cells[c];
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
    const std::uint32_t lines = std::min<std::uint32_t>(tc.lines(), kMinSplitLines);
    need = std::max(need, 2 * g_.pad_y + static_cast<float>(lines) * tc.block.line_pitch);
  }
  return std::min(need, g_.natural[r]);
}

void Paginator::enter_row(int r) {
  for (int c = g_.row_first[r]; c < g_.row_first[r + 1]; ++c) state_[c] = {y_, 0, false};
}

void Paginator::activate(int r) {
  for (int c = g_.row_first[r]; c < g_.row_first[r + 1]; ++c) active_.push_back(c);
}

void Paginator::add_piece(int c, float bottom, std::uint32_t take) {
  CellState& s = state_[c];
  const TableCell& tc = g_.cells[c];
  CellPiece p{c, s.piece_top, bottom, s.next_line, s.next_line + take, false};
  if (s.next_line == 0 && take == tc.lines()) {
    p.aligned = s.whole = true;
  } else if (take == 0 && s.whole && tc.last_row > tc.row &&
             tc.block.height() + 2 * g_.pad_y <= bottom - s.piece_top + kEps) {
    p.line_begin = 0;  // the label of a span continued from an earlier page
    p.line_end = tc.lines();
    p.aligned = true;
  }
  s.next_line += take;
  if (bottom - s.piece_top > kEps || p.line_end > p.line_begin) pieces_.push_back(p);
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
// that fit, fewer if that would carry less than kMinSplitLines over. Move when the page
// would keep fewer than kMinSplitLines of it and moving is allowed (something of the table's
// body is on the page, or the table can start on the next page); otherwise the split is
// forced, the rules yielding to progress. When every cell fits and only the row's minimum
// height does not, the row moves, or (on a page of its own) is cut short at the page foot.
Paginator::Fit Paginator::plan_split(int r, float& split_y) const {
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
  if (tallest < 0 || lines_within(tallest, bottom) >= remaining(tallest))
    return may_move ? Fit::Move : Fit::Squeeze;
  const std::uint32_t rest = remaining(tallest), fit = lines_within(tallest, bottom);
  std::uint32_t take = fit;
  if (rest - take < kMinSplitLines) take = rest > kMinSplitLines ? rest - kMinSplitLines : 0;
  if (take < kMinSplitLines) {
    if (may_move) return Fit::Move;
    take = std::max<std::uint32_t>(1, fit);
    if (fit == 0)
      no_room(g_.cells[tallest].cell->origin,
              "table row " + std::to_string(r + 1) +
                  ": not one line of it fits below the header rows on an empty page",
              sink_);
  }
  const TableCell& tc = g_.cells[tallest];
  split_y = state_[tallest].piece_top + 2 * g_.pad_y + static_cast<float>(take) * tc.block.line_pitch;
  return Fit::Split;
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
  for (int c : active_) state_[c].piece_top = y_;
}

void Paginator::run() {
  const doc::Table& t = *g_.table;
  table_x_ = flow_.left();
  if (t.align == doc::Align::Center) table_x_ += (flow_.width() - g_.width) / 2;
  else if (t.align == doc::Align::Right) table_x_ += flow_.width() - g_.width;

  if (!flow_.page_empty()) flow_.advance(static_cast<float>(t.space_before));
  may_move_whole_ = !flow_.page_empty();
  y_ = flow_.cursor();
  place_header();

  const int nrows = g_.rows();
  int r = g_.header_end;
  bool continued = false;  // row r was split: its rest goes on this page
  while (r < nrows) {
    if (!continued) enter_row(r);
    const float need = row_need(r, continued);
    float split_y = 0;
    Fit fit = Fit::Squeeze;
    // A row kept with the next moves on when the next cannot start below it.
    const bool keep = !continued && t.rows[r].keep_with_next && r + 1 < nrows &&
                      (body_on_page_ || may_move_whole_) &&
                      y_ + need + row_start(r + 1) > flow_.bottom() + kEps;
    if (keep) fit = Fit::Move;
    else if (y_ + need > flow_.bottom() + kEps) fit = plan_split(r, split_y);
    else split_y = y_ + need;
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
      next_page();
      continued = true;
    } else {
      cut(y_, r);
      if (!body_on_page_) pieces_.clear();  // nothing but the header here: the table moves
      next_page();
      continued = false;
    }
  }
  drawer_.draw(pieces_, table_x_, flow_);
  flow_.advance(y_ - flow_.cursor());
  flow_.advance(static_cast<float>(t.space_after));
}

}  // namespace

void place_table(const TableGrid& grid, PageFlow& flow, DiagnosticSink& sink) {
  if (grid.cells.empty()) return;
  Paginator(grid, flow, sink).run();
}

}  // namespace jixiao::layout
