// Re-breaking a paragraph's tail. A typesetter never leaves one character alone on a
// paragraph's last line when the line above can give one up, sets a short centred label
// in lines of about equal length, and does not cut a word of a label when another set of
// breaks does. All keep the number of lines (a cell's height does not change) and only use
// real break opportunities.
#include "layout/text_tail.h"

#include <algorithm>
#include <limits>

namespace jixiao::layout {

namespace {

// Lines re-broken at most (the whole paragraph when it is this short).
constexpr std::size_t kTailLines = 3;
// Places to cut a tail at most: the search is quadratic in them (zero-width characters can
// put thousands on one line).
constexpr std::size_t kTailCuts = 1000;

// Characters that count for 孤字: not punctuation, not spaces (称） is one character alone).
bool counts(char32_t c) {
  return !is_space(c) && !breakchar::is_closing(c) && !breakchar::is_opening(c);
}

struct Tail {
  const ShapedParagraph& p;
  const LineFormat& format;
  std::vector<float> x;         // x[i]: width of text[0, i)
  std::vector<std::size_t> chars;  // chars[i]: counted characters in text[0, i)

  Tail(const ShapedParagraph& para, const LineFormat& f) : p(para), format(f) {
    const std::size_t n = p.text.size();
    x.assign(n + 1, 0.0f);
    chars.assign(n + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
      x[i + 1] = x[i] + p.shaped.advance[i];
      chars[i + 1] = chars[i] + (p.shaped.cluster_start[i] && counts(p.text[i]) ? 1 : 0);
    }
  }
  std::size_t count(std::size_t b, std::size_t e) const { return chars[e] - chars[b]; }
  // A line that is one bracketed group, as （续） or （元）: a unit, not a character alone.
  bool bracketed(std::size_t b, std::size_t e) const {
    return e - b >= 3 && breakchar::is_opening(p.text[b]) && breakchar::is_closing(p.text[e - 1]);
  }
  // Room left on line [b, e) (spaces at its end hang), negative when it does not fit.
  float room(std::size_t b, std::size_t e) const {
    std::size_t set_end = e;
    while (set_end > b && is_space(p.text[set_end - 1])) --set_end;
    const float width = format.max_width - (b == 0 ? format.first_line_indent : 0.0f);
    const float squeezed = set_end > b ? p.shaped.squeezed[set_end - 1] : 0.0f;
    return width + kFitSlack - (x[set_end] - x[b] + squeezed);
  }
};

}  // namespace

void rebreak_tail(const ShapedParagraph& p, const LineFormat& format, std::vector<std::size_t>& ends) {
  const std::size_t lines = ends.size();
  const std::size_t n = p.text.size();
  if (lines < 2) return;
  Tail t(p, format);
  const std::size_t last_begin = ends[lines - 2];
  const bool widow = t.count(last_begin, n) < 2 && t.count(0, n) >= 3;
  // Balanced only when the last line is under half the width: 经济效益 | 指标 and
  // 档案整理成本 | （万元） keep their word and unit whole.
  const bool balance = format.align == doc::Align::Center && lines <= kTailLines &&
                       t.x[n] - t.x[last_begin] < format.max_width / 2;
  // A label cut inside a word is re-broken whole (it has kWordChars characters at most).
  const bool in_word = std::any_of(ends.begin(), ends.end() - 1, [&](std::size_t e) { return may_cut_in_word(p, e); });
  if (!widow && !balance && !in_word) return;

  // The tail: its last k lines, from `from` to the end, become k lines again.
  const std::size_t k = in_word && n <= kWordChars ? lines : std::min(lines, kTailLines);
  const std::size_t from = lines > k ? ends[lines - k - 1] : 0;
  std::vector<std::size_t> cuts;  // possible line ends inside the tail, ascending
  for (std::size_t i = from + 1; i <= n; ++i)
    if (may_cut(p, i) || may_cut_in_word(p, i) || std::find(ends.begin(), ends.end(), i) != ends.end())
      cuts.push_back(i);

  // best[j][c]: least cost of j + 1 lines from `from` ending at cuts[c]; prev for the way back.
  // Cost: the squared room of the lines (the last one's too when balancing), so lines stay
  // as full as they were, or as even as they can be, plus a price for a cut inside a word.
  // Lines of one character are not allowed.
  constexpr float kNone = std::numeric_limits<float>::infinity();
  const std::size_t m = cuts.size();
  if (m > kTailCuts) return;
  std::vector<std::vector<float>> best(k, std::vector<float>(m, kNone));
  std::vector<std::vector<std::size_t>> prev(k, std::vector<std::size_t>(m, 0));
  // A cut inside a word costs as much as two ems of unevenness: taken only when no
  // boundary does nearly as well.
  const float word_price = 4 * format.size * format.size;
  auto line_cost = [&](std::size_t b, std::size_t e, bool last) {
    const float room = t.room(b, e);
    if (room < 0 || (t.count(b, e) < 2 && !t.bracketed(b, e))) return kNone;
    return (last && !balance ? 0.0f : room * room) + (may_cut_in_word(p, e) ? word_price : 0.0f);
  };
  for (std::size_t c = 0; c < m; ++c) best[0][c] = line_cost(from, cuts[c], k == 1 && cuts[c] == n);
  for (std::size_t j = 1; j < k; ++j) {
    for (std::size_t c = 0; c < m; ++c) {
      const bool last = j + 1 == k;
      if (last && cuts[c] != n) continue;
      for (std::size_t a = 0; a < c; ++a) {
        if (best[j - 1][a] == kNone) continue;
        const float cost = best[j - 1][a] + line_cost(cuts[a], cuts[c], last);
        if (cost <= best[j][c]) {  // a tie goes to the later cut: fuller first lines
          best[j][c] = cost;
          prev[j][c] = a;
        }
      }
    }
  }
  if (best[k - 1][m - 1] == kNone) return;  // no set of breaks does better: keep greedy's
  std::size_t c = m - 1;
  for (std::size_t j = k; j-- > 0;) {
    ends[lines - k + j] = cuts[c];
    c = prev[j][c];
  }
}

}  // namespace jixiao::layout
