// The paginator of a table, internal to table_pages.cpp (rows down the pages, splits, moves)
// and table_continued.cpp (what continues on a new page: labels, sections, kept rows).
#pragma once
#include <initializer_list>

#include "layout/table.h"

namespace jixiao::layout {

constexpr float kEps = 1e-3f;

// Where a cell's current piece starts and the first line not drawn yet.
struct CellState {
  float piece_top = 0;
  std::uint32_t next_line = 0;
  bool whole = false;  // all lines were drawn in one piece: a label to repeat
  bool continued = false;  // the piece is on a page after the cell's first
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
  // Height the rows kept with row r need below it on the same page.
  float kept_after(int r) const;
  // Height a continued label takes: with the mark, stacked or across its column.
  float label_height(int c) const;

  void enter_row(int r);
  void activate(int r);
  void finish_row(int r, float bottom);
  // why (when recording): the reason for the page break, for the overlay.
  Fit plan_split(int r, float& split_y, std::string* why = nullptr) const;
  // Whether a split of row r at split_y leaves each of its cells whole on one side or with
  // at least least lines on each.
  bool cuts_cleanly(int r, float split_y, std::uint32_t least) const;
  // Why row r keeps with the next ("row 14 kept with next (closing_rows=2)").
  std::string kept_reason(int r) const;
  void cut(float at, int before_row);
  void add_piece(int c, float bottom, std::uint32_t take);
  bool whole_label(CellPiece& p, std::initializer_list<CellPiece::Text> kinds) const;
  void place_header();
  bool section_fits(const TableSection& sec) const;
  void place_section();
  void next_page();

  const TableGrid& g_;
  PageFlow& flow_;
  DiagnosticSink& sink_;
  TableDrawer drawer_;
  std::vector<CellState> state_;
  std::vector<std::uint8_t> keep_next_;
  int row_ = 0;  // the row being placed
  std::vector<int> active_;  // body cells with a piece open on this page
  std::vector<CellPiece> pieces_;
  float y_ = 0;
  float table_x_ = 0;
  bool body_on_page_ = false;
  bool may_move_whole_ = false;  // the table shares its first page: it may start on the next
};

}  // namespace jixiao::layout
