// Automatic column widths (widths="auto", "18mm..30mm"), as CSS's automatic table layout
// shares a table's width: each automatic column needs at least its widest word and at most
// its widest paragraph on one line; what the fixed columns leave goes first to what each
// column needs, and the rest in proportion.
#include <algorithm>
#include <cmath>

#include "layout/table.h"

namespace jixiao::layout {

namespace {

bool is_automatic(const doc::Table& t, int col) {
  return col < static_cast<int>(t.auto_widths.size()) && t.auto_widths[col].has_value();
}

// An automatic column while its width is worked out: what it needs, its bounds.
struct AutoColumn {
  int col = 0;
  ColumnNeed need;
  double low = 0, high = 0;
  bool settled = false;  // held at a bound
};

// Shares room among the columns not settled, by CSS's rules: every column its max-content
// and the rest in proportion to it when room allows; else min-content and the rest in
// proportion to what each lacks of max-content; else min-content scaled down.
void share(const std::vector<AutoColumn>& cols, double room, std::vector<double>& widths) {
  double sum_min = 0, sum_max = 0;
  int free = 0;
  for (const AutoColumn& a : cols) {
    if (a.settled) continue;
    sum_min += a.need.min;
    sum_max += a.need.max;
    ++free;
  }
  room = std::max(0.0, room);
  for (const AutoColumn& a : cols) {
    if (a.settled) continue;
    double& w = widths[a.col];
    if (sum_max <= room)
      w = a.need.max + (room - sum_max) * (sum_max > 0 ? a.need.max / sum_max : 1.0 / free);
    else if (sum_min <= room)
      w = a.need.min + (room - sum_min) * (a.need.max - a.need.min) / (sum_max - sum_min);
    else
      w = a.need.min * room / sum_min;
  }
}

// Shares room and holds columns at their bounds until none is beyond one, as CSS flexbox
// resolves flexible lengths: when clamping would add width overall, the columns below
// their MIN are held there (and the others share less); when it would take width, those
// above their MAX. Each round holds at least one column; a real table settles in one or
// two. Past kRounds the columns are clamped as they stand, so that no choice of bounds over
// thousands of columns can make this quadratic.
void share_within_bounds(std::vector<AutoColumn>& cols, double room, std::vector<double>& widths) {
  constexpr std::size_t kRounds = 32;
  for (std::size_t round = 0; round < cols.size(); ++round) {
    if (round == kRounds) {
      for (const AutoColumn& a : cols) widths[a.col] = std::clamp(widths[a.col], a.low, a.high);
      return;
    }
    double held = 0, change = 0;
    for (const AutoColumn& a : cols)
      if (a.settled) held += widths[a.col];
    share(cols, room - held, widths);
    for (const AutoColumn& a : cols)
      if (!a.settled) change += std::clamp(widths[a.col], a.low, a.high) - widths[a.col];
    bool beyond = false;
    for (AutoColumn& a : cols) {
      if (a.settled) continue;
      const double w = widths[a.col], clamped = std::clamp(w, a.low, a.high);
      if (clamped == w) continue;
      beyond = true;
      if ((clamped > w && change >= 0) || (clamped < w && change <= 0)) {
        widths[a.col] = clamped;
        a.settled = true;
      }
    }
    if (!beyond) return;
  }
}

}  // namespace

std::vector<double> distribute_widths(const doc::Table& t, const std::vector<ColumnNeed>& needs,
                                      double text_width) {
  std::vector<double> widths = t.column_widths;
  std::vector<AutoColumn> cols;
  double room = t.width > 0 ? t.width : text_width;
  for (int c = 0; c < static_cast<int>(widths.size()); ++c) {
    if (!is_automatic(t, c)) {
      room -= widths[c];
      continue;
    }
    const doc::AutoWidth& bounds = *t.auto_widths[c];
    const ColumnNeed need = c < static_cast<int>(needs.size()) ? needs[c] : ColumnNeed{};
    const double low = std::max(0.0, bounds.min);
    cols.push_back({c, {need.min, std::max(need.min, need.max)}, low, std::max(low, bounds.max)});
  }
  share_within_bounds(cols, room, widths);
  return widths;
}

std::vector<ColumnNeed> column_needs(const doc::Table& t, const TableGrid& g, TextSetter& text) {
  const double pad = 2 * t.padding_x;
  std::vector<ColumnNeed> needs(t.column_widths.size(), ColumnNeed{pad, pad});
  // Cells spanning columns are left out: they take what their columns get.
  for (const TableCell& tc : g.cells) {
    if (tc.last_col != tc.col || !is_automatic(t, tc.col)) continue;
    const doc::Cell& c = *tc.cell;
    // A stacked cell is one character (an em) wide.
    const auto w = c.stacked ? TextSetter::ContentWidths{static_cast<float>(c.style.size),
                                                         static_cast<float>(c.style.size)}
                             : text.content_widths(c.text, c.style, static_cast<float>(c.first_line_indent));
    ColumnNeed& n = needs[tc.col];
    n.min = std::max(n.min, w.min + pad);
    n.max = std::max(n.max, w.max + pad);
  }
  return needs;
}

}  // namespace jixiao::layout
