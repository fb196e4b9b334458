// Character-level reading for the value parser (value.cpp): UTF-8 with full-width folding,
// Chinese numerals, time units, dates and numbers written in words.
#include <charconv>

#include "scoring/value.h"
#include "diag/utf8.h"

namespace jixiao::scoring::value_detail {

namespace {

bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }

// Reads 1 to max_len ASCII digits at s[i] as an int.
bool read_int(std::u32string_view s, std::size_t& i, std::size_t max_len, int& out) {
  std::size_t b = i;
  out = 0;
  while (i < s.size() && digit(s[i]) && i - b < max_len) out = out * 10 + static_cast<int>(s[i++] - U'0');
  return i > b && !(i < s.size() && digit(s[i]));
}

Read bad(ParsedValue& v, std::string why) {
  v.kind = ParsedValue::Kind::Unreadable;
  v.problem = std::move(why);
  return Read::Bad;
}

// Units counted with Chinese numerals ("两次", "三个"); a word like "一般" or "一致" is not
// a count, so only these are.
bool count_unit(std::u32string_view u) {
  static const std::u32string_view kUnits[] = {
      U"次", U"个", U"项", U"套", U"份", U"件", U"台", U"人", U"人次", U"场", U"期", U"批",
      U"篇", U"家", U"所", U"条", U"本", U"册", U"处", U"座", U"辆", U"名", U"户", U"种",
      U"类", U"轮", U"张", U"部", U"栋", U"间", U"块", U"门", U"节", U"遍"};
  for (auto k : kUnits)
    if (u == k) return true;
  return false;
}

}  // namespace

bool fold(std::string_view s, std::u32string& out) {
  out.clear();
  for (std::size_t i = 0; i < s.size();) {
    char32_t cp = 0;
    if (!next_code_point(s, i, cp)) return false;
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;  // １２ ＞＝ ８５％ ～ → ASCII
    else if (cp == 0x3000 || cp == 0xA0) cp = U' ';
    else if (cp == U'≧') cp = U'≥';
    else if (cp == U'≦') cp = U'≤';
    else if (cp == U'〜') cp = U'~';
    else if (cp == U'﹪') cp = U'%';
    out += cp;
  }
  return true;
}

std::string to_utf8(std::u32string_view s) { return jixiao::to_utf8(s); }

void trim(std::u32string& s) {
  auto space = [](char32_t c) { return c == U' ' || c == U'\t' || c == U'\r' || c == U'\n'; };
  while (!s.empty() && (space(s.back()) || s.back() == U'。')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && space(s[b])) ++b;
  s.erase(0, b);
}

int days_in_month(int y, int m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return kDays[m - 1] + (m == 2 && leap ? 1 : 0);
}

bool is_cjk(char32_t c) {
  return (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

int numeral(char32_t c) {
  static const std::u32string_view kDigits = U"零一二三四五六七八九";
  auto p = kDigits.find(c);
  if (p != std::u32string_view::npos) return static_cast<int>(p);
  if (c == U'两') return 2;
  if (c == U'十') return 10;
  return -1;
}

bool read_count(std::u32string_view s, std::size_t& i, double& out) {
  if (i >= s.size()) return false;
  if (digit(s[i])) {  // "3", "1.5"
    std::size_t j = i;
    while (j < s.size() && digit(s[j])) ++j;
    if (j + 1 < s.size() && s[j] == U'.' && digit(s[j + 1]))
      for (++j; j < s.size() && digit(s[j]);) ++j;
    std::string ascii = to_utf8(s.substr(i, j - i));
    if (std::from_chars(ascii.data(), ascii.data() + ascii.size(), out).ec != std::errc()) return false;
    i = j;
    return true;
  }
  if (s[i] == U'半') {
    out = 0.5;
    ++i;
    return true;
  }
  // 一 … 九, 十, 十二, 二十, 二十五 (两 for 二); nothing of a hundred or more.
  std::size_t j = i;
  int a = numeral(s[j]);
  if (a < 0) return false;
  int n = a;
  if (a < 10) ++j;
  if (j < s.size() && numeral(s[j]) == 10) {
    if (a == 0) return false;
    n = (a == 10 ? 1 : a) * 10;
    ++j;
    if (int b = j < s.size() ? numeral(s[j]) : -1; b >= 1 && b <= 9) {
      n += b;
      ++j;
    }
  }
  out = n;
  i = j;
  return true;
}

std::u32string time_unit_at(std::u32string_view s, std::size_t& i) {
  static const std::u32string_view kUnits[] = {U"工作日", U"小时", U"分钟", U"季度", U"星期", U"年",
                                               U"月", U"周", U"天", U"日"};
  std::size_t j = i;
  bool ge = j < s.size() && s[j] == U'个';  // 个月, 个小时, 个工作日, 个星期, 个季度
  if (ge) ++j;
  for (auto u : kUnits) {
    if (s.substr(j, u.size()) != u) continue;
    if (ge && (u == U"年" || u == U"周" || u == U"天" || u == U"日" || u == U"分钟")) return {};
    i = j + u.size();
    return std::u32string(u);
  }
  return {};
}

bool is_time_unit(std::string_view u) {
  for (std::string_view k : {"工作日", "小时", "分钟", "季度", "星期", "年", "月", "周", "天", "日"})
    if (u == k) return true;
  return false;
}

Read read_date(std::u32string_view s, bool end_of_year, ParsedValue& v) {
  std::size_t i = 0;
  int year = 0, month = 0, day = 0;
  if (!read_int(s, i, 4, year) || i != 4) {
    // "12月", "12月31日": a month with no year is not a date to compare — and "3月" could
    // be March or three months.
    std::size_t j = 0;
    int m = 0;
    if (read_int(s, j, 2, m) && j < s.size() && s[j] == U'月') return bad(v, "a date without a year");
    return Read::No;
  }
  char32_t sep = i < s.size() ? s[i] : 0;
  if (sep == U'-' || sep == U'/' || sep == U'.') {  // 2021-12-03: exactly three parts
    std::size_t j = i + 1;
    if (!read_int(s, j, 2, month) || j >= s.size() || s[j] != sep) return Read::No;
    ++j;
    if (!read_int(s, j, 2, day) || j != s.size()) return bad(v, "not a calendar date");
  } else if (sep == U'年') {
    ++i;
    if (i == s.size()) {
      if (!end_of_year) return bad(v, "a year without a month");
      month = 12;
    } else if (!digit(s[i])) {
      return Read::No;  // "2021年度目标": a phrase, not a date
    } else {
      if (!read_int(s, i, 2, month) || i >= s.size() || s[i] != U'月') return bad(v, "not a calendar date");
      if (++i + 1 == s.size() && s[i] == U'份') ++i;  // 12月份
      if (i < s.size() && (!read_int(s, i, 2, day) || i + 1 != s.size() || (s[i] != U'日' && s[i] != U'号')))
        return bad(v, "not a calendar date");
    }
  } else {
    return Read::No;
  }
  if (year < 1900 || year > 2100 || month < 1 || month > 12 ||
      (day != 0 && (day < 1 || day > days_in_month(year, month))))
    return bad(v, "not a calendar date");
  v.kind = ParsedValue::Kind::Date;
  v.year = year;
  v.month = month;
  v.day = day;
  return Read::Yes;
}

Read read_words_number(std::u32string_view s, ParsedValue& v) {
  std::size_t i = 0;
  bool every = !s.empty() && s[0] == U'每';
  if (every) ++i;
  bool digits = i < s.size() && digit(s[i]);
  double n = 1;
  bool counted = read_count(s, i, n);
  if (!every && !counted) return Read::No;
  std::u32string unit = time_unit_at(s, i);
  if (unit.empty()) {
    // "两次", "三个": Chinese numerals and a count unit. Digits with a unit are value.cpp's.
    if (every || digits || n != static_cast<int>(n) || !count_unit(s.substr(i))) return Read::No;
    v.kind = ParsedValue::Kind::Number;
    v.number = n;
    v.unit = to_utf8(s.substr(i));
    return Read::Yes;
  }
  std::size_t j = i;
  double times = 0;
  if (read_count(s, j, times) && s.substr(j) == U"次") {  // "一年一次", "每月2次"
    if (n <= 0) return bad(v, "a frequency over no time");
    v.kind = ParsedValue::Kind::Period;
    v.number = times / n;
    v.unit = "次/" + to_utf8(unit);
    return Read::Yes;
  }
  if (every || digits || i != s.size()) return Read::No;
  if (unit == U"月" && !(i >= 2 && s[i - 2] == U'个')) return bad(v, "a date without a year");  // 三月: March?
  v.kind = ParsedValue::Kind::Number;  // "一个月", "两周"; "内" makes it a Period (value.cpp)
  v.number = n;
  v.unit = to_utf8(unit);
  return Read::Yes;
}

}  // namespace jixiao::scoring::value_detail
