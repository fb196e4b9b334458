#include "template/table_arrange.h"

#include <algorithm>
#include <cstdint>
#include <optional>

namespace jixiao::tmpl {

bool check_geometry(BuiltTable& t, const std::string& table_place,
                    std::vector<std::vector<int>>& columns, Reporter& report) {
  auto& rows = t.table.rows;
  const int ncols = static_cast<int>(t.table.column_widths.size());
  std::string expected = std::to_string(ncols) + " columns (one per entry of widths=)";
  // For each column, how many more rows a rowspan from above still covers, and by whom.
  struct Carry {
    int rows = 0;
    std::size_t row = 0, cell = 0;
  };
  std::vector<Carry> carry(ncols);
  bool ok = true;
  columns.assign(rows.size(), {});
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::vector<bool> taken(ncols);
    // 64 bits: a <for> may put any number of cells in a row, each spanning up to kTableSpan.
    std::int64_t covered = 0;
    for (int c = 0; c < ncols; ++c)
      if (carry[c].rows > 0) {
        taken[c] = true;
        ++covered;
      }
    std::int64_t col = 0;
    for (std::size_t i = 0; i < rows[r].cells.size(); ++i) {
      const doc::Cell& cell = rows[r].cells[i];
      while (col < ncols && taken[col]) ++col;
      columns[r].push_back(static_cast<int>(std::min<std::int64_t>(col, ncols)));
      for (auto c = static_cast<int>(std::min<std::int64_t>(col, ncols)); c < col + cell.colspan && c < ncols; ++c) {
        if (taken[c]) {
          ok = false;
          report.error("template.geometry", cell.origin.place,
                       "cell in column " + std::to_string(col + 1) + " of row " +
                           std::to_string(r + 1) + " overlaps a cell spanning down from a row "
                           "above",
                       "a colspan that ends before column " + std::to_string(c + 1),
                       "colspan " + std::to_string(cell.colspan));
          break;
        }
        taken[c] = true;
        carry[c] = {cell.rowspan, r, i};
      }
      covered += cell.colspan;
      col += cell.colspan;
    }
    for (int c = 0; c < ncols; ++c)
      if (carry[c].rows > 0) --carry[c].rows;
    if (covered != ncols) {
      ok = false;
      report.error("template.geometry", t.row_places[r],
                   "row " + std::to_string(r + 1) + " of the table at " + table_place +
                       " covers " + std::to_string(covered) + (covered == 1 ? " column" : " columns"),
                   expected, std::to_string(covered));
    }
  }
  // Rowspans still open after the last row.
  for (int c = 0; c < ncols; ++c) {
    if (carry[c].rows <= 0) continue;
    doc::Cell& cell = rows[carry[c].row].cells[carry[c].cell];
    int fits = static_cast<int>(rows.size() - carry[c].row);
    if (cell.rowspan <= fits) continue;  // already shortened via another column
    ok = false;
    report.error("template.geometry", cell.origin.place,
                 "rowspan " + std::to_string(cell.rowspan) + " reaches past the last row of the "
                 "table at " + table_place,
                 "a rowspan of at most " + std::to_string(fits), std::to_string(cell.rowspan));
    cell.rowspan = fits;
  }
  return ok;
}

void merge_down(BuiltTable& t, const std::vector<std::vector<int>>& columns) {
  auto& rows = t.table.rows;
  struct Top {
    std::size_t row = 0, cell = 0;
  };
  // Per column: the kept merge="down" cell starting there whose bottom edge is nearest.
  std::vector<std::optional<Top>> above(t.table.column_widths.size());
  std::vector<std::vector<bool>> absorbed(rows.size());
  for (std::size_t r = 0; r < rows.size(); ++r) {
    absorbed[r].assign(rows[r].cells.size(), false);
    bool left_seen = false, left_merged = false;
    for (std::size_t i = 0; i < rows[r].cells.size(); ++i) {
      if (!t.merge_down[r][i]) continue;
      doc::Cell& cell = rows[r].cells[i];
      auto col = static_cast<std::size_t>(columns[r][i]);
      if (col >= above.size()) continue;
      bool merged = false;
      if ((!left_seen || left_merged) && above[col]) {
        doc::Cell& top = rows[above[col]->row].cells[above[col]->cell];
        if (above[col]->row + static_cast<std::size_t>(top.rowspan) == r &&
            top.colspan == cell.colspan && top.text == cell.text) {
          top.rowspan += cell.rowspan;
          absorbed[r][i] = true;
          merged = true;
        }
      }
      if (!merged) above[col] = Top{r, i};
      left_seen = true;
      left_merged = merged;
    }
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    std::vector<doc::Cell> kept;
    for (std::size_t i = 0; i < rows[r].cells.size(); ++i)
      if (!absorbed[r][i]) kept.push_back(std::move(rows[r].cells[i]));
    rows[r].cells = std::move(kept);
  }
}

}  // namespace jixiao::tmpl
