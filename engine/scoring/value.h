// What units write as 年度指标值 (targets) and 实际完成值 (actuals), read into comparable
// values: "≥95%", "=1 套", "≤93.69", "15%及其以下", "一个月内", "2021年12月前", "有效提升", "无".
// What cannot be read is Unreadable with the reason — never a guess.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace jixiao::scoring {

enum class Comparator { None, Eq, Ge, Gt, Le, Lt };

struct ParsedValue {
  enum class Kind { Number, Date, Period, Qualitative, Nil, Unreadable };
  Kind kind = Kind::Unreadable;
  Comparator comparator = Comparator::None;
  double number = 0;   // Number, Period: the value; for percent the value in percent (95 for "95%")
  double upper = 0;    // a range "90%-100%": the upper bound (number is the lower, comparator Ge)
  bool percent = false;
  std::string unit;    // "套", "次", "万元", "小时", "月" …; "" when none
  int year = 0, month = 0, day = 0;  // Date: day 0 when only year and month
  std::string word;    // Qualitative: the word as written ("有效提升")
  std::string text;    // the input as written
  std::string problem; // Unreadable: why
};

ParsedValue parse_value(std::string_view text);

// How far an actual reaches its target, as a ratio (1.0 = met). 正向 (≥, >, bare, =):
// actual/target; 反向 (≤, <: costs, durations): target/actual; dates: 1 when on or before
// the deadline, else 0; qualitative: 1 when the actual says the target was achieved.
// std::nullopt when the two cannot be compared.
std::optional<double> achievement(const ParsedValue& target, const ParsedValue& actual);

// 定性指标 grades 好/较好/一般/较差/差 → 1.0/0.8/0.6/0.4/0.2.
std::optional<double> grade_fraction(std::string_view word);

}  // namespace jixiao::scoring
