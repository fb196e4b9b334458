// What units write as 年度指标值 (targets) and 实际完成值 (actuals), read into comparable
// values: "≥95%", "=1 套", "≤93.69", "15%及其以下", "一个月内", "2021年12月前", "有效提升", "无".
// What cannot be read is Unreadable with the reason — never a guess; the scoring stage
// reports it as a finding naming the value's JSON pointer. See docs/values.md.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace jixiao::scoring {

// None: a bare value. A target written "100%" means "reach at least it" for 正向 indicators
// and "at most" for 反向 ones — which one is the caller's to say (rule sets mark 成本指标).
enum class Comparator { None, Eq, Ge, Gt, Le, Lt };

struct ParsedValue {
  enum class Kind { Number, Date, Period, Qualitative, Nil, Unreadable };
  Kind kind = Kind::Unreadable;
  Comparator comparator = Comparator::None;
  // Number, Period: the value; for percent the value in percent (95 for "95%"). Never
  // negative: a ratio to a negative value means nothing, so "-5%" is Unreadable.
  double number = 0;
  // A range "90%-100%" / "90%~100%" / "1-3次": number is the lower bound, upper the upper
  // one and comparator Ge. 0 when not a range (a range always has upper > number ≥ 0).
  double upper = 0;
  bool percent = false;
  // As written after the number ("套", "次", "小时", "万元", "次/月"); "个月" → "月". "" when
  // none. Period: the time unit ("月", "天") or the frequency ("次/年").
  std::string unit;
  // Date: day 0 when only year and month are given ("2021年12月前" → 2021-12-0, comparator
  // Le: by the end of that month).
  int year = 0, month = 0, day = 0;
  std::string word;     // Qualitative: the word ("有效提升"), full-width letters folded
  std::string text;     // the input as written
  std::string problem;  // Unreadable: why
};

// Number: "15000", "1,035,356.30", "≥95%", "=1 套", "不超过50万元", "15%及其以下", "两次".
// Date: "2021年11月25日", "2021年12月前", "2021年底", "2021-12-03".
// Period: a duration with 内 ("一个月内", "3天内" → Le) or a frequency ("一年一次" → 1 次/年).
// Qualitative: a word or phrase without digits ("有效提升", "健全"). Nil: "", "无", "—", "/".
ParsedValue parse_value(std::string_view text);

// How far an actual reaches its target, as a ratio (1.0 = met exactly), for scoring.
// Ge/Gt/Eq/None (正向): actual/target. Le/Lt (反向: costs, durations): target/actual,
// uncapped (callers cap). A range: 1 within it, actual/lower below, upper/actual above.
// Date: 1 when the actual is on or before the deadline (end of the month for day 0), 0 when
// after. Qualitative: 1 when the actual is the same word, a word meaning achieved or ≥100%;
// 0 for its negation (未完成, 不健全, 否). Numbers and periods compare when both or neither
// are percent and units agree (one empty counts as agreeing; 万元/元, 小时/天, 次/月/次/年
// convert). std::nullopt when they cannot be compared: Nil, Unreadable, kinds or units differ.
std::optional<double> achievement(const ParsedValue& target, const ParsedValue& actual);

// Qualitative grades (定性指标): 好/较好/一般/较差/差 → 1.0/0.8/0.6/0.4/0.2; std::nullopt otherwise.
std::optional<double> grade_fraction(std::string_view word);

// Internal to engine/scoring/value*.cpp: declared here only so that the parser can be split
// across small files. Not for other callers.
namespace value_detail {

// Decodes UTF-8 and folds full-width ASCII (U+FF01–FF5E), the ideographic space, ≧/≦ and 〜
// to their plain forms. False when the text is not valid UTF-8.
bool fold(std::string_view utf8, std::u32string& out);
std::string to_utf8(std::u32string_view text);
void trim(std::u32string& s);  // spaces, tabs, line breaks, and a closing 。
bool is_cjk(char32_t c);
int days_in_month(int year, int month);
// 零一二三四五六七八九两 → 0–9 (两 = 2), 十 → 10; -1 for anything else.
int numeral(char32_t c);
// Reads a Chinese numeral below 100 (一, 十二, 二十五, 两) or a run of ASCII digits at
// s[i], advancing i. 半 reads as 0.5.
bool read_count(std::u32string_view s, std::size_t& i, double& out);
// The time unit starting at s[i] ("个月" counts as "月"), advancing i; "" when none.
std::u32string time_unit_at(std::u32string_view s, std::size_t& i);
bool is_time_unit(std::string_view unit);

enum class Read { No, Yes, Bad };  // not this shape / read / this shape but wrong (see problem)
// "2021年11月25日", "2021年12月", "2021-12-03"; "2021年" with end_of_year (底, 内).
Read read_date(std::u32string_view s, bool end_of_year, ParsedValue& v);
// Chinese-numeral counts and durations ("两次", "一个月") and frequencies ("一年一次",
// "每月1次", "每半年一次").
Read read_words_number(std::u32string_view s, ParsedValue& v);

}  // namespace value_detail

}  // namespace jixiao::scoring
