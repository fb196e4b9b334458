#include "scoring/value.h"

#include <charconv>
#include <cmath>

namespace jixiao::scoring {

namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    char32_t cp = 0xFFFD;
    std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (i + len <= s.size()) {
      cp = len == 1 ? c : len == 2 ? c & 0x1F : len == 3 ? c & 0x0F : c & 0x07;
      for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    // Full-width ASCII and signs fold to their ASCII/mathematical forms.
    if (cp >= 0xFF01 && cp <= 0xFF5E) cp -= 0xFEE0;
    else if (cp == 0x3000) cp = U' ';
    else if (cp == U'≧') cp = U'≥';
    else if (cp == U'≦') cp = U'≤';
    else if (cp == U'～' || cp == U'〜') cp = U'~';
    out += cp;
    i += len;
  }
  return out;
}

std::string encode(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) { out += static_cast<char>(0xC0 | (c >> 6)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) { out += static_cast<char>(0xE0 | (c >> 12)); out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    else { out += static_cast<char>(0xF0 | (c >> 18)); out += static_cast<char>(0x80 | ((c >> 12) & 0x3F)); out += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); out += static_cast<char>(0x80 | (c & 0x3F)); }
  }
  return out;
}

void trim(std::u32string& s) {
  while (!s.empty() && (s.back() == U' ' || s.back() == U'\t')) s.pop_back();
  std::size_t b = 0;
  while (b < s.size() && (s[b] == U' ' || s[b] == U'\t')) ++b;
  s.erase(0, b);
}

bool starts(const std::u32string& s, std::u32string_view p) { return s.compare(0, p.size(), p) == 0; }
bool ends(const std::u32string& s, std::u32string_view p) {
  return s.size() >= p.size() && s.compare(s.size() - p.size(), p.size(), p) == 0;
}
bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool cjk(char32_t c) { return c >= 0x3400 && c <= 0x9FFF; }

int chinese_numeral(char32_t c) {
  static const std::u32string_view kDigits = U"零一二三四五六七八九";
  auto p = kDigits.find(c);
  if (p != std::u32string_view::npos) return static_cast<int>(p);
  if (c == U'两') return 2;
  if (c == U'十') return 10;
  return -1;
}

// Reads "1,035,356.30" at s[i]; returns false when there is no number there.
bool read_number(const std::u32string& s, std::size_t& i, double& out) {
  std::string ascii;
  std::size_t j = i;
  while (j < s.size() && (digit(s[j]) || s[j] == U'.' || (s[j] == U',' && j > i))) {
    if (s[j] != U',') ascii += static_cast<char>(s[j]);
    ++j;
  }
  if (ascii.empty() || !digit(static_cast<char32_t>(ascii[0]))) return false;
  auto r = std::from_chars(ascii.data(), ascii.data() + ascii.size(), out);
  if (r.ec != std::errc() || r.ptr != ascii.data() + ascii.size()) return false;
  i = j;
  return true;
}

// Strips comparator words at either end: "≥", ">=", "不低于" before; "及其以下", "以上" after.
Comparator strip_comparator(std::u32string& s) {
  struct P { std::u32string_view text; Comparator c; };
  static const P kPrefix[] = {{U">=", Comparator::Ge}, {U"<=", Comparator::Le}, {U"≥", Comparator::Ge},
                              {U"≤", Comparator::Le}, {U">", Comparator::Gt}, {U"<", Comparator::Lt},
                              {U"=", Comparator::Eq}, {U"不低于", Comparator::Ge}, {U"不少于", Comparator::Ge},
                              {U"不超过", Comparator::Le}, {U"不高于", Comparator::Le}, {U"大于等于", Comparator::Ge},
                              {U"小于等于", Comparator::Le}};
  static const P kSuffix[] = {{U"及其以下", Comparator::Le}, {U"及以下", Comparator::Le}, {U"以下", Comparator::Le},
                              {U"以内", Comparator::Le}, {U"及其以上", Comparator::Ge}, {U"及以上", Comparator::Ge},
                              {U"以上", Comparator::Ge}};
  for (const auto& p : kPrefix)
    if (starts(s, p.text)) {
      s.erase(0, p.text.size());
      trim(s);
      return p.c;
    }
  for (const auto& p : kSuffix)
    if (ends(s, p.text)) {
      s.erase(s.size() - p.text.size());
      trim(s);
      return p.c;
    }
  return Comparator::None;
}

// "2021年12月前", "2021年11月25日", "2021年7月前完成".
bool read_date(std::u32string s, ParsedValue& v) {
  for (std::u32string_view suffix : {U"前完成", U"之前", U"以前", U"前", U"底前", U"底", U"末"})
    if (ends(s, suffix)) {
      s.erase(s.size() - suffix.size());
      v.comparator = Comparator::Le;
      break;
    }
  if (ends(s, U"完成")) s.erase(s.size() - 2);
  std::size_t i = 0;
  auto num = [&](int& out) {
    std::size_t b = i;
    while (i < s.size() && digit(s[i])) out = out * 10 + static_cast<int>(s[i++] - U'0');
    return i > b;
  };
  if (!num(v.year) || v.year < 1900 || i >= s.size() || s[i++] != U'年') return false;
  if (i == s.size()) {  // "2021年底": by the end of the year
    if (v.comparator != Comparator::Le) return false;
    v.month = 12;
    v.kind = ParsedValue::Kind::Date;
    return true;
  }
  if (!num(v.month) || v.month < 1 || v.month > 12 || i >= s.size() || s[i++] != U'月') return false;
  if (i < s.size()) {
    if (!num(v.day) || v.day < 1 || v.day > 31 || i >= s.size() || (s[i] != U'日' && s[i] != U'号')) return false;
    ++i;
  }
  if (i != s.size()) return false;
  v.kind = ParsedValue::Kind::Date;
  return true;
}

// "一个月内", "3天内", "一年一次", "两次".
bool read_period(const std::u32string& s, ParsedValue& v) {
  std::size_t i = 0;
  auto count = [&](double& out) {
    double n = 0;
    std::size_t b = i;
    if (i < s.size() && digit(s[i])) {
      while (i < s.size() && digit(s[i])) n = n * 10 + static_cast<double>(s[i++] - U'0');
    } else {
      while (i < s.size() && chinese_numeral(s[i]) >= 0) {
        int d = chinese_numeral(s[i++]);
        n = d == 10 ? (n == 0 ? 10 : n * 10) : n + d;
      }
    }
    out = n;
    return i > b;
  };
  static const std::u32string_view kUnits = U"年月周天日时";
  double n = 0;
  if (!count(n)) return false;
  if (i < s.size() && s[i] == U'个') ++i;
  if (i >= s.size() || kUnits.find(s[i]) == std::u32string_view::npos) return false;
  std::u32string unit(1, s[i++]);
  if (unit == U"小") return false;
  if (i < s.size() && unit == U"时") return false;
  if (s.compare(i, std::u32string::npos, U"内") == 0) {
    v.kind = ParsedValue::Kind::Period;
    v.comparator = Comparator::Le;
    v.number = n;
    v.unit = encode(unit);
    return true;
  }
  double times = 0;  // "一年一次": a frequency
  if (count(times) && s.compare(i, std::u32string::npos, U"次") == 0 && times > 0) {
    v.kind = ParsedValue::Kind::Period;
    v.number = times / n;
    v.unit = "次/" + encode(unit);
    return true;
  }
  return false;
}

bool has_chinese_numeral(const std::u32string& s) {
  for (char32_t c : s)
    if (chinese_numeral(c) >= 0 || c == U'百' || c == U'千' || c == U'万' || c == U'成') return true;
  return false;
}

}  // namespace

ParsedValue parse_value(std::string_view text) {
  ParsedValue v;
  v.text = std::string(text);
  std::u32string s = decode(text);
  trim(s);
  if (s.empty() || s == U"无" || s == U"—" || s == U"-" || s == U"/" || s == U"——") {
    v.kind = ParsedValue::Kind::Nil;
    return v;
  }
  std::u32string rest = s;
  v.comparator = strip_comparator(rest);
  if (!rest.empty() && digit(rest[0])) {
    ParsedValue date = v;
    if (read_date(rest, date)) return date;
    std::size_t i = 0;
    if (!read_number(rest, i, v.number)) {
      v.problem = "a number that cannot be read";
      return v;
    }
    if (i < rest.size() && rest[i] == U'%') {
      v.percent = true;
      ++i;
    }
    if (i < rest.size() && (rest[i] == U'-' || rest[i] == U'~' || rest[i] == U'至')) {
      std::size_t j = i + 1;
      double upper = 0;
      if (read_number(rest, j, upper)) {
        if (j < rest.size() && rest[j] == U'%') {
          if (!v.percent && j + 1 == rest.size()) v.percent = true;
          ++j;
        }
        v.upper = upper;
        if (v.comparator == Comparator::None) v.comparator = Comparator::Ge;
        i = j;
      }
    }
    std::u32string unit = rest.substr(i);
    trim(unit);
    ParsedValue period = v;
    period.comparator = Comparator::None;
    if (!unit.empty() && read_period(rest, period)) return period;
    for (char32_t c : unit) {
      if (!(cjk(c) || c == U'/' || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'²' || c == U'³')) {
        v.problem = "unexpected \"" + encode(unit) + "\" after the number";
        return v;
      }
    }
    v.unit = encode(unit);
    v.kind = ParsedValue::Kind::Number;
    return v;
  }
  if (v.comparator == Comparator::None && read_period(rest, v)) return v;
  if (v.comparator != Comparator::None || rest.empty()) {
    v.kind = ParsedValue::Kind::Unreadable;
    v.problem = "a comparison without a number";
    return v;
  }
  for (char32_t c : rest)
    if (!cjk(c) && c != U'、' && c != U'，') {
      v.problem = "no number, date or known word";
      return v;
    }
  if (has_chinese_numeral(rest) && !grade_fraction(encode(rest))) {
    v.problem = "a number written in words";
    return v;
  }
  v.kind = ParsedValue::Kind::Qualitative;
  v.word = encode(rest);
  return v;
}

namespace {

bool achieved_word(const std::string& w) {
  static const char* kWords[] = {"有效提升", "有效提高", "有效维护", "有效建设", "健全", "合规", "规范", "充分",
                                 "建立", "落实", "达标", "完成", "已完成", "是", "好", "满意", "有效"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

bool missed_word(const std::string& w) {
  static const char* kWords[] = {"未完成", "未达标", "否", "不合规", "不规范", "未建立", "未落实", "不健全"};
  for (const char* k : kWords)
    if (w == k) return true;
  return false;
}

// Days since a fixed origin; day 0 means the end of the month.
long days(int y, int m, int d) {
  static const int kMonth[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int last = kMonth[m - 1] + (m == 2 && leap ? 1 : 0);
  if (d == 0) d = last;
  // Civil-from-days (Howard Hinnant), shifted so March starts the year.
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe;
}

// Factor to bring a unit to its base: 万元 → 元.
double scale(const std::string& unit, std::string& base) {
  if (unit == "万元") { base = "元"; return 10000; }
  if (unit == "亿元") { base = "元"; return 100000000; }
  base = unit;
  return 1;
}

}  // namespace

std::optional<double> achievement(const ParsedValue& t, const ParsedValue& a) {
  using K = ParsedValue::Kind;
  if (t.kind == K::Nil || a.kind == K::Nil || t.kind == K::Unreadable || a.kind == K::Unreadable)
    return std::nullopt;
  if (t.kind == K::Date && a.kind == K::Date)
    return days(a.year, a.month, a.day) <= days(t.year, t.month, t.day) ? 1.0 : 0.0;
  if (t.kind == K::Qualitative) {
    if (a.kind == K::Qualitative) {
      if (a.word == t.word || achieved_word(a.word)) return 1.0;
      if (missed_word(a.word)) return 0.0;
      return std::nullopt;
    }
    if (a.kind == K::Number && a.percent) return std::min(a.number / 100, 1.0);
    return std::nullopt;
  }
  bool comparable = (t.kind == K::Number && a.kind == K::Number) || (t.kind == K::Period && a.kind == K::Period);
  if (!comparable || t.percent != a.percent) return std::nullopt;
  std::string tb, ab;
  double ts = scale(t.unit, tb), as = scale(a.unit, ab);
  if (!tb.empty() && !ab.empty() && tb != ab) return std::nullopt;
  double tv = t.number * ts, av = a.number * as;
  if (t.comparator == Comparator::Le || t.comparator == Comparator::Lt) {
    if (av <= 0) return 1.0;
    return tv / av;
  }
  if (tv == 0) return av >= 0 ? 1.0 : 0.0;
  return av / tv;
}

std::optional<double> grade_fraction(std::string_view word) {
  if (word == "好" || word == "优") return 1.0;
  if (word == "较好" || word == "良") return 0.8;
  if (word == "一般" || word == "中") return 0.6;
  if (word == "较差") return 0.4;
  if (word == "差") return 0.2;
  return std::nullopt;
}

}  // namespace jixiao::scoring
