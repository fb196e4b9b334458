// The last step of a table's instantiation: checking its geometry and merging
// merge="down" cells, once all rows exist.
#pragma once
#include <string>
#include <vector>

#include "doc/document.h"
#include "template/reporter.h"

namespace jixiao::tmpl {

struct BuiltTable {
  doc::Table table;
  std::vector<std::vector<bool>> merge_down;  // per row, per listed cell
  std::vector<std::string> row_places;        // per row: line:col of its <tr>
};

// Column of every listed cell, as HTML places them: left to right, skipping columns
// covered by rowspans from rows above. Reports rows that do not cover exactly
// table.column_widths.size() columns and rowspans reaching past the last row (which are
// then shortened). Returns false when the geometry is wrong.
bool check_geometry(BuiltTable& t, const std::string& table_place,
                    std::vector<std::vector<int>>& columns, Reporter& report);

// merge="down": a cell takes in the cell below it when that one starts in the same column
// with the same colspan, is merge="down" too and has the same text — provided the nearest
// merge="down" cell to its left in that row was taken in as well (so a level-2 heading
// never merges across two different level-1 headings). Absorbed cells are removed from
// their rows and the top cell's rowspan grows.
void merge_down(BuiltTable& t, const std::vector<std::vector<int>>& columns);

}  // namespace jixiao::tmpl
