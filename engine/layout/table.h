// Tables, internal to the layout stage. A table is prepared first (grid, cell text, natural
// row heights) so that keep-with-next can ask how much room its start needs, then placed:
// rows paginated, split inside their cells' text when they do not fit, header rows repeated.
#pragma once
#include <cstdint>
#include <vector>

#include "layout/pages.h"

namespace jixiao::layout {

struct TableCell {
  const doc::Cell* cell = nullptr;
  int row = 0, last_row = 0;  // rows spanned: row … last_row
  int col = 0, last_col = 0;  // columns spanned: col … last_col
  float x = 0, w = 0;         // relative to the table's left edge
  TextBlock block;
  // A body cell spanning rows, as drawn again on a page its span continues on: its text
  // with the continued mark, set like the cell. A stacked one also set across its column
  // (across, continued_across), for a part of the span too short for one character a line.
  TextBlock across, continued, continued_across;
  std::uint32_t lines() const { return static_cast<std::uint32_t>(block.lines.size()); }
  bool spans() const { return last_row > row; }
  // Drawn again, marked, on a page its rows continue on after it was drawn whole: the label
  // of a span, or a short label of a row split over a page break (三级指标 beside a long 说明).
  bool labels_again() const { return !continued.lines.empty(); }
};

// Body rows headed by a run of repeat rows [head_begin, head_end), up to row last.
struct TableSection {
  int head_begin = 0, head_end = 0, last = 0;
};

// The grid of a table with its cell text set. Cells are in row-major order of their first
// row, so drawing them in index order reads like the source.
struct TableGrid {
  const doc::Table* table = nullptr;
  std::vector<TableCell> cells;
  // Cells starting at row r: cells[row_first[r] … row_first[r + 1]).
  std::vector<int> row_first;
  // Cells whose last row is r: ending[ending_first[r] … ending_first[r + 1]).
  std::vector<int> ending;
  std::vector<int> ending_first;
  std::vector<float> natural;  // row heights when no page break falls in the table
  int header_end = 0;          // rows [0, header_end) are header rows
  float header_height = 0;
  // Row r and row r + 1 go on one page (keep-with-next/previous, closing rows); short
  // rowspan groups are added when placing, against the page height.
  std::vector<std::uint8_t> keep_next;
  struct Group {
    int first = 0, last = 0;
    float height = 0;
  };
  std::vector<Group> short_groups;  // rowspan groups none of whose rows may split
  std::vector<TableSection> sections;
  std::vector<int> section_of;  // per row: its section in sections, or -1
  std::uint32_t min_split = 3;  // the table's min_split_lines
  float width = 0;
  float pad_x = 0, pad_y = 0;

  int rows() const { return static_cast<int>(row_first.size()) - 1; }
};

// Resolves the grid (HTML's table model), sizes the automatic columns and sets every
// cell's text. text_width: the table's width when it gives none.
TableGrid prepare_table(const doc::Table& table, TextSetter& text, float text_width,
                        DiagnosticSink& sink);

// What an automatic column's text needs, padding included, points: its widest word
// (min-content) and its widest paragraph on one line (max-content).
struct ColumnNeed {
  double min = 0, max = 0;
};

// The width of every column (table_widths.cpp): a fixed one as the table gives it; the
// automatic ones share what the fixed ones leave of the table's width as CSS's automatic
// table layout shares it, from needs (one per column), within their bounds.
std::vector<double> distribute_widths(const doc::Table& table, const std::vector<ColumnNeed>& needs,
                                      double text_width);
// The needs of the table's automatic columns, from their cells of one column.
std::vector<ColumnNeed> column_needs(const doc::Table& table, const TableGrid& grid, TextSetter& text);

// Room the table needs before its first body row can start: space before, the header rows
// and the first body row (or the two lines of it a split would leave at a page foot).
float start_height(const TableGrid& grid);

// Places the table at the flow's cursor, continuing on new pages as needed.
void place_table(const TableGrid& grid, PageFlow& flow, DiagnosticSink& sink);

// A cell's box, or the part of it on one page, with the lines of its text drawn there.
struct CellPiece {
  int cell = 0;
  float y0 = 0, y1 = 0;  // page coordinates
  std::uint32_t line_begin = 0, line_end = 0;
  bool aligned = false;  // the cell's valign applies here; otherwise its lines start at the top
  enum class Text : std::uint8_t { Own, Across, Continued, ContinuedAcross } text = Text::Own;
};

// The block a piece draws its lines from.
const TextBlock& piece_block(const TableCell& cell, const CellPiece& piece);

// Draws the pieces of one page: the borders, each stretch of rule once, and the text.
// Keeps its buffers from page to page.
class TableDrawer {
 public:
  explicit TableDrawer(const TableGrid& grid) : grid_(grid) {}
  // Adds the table's structure elements (Table, a TR per row, a TH or TD per cell) to the
  // flow's document; called once, before the first draw.
  void add_structure(PageFlow& flow);
  // A piece showing lines already drawn on an earlier page (repeated header and section
  // rows, continued labels) is tagged as an artifact: the text is in the structure once.
  void draw(std::vector<CellPiece>& pieces, float table_x, PageFlow& flow);

 private:
  struct Segment {
    long key;        // position across the rule, 1/100 pt, for grouping
    float at, a, b;  // position across, and the extent along it
  };
  void add_rules(std::vector<Segment>& segments, bool horizontal, Page& page) const;
  void record_table(const std::vector<CellPiece>& pieces, float table_x, PageFlow& flow) const;

  // The tag of a piece's text: its cell's element, or kArtifact for a repeat.
  std::uint32_t piece_tag(const CellPiece& p);

  const TableGrid& grid_;
  std::vector<Segment> horizontal_, vertical_;
  std::vector<std::uint32_t> cell_tags_;  // per cell, its element
  std::vector<std::uint32_t> drawn_;      // per cell, lines of its own text drawn so far
};

// A rowspan group whose rows cannot split and that is at most this part of the page's
// text height stays on one page (项目资金来源: heading, sources, 合计).
constexpr float kShortGroupShare = 0.25f;

}  // namespace jixiao::layout
