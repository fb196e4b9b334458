// Preparing a table: colspan/rowspan resolved like HTML, column widths (automatic ones from
// their text: table_widths.cpp), text set inside each cell, natural row heights. Placing it on pages is table_pages.cpp.
#include <algorithm>

#include "diag/utf8.h"
#include "layout/linebreak.h"
#include "layout/table.h"

namespace jixiao::layout {

namespace {

void geometry_warning(DiagnosticSink& sink, const doc::Cell& cell, const std::string& what) {
  sink.warning("layout.table-geometry", cell.origin.file, cell.origin.place, what);
}

// Stacked text: one character a line, so white space (and hard breaks) would only add
// empty lines.
void strip_space(const std::string& in, std::string& out) {
  out.clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    const char c = in[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
    if (in.compare(i, 3, "\u3000") == 0) {  // ideographic space
      i += 2;
      continue;
    }
    out += c;
  }
}

// HTML's table model: a cell takes the first column not covered by a rowspan above. A header
// cell may not span into the body (the header repeats without it): its rowspan is cut.
void resolve_grid(const doc::Table& t, int header_end, TableGrid& g, DiagnosticSink& sink) {
  const int ncols = static_cast<int>(t.column_widths.size());
  const int nrows = static_cast<int>(t.rows.size());
  std::vector<std::uint8_t> taken(static_cast<std::size_t>(nrows) * ncols, 0);
  g.row_first.assign(nrows + 1, 0);
  for (int r = 0; r < nrows; ++r) {
    g.row_first[r] = static_cast<int>(g.cells.size());
    int c = 0;
    for (const auto& cell : t.rows[r].cells) {
      while (c < ncols && taken[r * ncols + c]) ++c;
      if (c >= ncols) {
        geometry_warning(sink, cell, "a cell lies beyond the last column");
        break;
      }
      const int span_end = r < header_end ? header_end : nrows;
      const int colspan = std::clamp(cell.colspan, 1, ncols - c);
      const int rowspan = std::clamp(cell.rowspan, 1, span_end - r);
      if (colspan != cell.colspan || rowspan != cell.rowspan)
        geometry_warning(sink, cell, r < header_end && cell.rowspan > rowspan
                                         ? "a header cell spans into the body rows"
                                         : "a cell spans beyond the table");
      for (int rr = r; rr < r + rowspan; ++rr)
        for (int cc = c; cc < c + colspan; ++cc) taken[rr * ncols + cc] = 1;
      TableCell& tc = g.cells.emplace_back();
      tc.cell = &cell;
      tc.row = r;
      tc.last_row = r + rowspan - 1;
      tc.col = c;
      tc.last_col = c + colspan - 1;
      c += colspan;
    }
  }
  g.row_first[nrows] = static_cast<int>(g.cells.size());
}

void place_columns(const std::vector<double>& widths, TableGrid& g) {
  std::vector<float> col_x(widths.size() + 1, 0);
  for (std::size_t c = 0; c < widths.size(); ++c) col_x[c + 1] = col_x[c] + static_cast<float>(widths[c]);
  g.width = col_x.back();
  for (TableCell& tc : g.cells) {
    tc.x = col_x[tc.col];
    tc.w = col_x[tc.last_col + 1] - col_x[tc.col];
  }
}

// The mark in the label's own bracket style: a label written with half-width brackets
// (部门决策 over (20分)) gets (续), not （续）, so one label does not mix the two.
std::string mark_like_label(std::string mark, const std::string& label) {
  const std::string wide_open = "（", wide_close = "）";
  const bool half = label.find('(') != std::string::npos && label.find(wide_open) == std::string::npos;
  if (!half || !mark.starts_with(wide_open) || !mark.ends_with(wide_close)) return mark;
  return "(" + mark.substr(wide_open.size(), mark.size() - wide_open.size() - wide_close.size()) + ")";
}

// The text of a label drawn again where its span continues: the mark at the end of the
// first line (部门决策(续) over its (20分)).
std::string continued_text(const doc::Table& t, const doc::Cell& c) {
  const std::string mark = mark_like_label(c.continued_mark ? *c.continued_mark : t.continued_mark, c.text);
  std::string out = c.text;
  out.insert(std::min(out.find('\n'), out.size()), mark);
  return out;
}

// A cell of one row shown again where its row continues over a page break: a short text
// with an ideograph (a 三级指标 name), when the table marks continued labels. Numbers (分值,
// 分数) are not repeated: a reader adding up a column would count them twice.
bool row_label(const doc::Table& t, const doc::Cell& c) {
  const std::string& mark = c.continued_mark ? *c.continued_mark : t.continued_mark;
  if (mark.empty() || c.stacked) return false;
  std::size_t chars = 0;
  bool ideograph = false;
  char32_t cp = 0;
  for (std::size_t i = 0; i < c.text.size();) {
    if (!next_code_point(c.text, i, cp)) continue;
    ++chars;
    ideograph = ideograph || breakchar::is_ideograph(cp);
  }
  return ideograph && chars <= kWordChars;
}

void set_cells(const doc::Table& t, TableGrid& g, TextSetter& text, DiagnosticSink& sink) {
  std::string stacked;
  const auto line_height = static_cast<float>(t.line_height);
  DiagnosticSink quiet;  // a continued label's characters were named with the cell's text
  for (auto& tc : g.cells) {
    const doc::Cell& c = *tc.cell;
    const float inner = std::max(1.0f, tc.w - 2 * g.pad_x);
    auto set = [&](const std::string& s, bool stack, DiagnosticSink& to) {
      if (!stack)
        return text.set(s, c.style, inner, c.align, line_height,
                        static_cast<float>(c.first_line_indent), c.origin, to);
      // A width of 0 leaves one character (cluster) a line; the drawer centres each line.
      strip_space(s, stacked);
      return text.set(stacked, c.style, 0, doc::Align::Left, line_height, 0, c.origin, to);
    };
    tc.block = set(c.text, c.stacked, sink);
    if (tc.row < g.header_end || !(tc.spans() || row_label(t, c))) continue;
    const std::string again = continued_text(t, c);
    tc.continued = set(again, c.stacked, quiet);
    if (c.stacked) {
      auto across = [&](const std::string& s) {
        strip_space(s, stacked);
        return text.set(stacked, c.style, inner, doc::Align::Center, line_height, 0, c.origin, quiet);
      };
      tc.across = across(c.text);
      tc.continued_across = across(again);
    }
  }
}

// Cells ending at each row, grouped by row (a counting sort: cells are few per row).
void index_endings(TableGrid& g) {
  const int nrows = g.rows();
  g.ending_first.assign(nrows + 1, 0);
  for (const auto& tc : g.cells) ++g.ending_first[tc.last_row + 1];
  for (int r = 0; r < nrows; ++r) g.ending_first[r + 1] += g.ending_first[r];
  g.ending.assign(g.cells.size(), 0);
  std::vector<int> fill(g.ending_first.begin(), g.ending_first.end() - 1);
  for (int i = 0; i < static_cast<int>(g.cells.size()); ++i) g.ending[fill[g.cells[i].last_row]++] = i;
}

// Row heights, top down: a row is as tall as its minimum, and as the cells ending in it
// need beyond what the earlier rows of their span give (so a rowspan cell taller than its
// rows lengthens the last of them). table_pages.cpp sizes rows on a page the same way.
void size_rows(const doc::Table& t, TableGrid& g) {
  const int nrows = g.rows();
  g.natural.assign(nrows, 0);
  std::vector<float> top(nrows + 1, 0);
  for (int r = 0; r < nrows; ++r) {
    float h = static_cast<float>(t.rows[r].min_height);
    for (int k = g.ending_first[r]; k < g.ending_first[r + 1]; ++k) {
      const TableCell& tc = g.cells[g.ending[k]];
      const float above = top[r] - top[tc.row];
      h = std::max(h, tc.block.height() + 2 * g.pad_y - above);
    }
    g.natural[r] = h;
    top[r + 1] = top[r] + h;
  }
  g.header_height = top[g.header_end];
}

// Whether row r may split: one of its own cells has lines enough for both sides.
bool splittable(const TableGrid& g, int r) {
  for (int c = g.row_first[r]; c < g.row_first[r + 1]; ++c)
    if (!g.cells[c].spans() && g.cells[c].lines() >= 2 * g.min_split) return true;
  return false;
}

// Which rows keep with the next, the sections headed by repeat rows, the short groups.
void plan_rows(const doc::Table& t, TableGrid& g) {
  const int nrows = g.rows();
  g.keep_next.assign(nrows, 0);
  g.section_of.assign(nrows, -1);
  const int closing_from = nrows - std::max(0, t.closing_rows);
  for (int r = g.header_end; r + 1 < nrows; ++r)
    g.keep_next[r] = t.rows[r].keep_with_next || t.rows[r + 1].keep_with_previous ||
                     t.rows[r].repeat || r >= closing_from;
  for (int r = g.header_end; r < nrows; ++r) {
    if (!t.rows[r].repeat || (r > g.header_end && t.rows[r - 1].repeat)) continue;
    TableSection s{r, r, r};
    while (s.head_end < nrows && t.rows[s.head_end].repeat) ++s.head_end;
    for (int c = g.row_first[r]; c < g.row_first[s.head_end]; ++c)
      s.last = std::max(s.last, g.cells[c].last_row);
    s.last = std::max(s.last, s.head_end - 1);
    for (int rr = r; rr <= s.last; ++rr) g.section_of[rr] = static_cast<int>(g.sections.size());
    g.sections.push_back(s);
  }
  for (const TableCell& tc : g.cells) {
    if (tc.row < g.header_end || !tc.spans()) continue;
    TableGrid::Group group{tc.row, tc.last_row, 0};
    bool short_rows = true;
    for (int rr = tc.row; rr <= tc.last_row && short_rows; ++rr) {
      short_rows = !splittable(g, rr);
      group.height += g.natural[rr];
    }
    if (short_rows) g.short_groups.push_back(group);
  }
}

}  // namespace

TableGrid prepare_table(const doc::Table& t, TextSetter& text, float text_width, DiagnosticSink& sink) {
  TableGrid g;
  g.table = &t;
  g.pad_x = static_cast<float>(t.padding_x);
  g.pad_y = static_cast<float>(t.padding_y);
  g.min_split = static_cast<std::uint32_t>(std::clamp(t.min_split_lines, 1, 100));
  const int nrows = static_cast<int>(t.rows.size());
  while (g.header_end < nrows && t.rows[g.header_end].header) ++g.header_end;
  resolve_grid(t, g.header_end, g, sink);
  const bool automatic = !t.auto_widths.empty();
  place_columns(automatic ? distribute_widths(t, column_needs(t, g, text), text_width) : t.column_widths, g);
  set_cells(t, g, text, sink);
  index_endings(g);
  size_rows(t, g);
  plan_rows(t, g);
  return g;
}

float start_height(const TableGrid& g) {
  float h = static_cast<float>(g.table->space_before) + g.header_height;
  if (g.header_end >= g.rows()) return h;
  const int r = g.header_end;
  float first = g.natural[r];
  // A row its tallest cell can split may start with two lines of that cell.
  for (int k = g.ending_first[r]; k < g.ending_first[r + 1]; ++k) {
    const TableCell& tc = g.cells[g.ending[k]];
    if (tc.row == r && tc.lines() >= 2 * g.min_split &&
        tc.block.height() + 2 * g.pad_y >= g.natural[r] - 1e-3f)
      first = std::min(first, static_cast<float>(g.min_split) * tc.block.line_pitch + 2 * g.pad_y);
  }
  return h + first;
}

}  // namespace jixiao::layout
