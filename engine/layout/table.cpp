// Table layout (TableLayout): fixed column widths, colspan/rowspan resolved like HTML, text
// set inside each cell, row heights from their content, rows paginated with header rows
// repeated on every page the table continues on.
#include <algorithm>
#include <cmath>
#include <set>
#include <tuple>

#include "layout/pages.h"

namespace jixiao::layout {

namespace {

struct PlacedCell {
  const doc::Cell* cell = nullptr;
  int row = 0, col = 0, rowspan = 1, colspan = 1;
  float x = 0, w = 0;  // relative to the table's left edge
  TextBlock block;
};

// A row placed on a page: which row, and the top of its box.
struct PlacedRow {
  int row;
  float y;
};

class TableLayout {
 public:
  TableLayout(const doc::Table& t, PageFlow& flow, TextSetter& text, DiagnosticSink& sink)
      : t_(t), flow_(flow), text_(text), sink_(sink) {}

  void run() {
    resolve_grid();
    set_cells();
    size_rows();
    paginate();
  }

 private:
  // HTML's table model: a cell takes the first column not covered by a rowspan above.
  void resolve_grid() {
    const int ncols = static_cast<int>(t_.column_widths.size());
    const int nrows = static_cast<int>(t_.rows.size());
    col_x_.assign(ncols + 1, 0);
    for (int c = 0; c < ncols; ++c) col_x_[c + 1] = col_x_[c] + static_cast<float>(t_.column_widths[c]);
    std::vector<std::vector<bool>> taken(nrows, std::vector<bool>(ncols, false));
    for (int r = 0; r < nrows; ++r) {
      int c = 0;
      for (const auto& cell : t_.rows[r].cells) {
        while (c < ncols && taken[r][c]) ++c;
        if (c >= ncols) {
          geometry_warning(cell, "a cell lies beyond the last column");
          break;
        }
        PlacedCell pc;
        pc.cell = &cell;
        pc.row = r;
        pc.col = c;
        pc.colspan = std::clamp(cell.colspan, 1, ncols - c);
        pc.rowspan = std::clamp(cell.rowspan, 1, nrows - r);
        if (pc.colspan != cell.colspan || pc.rowspan != cell.rowspan)
          geometry_warning(cell, "a cell spans beyond the table");
        for (int rr = r; rr < r + pc.rowspan; ++rr)
          for (int cc = c; cc < c + pc.colspan; ++cc) taken[rr][cc] = true;
        pc.x = col_x_[c];
        pc.w = col_x_[c + pc.colspan] - col_x_[c];
        cells_.push_back(std::move(pc));
        c += cell.colspan;
      }
    }
  }

  void geometry_warning(const doc::Cell& cell, const std::string& what) {
    sink_.warning("layout.table-geometry", cell.origin.file, cell.origin.place, what);
  }

  void set_cells() {
    const float pad_x = static_cast<float>(t_.padding_x);
    for (auto& pc : cells_) {
      float inner = std::max(1.0f, pc.w - 2 * pad_x);
      pc.block = text_.set(pc.cell->text, pc.cell->style, inner, pc.cell->align,
                           static_cast<float>(t_.line_height), 0, pc.cell->origin, sink_);
    }
  }

  float content_height(const PlacedCell& pc) const {
    return pc.block.height() + 2 * static_cast<float>(t_.padding_y);
  }

  // Single-row cells set their row's height; a rowspan cell taller than its rows gives the
  // difference to the last of them.
  void size_rows() {
    const int nrows = static_cast<int>(t_.rows.size());
    heights_.assign(nrows, 0);
    for (int r = 0; r < nrows; ++r) heights_[r] = static_cast<float>(t_.rows[r].min_height);
    for (const auto& pc : cells_)
      if (pc.rowspan == 1) heights_[pc.row] = std::max(heights_[pc.row], content_height(pc));
    std::vector<const PlacedCell*> spanning;
    for (const auto& pc : cells_)
      if (pc.rowspan > 1) spanning.push_back(&pc);
    std::stable_sort(spanning.begin(), spanning.end(),
                     [](auto* a, auto* b) { return a->rowspan < b->rowspan; });
    for (const auto* pc : spanning) {
      float have = 0;
      for (int r = pc->row; r < pc->row + pc->rowspan; ++r) have += heights_[r];
      float need = content_height(*pc);
      if (need > have) heights_[pc->row + pc->rowspan - 1] += need - have;
    }
  }

  void paginate() {
    const int nrows = static_cast<int>(t_.rows.size());
    int header_end = 0;
    while (header_end < nrows && t_.rows[header_end].header) ++header_end;
    float header_h = 0;
    for (int r = 0; r < header_end; ++r) header_h += heights_[r];

    table_x_ = flow_.left();
    float total_w = col_x_.back();
    if (t_.align == doc::Align::Center) table_x_ += (flow_.width() - total_w) / 2;
    else if (t_.align == doc::Align::Right) table_x_ += flow_.width() - total_w;

    if (!flow_.page_empty()) flow_.advance(static_cast<float>(t_.space_before));
    float first_h = header_h + (header_end < nrows ? heights_[header_end] : 0);
    if (first_h > flow_.space_left() && !flow_.page_empty()) flow_.new_page();

    std::vector<PlacedRow> fragment;
    float y = flow_.cursor();
    bool body_on_page = false;
    for (int r = 0; r < nrows; ++r) {
      bool is_header = r < header_end;
      if (!is_header && body_on_page && y + heights_[r] > flow_.bottom()) {
        draw(fragment);
        fragment.clear();
        flow_.new_page();
        y = flow_.cursor();
        for (int h = 0; h < header_end; ++h) {
          fragment.push_back({h, y});
          y += heights_[h];
        }
        body_on_page = false;
      }
      if (!is_header && y + heights_[r] > flow_.bottom()) {
        sink_.warning("layout.row-too-tall", t_.origin.file, t_.origin.place,
                      "table row " + std::to_string(r + 1) + " is taller than the page");
      }
      fragment.push_back({r, y});
      y += heights_[r];
      body_on_page = body_on_page || !is_header;
    }
    draw(fragment);
    flow_.advance(y - flow_.cursor());
    flow_.advance(static_cast<float>(t_.space_after));
  }

  // Draws the cells of rows placed on the current page. A cell spanning rows on several
  // pages is drawn on each as far as its rows reach; its text goes where it starts, and is
  // repeated on later pages when it fits there (a category label).
  void draw(const std::vector<PlacedRow>& rows) {
    if (rows.empty()) return;
    std::vector<float> top(t_.rows.size(), -1);
    for (const auto& pr : rows) top[pr.row] = pr.y;
    std::set<std::tuple<long, long, long, long>> seen;
    auto rule = [&](float x1, float y1, float x2, float y2) {
      auto key = std::make_tuple(std::lround(x1 * 100), std::lround(y1 * 100),
                                 std::lround(x2 * 100), std::lround(y2 * 100));
      if (!seen.insert(key).second) return;
      flow_.page().rules.push_back({x1, y1, x2, y2, static_cast<float>(t_.border_width)});
    };
    // A header row repeated on this page appears once more in rows; fragments are per page.
    for (const auto& pc : cells_) {
      int first = -1, last = -1;
      for (int r = pc.row; r < pc.row + pc.rowspan; ++r) {
        if (top[r] < 0) continue;
        if (first < 0) first = r;
        last = r;
      }
      if (first < 0) continue;
      float y0 = top[first], y1 = top[last] + heights_[last];
      float x0 = table_x_ + pc.x, x1 = x0 + pc.w;
      rule(x0, y0, x1, y0);
      rule(x0, y1, x1, y1);
      rule(x0, y0, x0, y1);
      rule(x1, y0, x1, y1);
      bool starts_here = first == pc.row;
      float inner_h = (y1 - y0) - 2 * static_cast<float>(t_.padding_y);
      if (!starts_here && pc.block.height() > inner_h + 0.01f) continue;
      draw_text(pc, x0, y0, y1);
    }
  }

  void draw_text(const PlacedCell& pc, float x0, float y0, float y1) {
    const float pad_y = static_cast<float>(t_.padding_y);
    float free = (y1 - y0) - 2 * pad_y - pc.block.height();
    float offset = 0;
    if (pc.cell->valign == doc::VAlign::Middle) offset = std::max(0.0f, free / 2);
    else if (pc.cell->valign == doc::VAlign::Bottom) offset = std::max(0.0f, free);
    float y = y0 + pad_y + offset + pc.block.ascent;
    float x = x0 + static_cast<float>(t_.padding_x);
    for (const auto& line : pc.block.lines) {
      flow_.place_line(line, x, y);
      y += pc.block.line_pitch;
    }
  }

  const doc::Table& t_;
  PageFlow& flow_;
  TextSetter& text_;
  DiagnosticSink& sink_;
  std::vector<float> col_x_;
  std::vector<PlacedCell> cells_;
  std::vector<float> heights_;
  float table_x_ = 0;
};

}  // namespace

void lay_out_table(const doc::Table& table, PageFlow& flow, TextSetter& text,
                   DiagnosticSink& sink) {
  if (table.rows.empty() || table.column_widths.empty()) return;
  TableLayout(table, flow, text, sink).run();
}

}  // namespace jixiao::layout
