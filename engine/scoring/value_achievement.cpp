// achievement() and grade_fraction(): how far an actual reaches its target (value.h).
#include <limits>

#include "scoring/value.h"

namespace jixiao::scoring {

namespace {

using Kind = ParsedValue::Kind;

bool at_least(Comparator c) { return c == Comparator::Ge || c == Comparator::Gt; }
bool at_most(Comparator c) { return c == Comparator::Le || c == Comparator::Lt; }

// A unit as a multiple of the base of its family, so that 万元 meets 元 and 小时 meets 天.
// Only exact conversions: a month is not a number of days, so 月 and 天 do not meet.
struct Scaled {
  std::string base;
  double factor = 1;
};

Scaled scale(std::string_view u) {
  if (auto slash = u.find('/'); slash != std::string_view::npos) {  // 次/月 = (次) / (月)
    Scaled n = scale(u.substr(0, slash)), d = scale(u.substr(slash + 1));
    return {n.base + "/" + d.base, n.factor / d.factor};
  }
  struct Known {
    std::string_view unit, base;
    double factor;
  };
  static const Known kKnown[] = {{"分钟", "分钟", 1},  {"小时", "分钟", 60},    {"天", "分钟", 1440},
                                 {"日", "分钟", 1440}, {"周", "分钟", 10080},  {"星期", "分钟", 10080},
                                 {"月", "月", 1},      {"季度", "月", 3},       {"年", "月", 12},
                                 {"千元", "元", 1e3}};
  for (const auto& k : kKnown)
    if (u == k.unit) return {std::string(k.base), k.factor};
  // Multipliers before any unit (or none): 万元, 亿元, 万人次, 万.
  static const Known kMultipliers[] = {{"千万", "", 1e7}, {"百万", "", 1e6}, {"亿", "", 1e8}, {"万", "", 1e4}};
  for (const auto& m : kMultipliers)
    if (u.substr(0, m.unit.size()) == m.unit) {
      Scaled rest = scale(u.substr(m.unit.size()));
      return {rest.base, rest.factor * m.factor};
    }
  return {std::string(u), 1};
}

// What one actual unit is in target units; an empty unit agrees with any (the unit is then
// in the indicator's name, "项目成本（万元）").
std::optional<double> unit_factor(const std::string& target, const std::string& actual) {
  Scaled t = scale(target), a = scale(actual);
  if (t.base == a.base) return a.factor / t.factor;
  if (target.empty() || actual.empty()) return 1.0;
  return std::nullopt;
}

std::optional<double> quantity(const ParsedValue& t, const ParsedValue& a) {
  if (a.upper > 0 || t.percent != a.percent) return std::nullopt;
  auto f = unit_factor(t.unit, a.unit);
  if (!f) return std::nullopt;
  double tv = t.number, av = a.number * *f;
  // An actual written with a comparator ("≥95%") is a bound, usable only on the side of
  // achievement: "≥95%" shows a floor reached, but says nothing under a ceiling.
  bool up = at_least(a.comparator), down = at_most(a.comparator);
  if (t.upper > 0) {  // a range: a floor and a ceiling
    if (up || down) return std::nullopt;
    if (av < tv) return av / tv;
    return av > t.upper ? t.upper / av : 1.0;
  }
  if (at_most(t.comparator)) {
    if (up) return std::nullopt;
    return av <= 0 ? 1.0 : tv / av;  // nothing spent is within any ceiling
  }
  if (down) return std::nullopt;
  if (tv == 0) {  // no ratio to 0: met or not
    if (t.comparator == Comparator::Eq) {
      if (up && av == 0) return std::nullopt;  // "≥0" against "=0"
      return av == 0 ? 1.0 : 0.0;
    }
    if (t.comparator == Comparator::Gt && av == 0 && a.comparator != Comparator::Gt) return std::nullopt;
    return 1.0;  // ≥0, >0 reached, or a bare 0 as a floor
  }
  return av / tv;
}

// Days since 1970-01-01 (H. Hinnant's days_from_civil).
long serial(int y, int m, int d) {
  y -= m <= 2;
  long era = (y >= 0 ? y : y - 399) / 400;
  long yoe = y - era * 400;
  long doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  return era * 146097 + yoe * 365 + yoe / 4 - yoe / 100 + doy - 719468;
}

// A deadline met or missed; an actual of a month only ("2021年12月") spans the month, and is
// judged only when the whole month falls on one side of the deadline.
std::optional<double> dates(const ParsedValue& t, const ParsedValue& a) {
  if (at_least(t.comparator)) return std::nullopt;
  long deadline = serial(t.year, t.month, t.day ? t.day : value_detail::days_in_month(t.year, t.month));
  long earliest = serial(a.year, a.month, a.day ? a.day : 1);
  long latest = serial(a.year, a.month, a.day ? a.day : value_detail::days_in_month(a.year, a.month));
  if (at_most(a.comparator)) earliest = std::numeric_limits<long>::min();  // "by 2021年12月"
  if (at_least(a.comparator)) latest = std::numeric_limits<long>::max();
  if (latest <= deadline) return 1.0;
  if (earliest > deadline) return 0.0;
  return std::nullopt;
}

bool achieved(std::string_view w) {
  static const std::string_view kWords[] = {"有效提升", "有效提高", "有效维护", "有效建设", "健全", "合规",
                                            "规范",     "充分",     "建立",     "落实",     "达标", "完成",
                                            "是",       "好",       "合格",     "符合",     "实现"};
  if (w.substr(0, 3) == "已") w.remove_prefix(3);  // 已完成, 已建立, 已落实
  for (auto k : kWords)
    if (w == k) return true;
  return false;
}

bool missed(std::string_view w, std::string_view target) {
  if (w == "否") return true;
  for (std::string_view no : {"尚未", "没有", "未", "不", "没"})
    if (w.substr(0, no.size()) == no) {
      std::string_view rest = w.substr(no.size());
      return achieved(rest) || rest == target;
    }
  return false;
}

std::optional<double> words(const ParsedValue& t, const ParsedValue& a) {
  if (a.kind == Kind::Qualitative) {
    if (a.word == t.word || achieved(a.word)) return 1.0;
    if (missed(a.word, t.word)) return 0.0;
    return std::nullopt;
  }
  // "建立" → "100%": done. Less than 100% of a word is for people to judge.
  if (a.kind == Kind::Number && a.percent && a.upper == 0 && !at_most(a.comparator) && a.number >= 100)
    return 1.0;
  return std::nullopt;
}

}  // namespace

std::optional<double> achievement(const ParsedValue& target, const ParsedValue& actual) {
  auto usable = [](const ParsedValue& v) { return v.kind != Kind::Nil && v.kind != Kind::Unreadable; };
  if (!usable(target) || !usable(actual)) return std::nullopt;
  switch (target.kind) {
    case Kind::Date: return actual.kind == Kind::Date ? dates(target, actual) : std::nullopt;
    case Kind::Qualitative: return words(target, actual);
    case Kind::Number:
    case Kind::Period:  // both quantities: "一个月内" meets "20天"? no (月 ≠ days), "1个月" yes
      if (actual.kind != Kind::Number && actual.kind != Kind::Period) return std::nullopt;
      return quantity(target, actual);
    default: return std::nullopt;
  }
}

std::optional<double> grade_fraction(std::string_view word) {
  std::u32string s;
  if (!value_detail::fold(word, s)) return std::nullopt;
  value_detail::trim(s);
  std::string w = value_detail::to_utf8(s);
  static const std::pair<std::string_view, double> kGrades[] = {
      {"好", 1.0}, {"较好", 0.8}, {"一般", 0.6}, {"较差", 0.4}, {"差", 0.2}};
  for (const auto& [g, f] : kGrades)
    if (w == g) return f;
  return std::nullopt;
}

}  // namespace jixiao::scoring
