// parse_value: comparators around a number, date or duration; numbers with thousands
// separators, percent, ranges and units; words. Character-level reading is in value_scan.cpp.
#include <algorithm>
#include <charconv>

#include "scoring/value.h"

namespace jixiao::scoring {

namespace {

using namespace value_detail;
using Kind = ParsedValue::Kind;

bool digit(char32_t c) { return c >= U'0' && c <= U'9'; }

ParsedValue fail(ParsedValue v, std::string why) {
  ParsedValue out;
  out.text = std::move(v.text);
  out.problem = std::move(why);
  return out;
}

bool is_nil(const std::u32string& s) {
  for (std::u32string_view n : {U"", U"无", U"/", U"\\", U"-", U"--", U"—", U"——", U"–", U"―", U"N/A", U"n/a",
                                U"不适用"})
    if (s == n) return true;
  return false;
}

struct Prefix {
  std::u32string_view text;
  Comparator cmp;
};
// Symbols need a number after them; words also begin phrases ("不超过预算"), so they count
// only when a number, date or duration follows.
constexpr Prefix kSymbols[] = {{U">=", Comparator::Ge}, {U"=>", Comparator::Ge}, {U"<=", Comparator::Le},
                               {U"=<", Comparator::Le}, {U"==", Comparator::Eq}, {U"≥", Comparator::Ge},
                               {U"≤", Comparator::Le},  {U">", Comparator::Gt},  {U"<", Comparator::Lt},
                               {U"=", Comparator::Eq}};
constexpr Prefix kWords[] = {
    {U"大于或等于", Comparator::Ge}, {U"大于等于", Comparator::Ge}, {U"小于或等于", Comparator::Le},
    {U"小于等于", Comparator::Le},   {U"不低于", Comparator::Ge},   {U"不少于", Comparator::Ge},
    {U"不小于", Comparator::Ge},     {U"不超过", Comparator::Le},   {U"不高于", Comparator::Le},
    {U"不多于", Comparator::Le},     {U"不大于", Comparator::Le},   {U"不晚于", Comparator::Le},
    {U"不早于", Comparator::Ge},     {U"至少", Comparator::Ge},     {U"达到", Comparator::Ge},
    {U"最多", Comparator::Le},       {U"至多", Comparator::Le},     {U"大于", Comparator::Gt},
    {U"高于", Comparator::Gt},       {U"多于", Comparator::Gt},     {U"超过", Comparator::Gt},
    {U"小于", Comparator::Lt},       {U"低于", Comparator::Lt},     {U"少于", Comparator::Lt}};

// What a suffix may follow.
enum Fits : unsigned { kNumber = 1, kDuration = 2, kDate = 4 };
struct Suffix {
  std::u32string_view text;
  Comparator cmp;
  unsigned fits;
  bool within = false;     // 内 family: a duration becomes a Period, "2021年内" the year's end
  bool month_end = false;  // 底/末: the end of the year or month named, never of a day
};
constexpr Suffix kSuffixes[] = {
    {U"及其以下", Comparator::Le, kNumber | kDuration}, {U"及以下", Comparator::Le, kNumber | kDuration},
    {U"以下", Comparator::Le, kNumber | kDuration},     {U"及其以上", Comparator::Ge, kNumber | kDuration},
    {U"及以上", Comparator::Ge, kNumber | kDuration},   {U"以上", Comparator::Ge, kNumber | kDuration},
    {U"以内", Comparator::Le, kNumber | kDuration | kDate, true},
    {U"之内", Comparator::Le, kNumber | kDuration | kDate, true},
    {U"内", Comparator::Le, kDuration | kDate, true},
    {U"以内完成", Comparator::Le, kDuration | kDate, true},
    {U"之内完成", Comparator::Le, kDuration | kDate, true},
    {U"内完成", Comparator::Le, kDuration | kDate, true},
    {U"底", Comparator::Le, kDate, true, true},         {U"末", Comparator::Le, kDate, true, true},
    {U"底前", Comparator::Le, kDate, true, true},       {U"底前完成", Comparator::Le, kDate, true, true},
    {U"前", Comparator::Le, kDate},                     {U"之前", Comparator::Le, kDate},
    {U"以前", Comparator::Le, kDate},                   {U"前完成", Comparator::Le, kDate},
    {U"之前完成", Comparator::Le, kDate},               {U"以前完成", Comparator::Le, kDate},
    {U"完成", Comparator::None, kDate}};

// The longest suffix the text ends with (and is more than).
const Suffix* suffix_of(const std::u32string& s) {
  const Suffix* best = nullptr;
  for (const auto& x : kSuffixes)
    if (s.size() > x.text.size() && s.compare(s.size() - x.text.size(), x.text.size(), x.text) == 0 &&
        (!best || x.text.size() > best->text.size()))
      best = &x;
  return best;
}

// "1,035,356.30", "87.1", "15000" at s[i]. A comma must start a group of exactly three
// digits: "1,5" could be a decimal comma, so it is not read as 15.
bool read_decimal(const std::u32string& s, std::size_t& i, double& out, std::string& why) {
  std::string ascii;
  std::size_t j = i, group = 0;
  bool grouped = false;
  while (j < s.size()) {
    if (digit(s[j])) {
      ascii += static_cast<char>(s[j++]);
      ++group;
    } else if (s[j] == U',' && j + 1 < s.size() && digit(s[j + 1])) {
      bool ok = group >= 1 && group <= 3 && (!grouped || group == 3);
      std::size_t k = j + 1;
      while (k < s.size() && digit(s[k])) ++k;
      if (!ok || k - j - 1 != 3) return why = "a malformed number", false;
      grouped = true;
      group = 0;
      ++j;
    } else {
      break;
    }
  }
  if (ascii.empty()) return why = "a malformed number", false;
  if (j < s.size() && s[j] == U'.') {
    if (j + 1 >= s.size() || !digit(s[j + 1])) return why = "a malformed number", false;
    ascii += '.';
    for (++j; j < s.size() && digit(s[j]);) ascii += static_cast<char>(s[j++]);
  }
  if (std::from_chars(ascii.data(), ascii.data() + ascii.size(), out).ec != std::errc())
    return why = "a malformed number", false;
  i = j;
  return true;
}

// A unit is short and names a measure ("套", "万元", "人次", "m²", "次 / 月" → "次/月");
// anything else after a number ("左右", "余", "多", "?", "无") makes the value unreadable
// rather than a guess. Returns false for those.
bool clean_unit(std::u32string& u) {
  static const std::u32string_view kProse =
      U"约左右多余几等或及以前后内完成达超近每不未已和与至到上下无有效底末好差否是零一二三四五六七八九十两半";
  trim(u);
  if (auto slash = u.find(U'/'); slash != std::u32string::npos) {  // one "/" between two units
    std::u32string a = u.substr(0, slash), b = u.substr(slash + 1);
    trim(a);
    trim(b);
    if (a.empty() || b.empty() || b.find(U'/') != std::u32string::npos) return false;
    u = a + U'/' + b;
  }
  if (u.size() > 5) return false;
  for (char32_t c : u) {
    bool measure = is_cjk(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') || c == U'/' ||
                   c == U'²' || c == U'³';
    if (!measure || kProse.find(c) != std::u32string_view::npos) return false;
  }
  return true;
}

void skip_spaces(const std::u32string& s, std::size_t& i) {
  while (i < s.size() && s[i] == U' ') ++i;
}

// A number with percent, range and unit: "95%", "1 套", "90%-100%", "46万元", "1次/月".
Read read_number(const std::u32string& s, ParsedValue& v) {
  std::size_t i = 0;
  std::string why;
  if (!read_decimal(s, i, v.number, why)) return v.problem = why, Read::Bad;
  skip_spaces(s, i);
  v.percent = i < s.size() && s[i] == U'%';
  if (v.percent) ++i;
  skip_spaces(s, i);
  static const std::u32string_view kTo = U"-~至到—–";
  if (i < s.size() && kTo.find(s[i]) != std::u32string_view::npos) {
    std::size_t j = i + 1;
    skip_spaces(s, j);
    if (j < s.size() && digit(s[j])) {
      if (!read_decimal(s, j, v.upper, why)) return v.problem = why, Read::Bad;
      skip_spaces(s, j);
      if (j < s.size() && s[j] == U'%') v.percent = true, ++j;  // "90-100%": both percent
      if (!(v.upper > v.number))
        return v.problem = "a range whose lower bound is not below its upper one", Read::Bad;
      v.comparator = Comparator::Ge;
      i = j;
    }
  }
  std::u32string unit = s.substr(i);
  if ((v.percent && !unit.empty()) || !clean_unit(unit))
    return v.problem = "unexpected \"" + to_utf8(s.substr(i)) + "\" after the number", Read::Bad;
  std::size_t k = 0;  // "3个月" → 月, like "一个月"
  if (std::u32string t = time_unit_at(unit, k); !t.empty() && k == unit.size()) unit = t;
  v.unit = to_utf8(unit);
  v.kind = Kind::Number;
  return Read::Yes;
}

// A number, date or duration (comparators already taken off).
Read read_quantity(const std::u32string& core, bool end_of_year, ParsedValue& v) {
  if (core.empty()) return Read::No;
  if (Read r = read_date(core, end_of_year, v); r != Read::No) return r;
  if (Read r = read_words_number(core, v); r != Read::No) return r;
  bool year = core.size() > 4 && core[4] == U'年' && std::all_of(core.begin(), core.begin() + 4, digit);
  if (year) return Read::No;  // "2021年度目标": a phrase naming a year, not 2021 of something
  if (digit(core[0])) return read_number(core, v);
  if (core.size() > 1 && (core[0] == U'-' || core[0] == U'+') && digit(core[1]))
    return v.problem = "a signed number (a ratio to a negative value means nothing)", Read::Bad;
  if (core[0] == U'.') return v.problem = "a malformed number", Read::Bad;
  return Read::No;
}

// Written in words: "九成", "百分之九十", "三分之二", "十" — numbers, but not ones to guess at.
bool number_in_words(const std::u32string& s) {
  if (s.rfind(U"百分之", 0) == 0) return true;
  static const std::u32string_view kMore = U"百千万亿半";
  std::size_t i = 0;
  while (i < s.size() && (numeral(s[i]) >= 0 || kMore.find(s[i]) != std::u32string_view::npos)) ++i;
  if (i == 0) return false;
  std::u32string_view rest = std::u32string_view(s).substr(i);
  for (std::u32string_view f : {U"成", U"倍", U"分之", U"%", U"个百分点", U"百分点"})
    if (rest.substr(0, f.size()) == f) return true;
  return rest.empty();
}

// A word or phrase: "有效提升", "完成2021年新增系统的运维". It may name a year ("2021年"), but
// any other digit or a comparison sign means a quantity not read — "大约100", "约≥90%".
ParsedValue read_word(const std::u32string& s, ParsedValue v) {
  static const std::u32string_view kSigns = U"%<>=≥≤≈~?";
  bool cjk = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (digit(s[i])) {
      std::size_t j = i;
      while (j < s.size() && digit(s[j])) ++j;
      bool year = j - i == 4 && j < s.size() && s[j] == U'年' && !(j + 1 < s.size() && digit(s[j + 1]));
      if (!year) return fail(v, "no number, date or known word");
      i = j;
    }
    if (is_cjk(s[i])) cjk = true;
    if (kSigns.find(s[i]) != std::u32string_view::npos) return fail(v, "no number, date or known word");
  }
  if (!cjk) return fail(v, "no number, date or known word");
  if (number_in_words(s)) return fail(v, "a number written in words");
  v.kind = Kind::Qualitative;
  v.word = to_utf8(s);
  return v;
}

// One comparator from the prefix, the suffix and a range; two that disagree are an error.
bool combine(Comparator& into, Comparator c) {
  if (c == Comparator::None || c == into) return true;
  if (into != Comparator::None) return false;
  into = c;
  return true;
}

}  // namespace

ParsedValue parse_value(std::string_view text) {
  ParsedValue v;
  v.text = std::string(text);
  std::u32string s;
  if (!fold(text, s)) return fail(v, "not valid UTF-8");
  trim(s);
  if (is_nil(s)) {
    v.kind = Kind::Nil;
    return v;
  }
  std::u32string rest = s;
  Comparator prefix = Comparator::None;
  bool symbol = false;
  for (const auto& p : kSymbols)
    if (rest.rfind(p.text, 0) == 0) {
      prefix = p.cmp;
      symbol = true;
      rest.erase(0, p.text.size());
      break;
    }
  if (!symbol)
    for (const auto& p : kWords)
      if (rest.rfind(p.text, 0) == 0) {
        prefix = p.cmp;
        rest.erase(0, p.text.size());
        break;
      }
  trim(rest);
  const Suffix* suffix = suffix_of(rest);
  std::u32string core = suffix ? rest.substr(0, rest.size() - suffix->text.size()) : rest;
  trim(core);
  ParsedValue q = v;
  Read r = read_quantity(core, suffix && suffix->within, q);
  if (r == Read::Bad) return fail(v, q.problem);
  if (r == Read::No) return symbol ? fail(v, "a comparison without a number") : read_word(s, v);
  if (suffix) {
    bool timed = q.kind == Kind::Number && !q.percent && q.upper == 0 && is_time_unit(q.unit);
    unsigned is = q.kind == Kind::Date ? kDate : timed ? kNumber | kDuration : kNumber;
    if (!(suffix->fits & is) || (suffix->month_end && q.day != 0))
      return fail(v, "unexpected \"" + to_utf8(suffix->text) + "\" after the " +
                         (q.kind == Kind::Date ? "date" : "number"));
    if (suffix->within && timed) q.kind = Kind::Period;  // "一个月内", "3天内"
  }
  if (q.upper > 0 && (prefix != Comparator::None || suffix))  // "≥90%-100%": which bound?
    return fail(v, "a range with a comparison");
  Comparator c = Comparator::None;
  if (!combine(c, prefix) || !combine(c, suffix ? suffix->cmp : Comparator::None) || !combine(c, q.comparator))
    return fail(v, "conflicting comparisons");
  q.comparator = c;
  return q;
}

}  // namespace jixiao::scoring
