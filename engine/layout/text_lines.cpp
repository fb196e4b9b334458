// Greedy line filling over the break opportunities, with emergency breaks between
// characters for pieces wider than the line on their own; then the paragraph's last lines
// re-broken so that no character stands alone on the last one (text_tail.cpp).
#include "layout/text_lines.h"

#include <algorithm>

#include "layout/linebreak.h"
#include "layout/text_line_runs.h"
#include "layout/text_tail.h"

namespace jixiao::layout {

namespace {

// End of the line that starts at begin when no break opportunity fits: cut between
// characters, as late as fits, but not before closing or after opening punctuation when an
// earlier cut avoids it.
std::size_t emergency_end(const ShapedParagraph& p, std::size_t begin, float width) {
  const std::size_t n = p.text.size();
  const auto& starts = p.shaped.cluster_start;
  std::size_t end = 0;  // the latest cluster boundary that fits
  float w = 0;
  for (std::size_t i = begin; i < n; ++i) {
    w += p.shaped.advance[i];
    std::size_t next = i + 1;
    if (next < n && !starts[next]) continue;
    if (w > width + kFitSlack) {
      if (end == 0) end = next;  // not even one character fits: it goes alone
      break;
    }
    end = next;
  }
  if (end == 0 || end >= n) return n;
  // A last resort (inside a date or a short bracketed group) before cutting a word.
  for (std::size_t k = end; k > begin; --k)
    if (p.breaks[k] == kLastResort && starts[k]) return k;
  std::size_t cut = end;
  while (cut > begin && (breakchar::is_closing(p.text[cut]) || breakchar::is_opening(p.text[cut - 1]))) {
    do --cut;
    while (cut > begin && !starts[cut]);
  }
  if (cut > begin) return cut;
  // No cut keeps the 禁则: the brackets at the line's edges go half-width (clreq) when that
  // makes the piece fit, as （续） in a two-character column.
  std::size_t whole = end;
  while (whole < n && whole < end + 2 && breakchar::is_closing(p.text[whole])) ++whole;
  float half_width = -p.shaped.edge_blank[whole - 1];
  if (breakchar::is_opening(p.text[begin])) half_width -= p.shaped.edge_blank[begin];
  for (std::size_t i = begin; i < whole; ++i) half_width += p.shaped.advance[i];
  return half_width <= width + kFitSlack && whole > end ? whole : end;
}

// End of the line that starts at begin within width: the last opportunity that fits,
// inside a word or not (text_tail.cpp moves cuts out of words, keeping the line count).
std::size_t line_end(const ShapedParagraph& p, std::size_t begin, float width) {
  const std::size_t n = p.text.size();
  float run = 0, set = 0;  // width so far, and without the spaces at its end
  std::size_t end = begin;
  for (std::size_t i = begin; i < n; ++i) {
    run += p.shaped.advance[i];
    if (!is_space(p.text[i])) set = run + p.shaped.squeezed[i];
    // Widths only grow: once past the width no later opportunity fits either. Stopping here
    // and not at the next opportunity keeps an unbreakable run linear, not quadratic.
    if (set > width + kFitSlack) break;
    if (may_cut(p, i + 1) || may_cut_in_word(p, i + 1)) end = i + 1;
  }
  return end > begin ? end : emergency_end(p, begin, width);
}

}  // namespace

void fill_lines(const ShapedParagraph& p, const LineFormat& format, std::vector<TextLine>& lines) {
  const std::size_t n = p.text.size();
  LineSetter setter(p, format);
  if (n == 0) {
    lines.emplace_back();
    return;
  }
  std::vector<std::size_t> ends;
  for (std::size_t begin = 0; begin < n; begin = ends.back()) {
    const float indent = begin == 0 ? format.first_line_indent : 0.0f;
    ends.push_back(line_end(p, begin, format.max_width - indent));
  }
  if (format.max_width > 0) rebreak_tail(p, format, ends);
  std::size_t begin = 0;
  for (std::size_t end : ends) {
    lines.emplace_back();
    setter.set(begin, end, begin == 0, end == n, lines.back());
    begin = end;
  }
}

namespace {

// Width of the widest piece between two places cut(i) allows (end spaces not counted).
template <class Cut>
float widest_between(const ShapedParagraph& p, Cut cut) {
  float widest = 0, run = 0, set = 0;
  for (std::size_t i = 0; i < p.text.size(); ++i) {
    run += p.shaped.advance[i];
    if (!is_space(p.text[i])) set = run + p.shaped.squeezed[i];
    if (cut(i + 1)) {
      widest = std::max(widest, set);
      run = set = 0;
    }
  }
  return widest;
}

}  // namespace

float widest_piece(const ShapedParagraph& p) {
  return widest_between(p, [&](std::size_t i) { return may_cut(p, i) || may_cut_in_word(p, i); });
}

float widest_word(const ShapedParagraph& p) {
  return widest_between(p, [&](std::size_t i) { return may_cut(p, i); });
}

float one_line_width(const ShapedParagraph& p) {
  return widest_between(p, [&](std::size_t i) { return i == p.text.size(); });
}

}  // namespace jixiao::layout
