// The Chinese line-breaking rules (禁则) and the number/word rules, applied on top of
// UAX #14. UAX #14 already gets most of this right; these rules make the result not depend
// on the ICU version (quotes, ambiguous-width signs) and state the forms' needs outright.
#include <algorithm>
#include <iterator>
#include <string_view>

#include "layout/linebreak.h"

namespace jixiao::layout {

namespace {

// Sorted tables, searched with binary search.
constexpr char32_t kClosing[] = {
    U'!', U'%', U')', U',', U'.', U':', U';', U'?', U']', U'}',
    U'\u00B0',  // °
    U'\u2014', U'\u2019', U'\u201D', U'\u2025', U'\u2026',  // — ’ ” ‥ …
    U'\u2030', U'\u2031', U'\u2032', U'\u2033',             // ‰ ‱ ′ ″
    U'\u203C', U'\u2047', U'\u2048', U'\u2049',             // ‼ ⁇ ⁈ ⁉
    U'\u2103', U'\u2109',                                   // ℃ ℉
    U'\u3001', U'\u3002', U'\u3005', U'\u3009', U'\u300B', U'\u300D', U'\u300F', U'\u3011',
    U'\u3015', U'\u3017', U'\u3019', U'\u301B', U'\u301E', U'\u301F', U'\u303B',
    // small hiragana, iteration and sound marks
    U'\u3041', U'\u3043', U'\u3045', U'\u3047', U'\u3049', U'\u3063', U'\u3083', U'\u3085',
    U'\u3087', U'\u308E', U'\u3095', U'\u3096', U'\u309B', U'\u309C', U'\u309D', U'\u309E',
    // small katakana, middle dot, prolonged sound mark, iteration marks
    U'\u30A1', U'\u30A3', U'\u30A5', U'\u30A7', U'\u30A9', U'\u30C3', U'\u30E3', U'\u30E5',
    U'\u30E7', U'\u30EE', U'\u30F5', U'\u30F6', U'\u30FB', U'\u30FC', U'\u30FD', U'\u30FE',
    // full-width ！ ％ ） ， ． ： ； ？ ］ ｝ and half-width ｡ ｣ ､ ･ small kana ｰ
    U'\uFF01', U'\uFF05', U'\uFF09', U'\uFF0C', U'\uFF0E', U'\uFF1A', U'\uFF1B', U'\uFF1F',
    U'\uFF3D', U'\uFF5D', U'\uFF61', U'\uFF63', U'\uFF64', U'\uFF65', U'\uFF67', U'\uFF68',
    U'\uFF69', U'\uFF6A', U'\uFF6B', U'\uFF6C', U'\uFF6D', U'\uFF6E', U'\uFF6F', U'\uFF70',
};

constexpr char32_t kOpening[] = {
    U'(', U'[', U'{',
    U'\u2018', U'\u201C',                                    // ‘ “
    U'\u3008', U'\u300A', U'\u300C', U'\u300E', U'\u3010',  // 〈 《 「 『 【
    U'\u3014', U'\u3016', U'\u3018', U'\u301A', U'\u301D',  // 〔 〖 〘 〚 〝
    U'\uFF08', U'\uFF3B', U'\uFF5B', U'\uFF62',              // （ ［ ｛ ｢
};

constexpr char32_t kNumberPrefix[] = {
    U'#', U'$', U'+', U'-', U'<', U'=', U'>', U'~',
    U'\u00A3', U'\u00A5', U'\u00B1',                         // £ ¥ ±
    U'\u20AC', U'\u2116', U'\u2212', U'\u2248', U'\u2260',  // € № − ≈ ≠
    U'\u2264', U'\u2265', U'\u2266', U'\u2267',              // ≤ ≥ ≦ ≧
    U'\uFF03', U'\uFF04', U'\uFF0B', U'\uFF0D', U'\uFF1C', U'\uFF1D', U'\uFF1E', U'\uFF5E',
    U'\uFFE1', U'\uFFE5',                                    // ￡ ￥
};

template <std::size_t N>
constexpr bool sorted(const char32_t (&table)[N]) {
  for (std::size_t i = 1; i < N; ++i)
    if (table[i - 1] >= table[i]) return false;
  return true;
}
template <std::size_t N>
constexpr bool skips_ideographs(const char32_t (&table)[N]) {
  for (char32_t c : table)
    if (c >= 0x3100 && c < 0xFF00) return false;
  return true;
}
static_assert(sorted(kClosing) && sorted(kOpening) && sorted(kNumberPrefix),
              "break tables must be sorted for binary search");
static_assert(skips_ideographs(kClosing) && skips_ideographs(kOpening) &&
                  skips_ideographs(kNumberPrefix),
              "see in(): the tables must hold nothing in U+3100..U+FEFF");

// No table holds anything in U+3100..U+FEFF (ideographs, the bulk of the text): skip the
// search there.
template <std::size_t N>
bool in(const char32_t (&table)[N], char32_t c) {
  if (c >= 0x3100 && c < 0xFF00) return false;
  return std::binary_search(std::begin(table), std::end(table), c);
}

bool is_ascii_alnum(char32_t c) {
  return (c >= U'0' && c <= U'9') || (c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z');
}

// Separators that stay inside a number when digits stand on both sides: 1,035,356.30
// 2021-12-03 12:30 3/4.
bool is_number_separator(char32_t c) {
  return c == U',' || c == U'.' || c == U'/' || c == U':' || c == U'-';
}

// Joiners that stay inside a Latin word when letters or digits stand on both sides:
// COVID-19, e.g, O'Neil, a_b, www.x.cn, A&B, TCP/IP.
bool is_word_joiner(char32_t c) {
  return c == U'-' || c == U'.' || c == U'_' || c == U'\'' || c == U'&' || c == U'/' ||
         c == U'@';
}

// East Asian wide characters: ideographs, kana, CJK punctuation, full-width forms.
bool is_wide(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) ||
         (c >= 0x20000 && c <= 0x3FFFF);
}

// Clears the opportunities strictly inside runs of text[i] accepted by `member`, where a
// `joiner` counts only between two members.
template <class Member, class Joiner>
void keep_runs_whole(std::u32string_view text, std::vector<std::uint8_t>& breaks,
                     Member member, Joiner joiner) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (!member(text[i])) {
      ++i;
      continue;
    }
    std::size_t j = i + 1;  // end of the run so far
    while (j < n) {
      if (member(text[j])) {
        ++j;
      } else if (joiner(text[j]) && j + 1 < n && member(text[j + 1])) {
        j += 2;
      } else {
        break;
      }
    }
    for (std::size_t k = i + 1; k < j; ++k) breaks[k] = kNoBreak;
    i = j;
  }
}

// The units of a date: 2021年12月3日, 3号.
bool is_date_unit(char32_t c) { return c == U'年' || c == U'月' || c == U'日' || c == U'号'; }

// The unit that may follow unit u inside one date: 年 → 月, 月 → 日 or 号.
bool continues_date(char32_t u, char32_t next) {
  return (u == U'年' && next == U'月') || (u == U'月' && (next == U'日' || next == U'号'));
}

// Signs between the ends of a range: 90%～100%, 1~3, 10-20, 2020〜2021, 1–5.
bool is_range_sign(char32_t c) {
  return c == U'~' || c == U'-' || c == U'\u2013' || c == U'\u301C' || c == U'\uFF5E';
}

// What a number may end with before a range sign: a digit, %, ‰, ℃.
bool ends_number(char32_t c) {
  return breakchar::is_digit(c) || c == U'%' || c == U'\uFF05' || c == U'\u2030' || c == U'\u2103';
}

std::size_t digits_end(std::u32string_view text, std::size_t i) {
  while (i < text.size() && breakchar::is_digit(text[i])) ++i;
  return i;
}

// Past one space, if there is one: dates are often written 2021 年 12 月 (Word's spacing
// between Chinese and digits, kept in the data).
std::size_t skip_space(std::u32string_view text, std::size_t i) {
  return i < text.size() && text[i] == U' ' ? i + 1 : i;
}

void clear_between(std::vector<std::uint8_t>& breaks, std::size_t first, std::size_t last) {
  for (std::size_t k = first + 1; k <= last; ++k) breaks[k] = kNoBreak;
}

// Opportunities in [first, end) become last resorts.
void demote(std::vector<std::uint8_t>& breaks, std::size_t first, std::size_t end) {
  for (std::size_t k = first; k < end; ++k)
    if (breaks[k] == kBreak) breaks[k] = kLastResort;
}

// Dates never break inside: a digit run keeps the unit after it (2020年), and a unit keeps
// the next digit run with its unit when that unit continues the date (年 12月, 月 3日); a
// space may stand on either side of a unit. A line may still break after the date
// (2021年7月|前), and 2020年12个 breaks after 年: 12 个 is no month.
void keep_dates_whole(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    if (!breakchar::is_digit(text[i])) {
      ++i;
      continue;
    }
    std::size_t unit = skip_space(text, digits_end(text, i));
    if (unit >= n || !is_date_unit(text[unit])) {
      i = digits_end(text, i);
      continue;
    }
    clear_between(breaks, i, unit);
    for (;;) {
      const std::size_t digits = skip_space(text, unit + 1);
      const std::size_t next = skip_space(text, digits_end(text, digits));
      if (digits >= n || !breakchar::is_digit(text[digits]) || next >= n ||
          !continues_date(text[unit], text[next]))
        break;
      // 2021年11月|25日 is still the best cut when the date is wider than its cell.
      demote(breaks, unit + 1, digits + 1);
      clear_between(breaks, digits, next);
      unit = next;
    }
    i = unit + 1;
  }
}

// Ranges stay whole: 90%～100% and 1~3 never break beside the sign.
void keep_ranges_whole(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  for (std::size_t i = 1; i + 1 < text.size(); ++i) {
    if (!is_range_sign(text[i]) || !ends_number(text[i - 1])) continue;
    char32_t next = text[i + 1];
    bool starts_number = breakchar::is_digit(next) ||
                         (breakchar::is_number_prefix(next) && i + 2 < text.size() &&
                          breakchar::is_digit(text[i + 2]));
    if (starts_number) breaks[i] = breaks[i + 1] = kNoBreak;
  }
}

// Units that stay with the number before them: 6 分, 78 家, 3个, 2.06万元 (a magnitude 万 亿
// 千 百 takes the unit after it along). Dates are keep_dates_whole's.
constexpr std::u32string_view kUnits =
    U"元角分厘毫个项次人户家名位天日周月年季时秒台套件份张本册条处所座辆吨米里亩斤克度岁"
    U"倍篇期批间栋层页字号届轮场部款类种例宗笔票株棵只头点升瓦";
constexpr std::u32string_view kCompoundUnits[] = {U"平方米", U"立方米", U"万人次", U"人次", U"公里",
                                                   U"公斤",   U"公顷",   U"小时",   U"个月", U"周岁"};

bool is_magnitude(char32_t c) { return c == U'万' || c == U'亿' || c == U'千' || c == U'百'; }

// Length of the unit starting at text[i], 0 when none does.
std::size_t unit_length(std::u32string_view text, std::size_t i) {
  if (i >= text.size()) return 0;
  for (std::u32string_view u : kCompoundUnits)
    if (text.substr(i, u.size()) == u) return u.size();
  if (is_magnitude(text[i]))
    return i + 1 < text.size() && kUnits.find(text[i + 1]) != std::u32string_view::npos ? 2 : 1;
  return kUnits.find(text[i]) != std::u32string_view::npos ? 1 : 0;
}

// A number never parts from its unit: 2.06万元, 得 6 分, (2分), 887,400.39 元.
void keep_units_with_numbers(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  const std::size_t n = text.size();
  for (std::size_t i = 1; i < n; ++i) {
    if (!breakchar::is_digit(text[i - 1]) || breakchar::is_digit(text[i])) continue;
    const std::size_t unit = skip_space(text, i);
    const std::size_t len = unit_length(text, unit);
    if (len > 0) clear_between(breaks, i - 1, unit + len - 1);
  }
}

// The closing bracket or quote of an opening one, 0 for none.
char32_t closing_of(char32_t open) {
  constexpr std::u32string_view kOpen = U"([{\u2018\u201C\u3008\u300A\u300C\u300E\u3010\u3014\uFF08\uFF3B";
  constexpr std::u32string_view kClose = U")]}\u2019\u201D\u3009\u300B\u300D\u300F\u3011\u3015\uFF09\uFF3D";
  const std::size_t k = kOpen.find(open);
  return k == std::u32string_view::npos ? 0 : kClose[k];
}

// Short bracketed groups stay whole: （万元）, （80分）, “智慧住建”. Longer ones break inside.
constexpr std::size_t kShortGroup = 6;  // characters, the brackets included

void keep_short_groups_whole(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char32_t close = closing_of(text[i]);
    if (close == 0) continue;
    for (std::size_t j = i + 1; j < text.size() && j - i < kShortGroup; ++j) {
      if (text[j] == text[i]) break;  // nested: the inner group decides
      if (text[j] == close) {
        demote(breaks, i + 1, j + 1);
        break;
      }
    }
  }
}

}  // namespace

namespace breakchar {
bool is_closing(char32_t c) { return in(kClosing, c); }
bool is_opening(char32_t c) { return in(kOpening, c); }
bool is_number_prefix(char32_t c) { return in(kNumberPrefix, c); }
bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= 0xFF10 && c <= 0xFF19); }
}  // namespace breakchar

void apply_kinsoku(std::u32string_view text, std::vector<std::uint8_t>& breaks) {
  using namespace breakchar;
  const std::size_t n = text.size();
  // UAX #14 before Unicode 15.1 never breaks beside “ ” ‘ ’ (class QU), which glues the
  // quoted term of 开展“智慧住建”项目 to its neighbours; Chinese text breaks before an
  // opening quote and after a closing one like before 《 and after 》.
  for (std::size_t i = 1; i < n; ++i) {
    char32_t prev = text[i - 1], c = text[i];
    if ((c == U'\u201C' || c == U'\u2018') && is_wide(prev) && !is_opening(prev)) breaks[i] = kBreak;
    if ((prev == U'\u201D' || prev == U'\u2019') && is_wide(c) && !is_closing(c)) breaks[i] = kBreak;
  }
  for (std::size_t i = 1; i < n; ++i) {
    char32_t prev = text[i - 1], c = text[i];
    if (is_closing(c) || is_opening(prev) || (is_number_prefix(prev) && is_digit(c)))
      breaks[i] = kNoBreak;
  }
  keep_runs_whole(text, breaks, is_digit, is_number_separator);
  keep_runs_whole(text, breaks, is_ascii_alnum, is_word_joiner);
  keep_units_with_numbers(text, breaks);
  keep_dates_whole(text, breaks);
  keep_ranges_whole(text, breaks);
  keep_short_groups_whole(text, breaks);
}

}  // namespace jixiao::layout
