// The value parser, one case a line: what units write as 年度指标值 and 实际完成值 → what it
// is read as. Seeds 000, 003 and 004 first, then invented edge cases.
#include <catch2/catch.hpp>

#include <cmath>

#include "scoring/value.h"

using namespace jixiao::scoring;

namespace {

using K = ParsedValue::Kind;
constexpr auto None = Comparator::None, Eq = Comparator::Eq, Ge = Comparator::Ge, Le = Comparator::Le;

ParsedValue num(Comparator c, double n, bool pct = false, const char* unit = "", double upper = 0) {
  ParsedValue v;
  v.kind = K::Number, v.comparator = c, v.number = n, v.percent = pct, v.unit = unit, v.upper = upper;
  return v;
}
ParsedValue period(Comparator c, double n, const char* unit) {
  ParsedValue v = num(c, n, false, unit);
  v.kind = K::Period;
  return v;
}
ParsedValue date(Comparator c, int y, int m, int d) {
  ParsedValue v;
  v.kind = K::Date, v.comparator = c, v.year = y, v.month = m, v.day = d;
  return v;
}
ParsedValue word(const char* w) {
  ParsedValue v;
  v.kind = K::Qualitative, v.word = w;
  return v;
}
ParsedValue nil() {
  ParsedValue v;
  v.kind = K::Nil;
  return v;
}
ParsedValue bad(const char* problem) {
  ParsedValue v;
  v.problem = problem;
  return v;
}

void check(const char* in, const ParsedValue& want) {
  INFO("input: \"" << in << "\"");
  ParsedValue got = parse_value(in);
  CHECK(got.text == in);
  CHECK(static_cast<int>(got.kind) == static_cast<int>(want.kind));
  CHECK(got.problem == want.problem);
  if (want.kind == K::Unreadable) return;
  CHECK(static_cast<int>(got.comparator) == static_cast<int>(want.comparator));
  CHECK(got.number == want.number);
  CHECK(got.upper == want.upper);
  CHECK(got.percent == want.percent);
  CHECK(got.unit == want.unit);
  CHECK(got.year == want.year);
  CHECK(got.month == want.month);
  CHECK(got.day == want.day);
  CHECK(got.word == want.word);
}

std::optional<double> ach(const char* target, const char* actual) {
  return achievement(parse_value(target), parse_value(actual));
}

}  // namespace

TEST_CASE("value parser: the seeds' targets and actuals", "[scoring][value]") {
  check("=1 套", num(Eq, 1, false, "套"));
  check("=100%", num(Eq, 100, true));
  check("≥95%", num(Ge, 95, true));
  check(">=85%", num(Ge, 85, true));
  check("<=8小时", num(Le, 8, false, "小时"));
  check("≤93.69", num(Le, 93.69));
  check("≤124000", num(Le, 124000));
  check("15%及其以下", num(Le, 15, true));
  check("1次", num(None, 1, false, "次"));
  check("一年一次", period(None, 1, "次/年"));
  check("一个月内", period(Le, 1, "月"));
  check("2021年12月前", date(Le, 2021, 12, 0));
  check("2021年7月前完成", date(Le, 2021, 7, 0));
  check("2021年11月25日", date(None, 2021, 11, 25));
  check("2021年12月3日", date(None, 2021, 12, 3));
  check("有效提升", word("有效提升"));
  check("有效提高", word("有效提高"));
  check("有效建设", word("有效建设"));
  check("健全", word("健全"));
  check("合规", word("合规"));
  check("规范", word("规范"));
  check("充分", word("充分"));
  check("建立", word("建立"));
  check("落实", word("落实"));
  check("已完成。", word("已完成"));
  check("无", nil());
  check("100%", num(None, 100, true));
  check("12", num(None, 12));
  check("1420000.0", num(None, 1420000));
  check("87.1", num(None, 87.1));
  check("1 套", num(None, 1, false, "套"));
  check("1 份", num(None, 1, false, "份"));
  check("15000", num(None, 15000));
  check("1,035,356.30", num(None, 1035356.30));
}

TEST_CASE("value parser: full width, spaces, comparator words and units", "[scoring][value]") {
  check("１２", num(None, 12));
  check("＞＝８５％", num(Ge, 85, true));
  check("≧95%", num(Ge, 95, true));
  check("≦8小时", num(Le, 8, false, "小时"));
  check(" 100% ", num(None, 100, true));
  check("100%\n", num(None, 100, true));
  check("≥ 95 %", num(Ge, 95, true));
  check("46万元", num(None, 46, false, "万元"));
  check("1次/月", num(None, 1, false, "次/月"));
  check("1 次 / 月", num(None, 1, false, "次/月"));
  check("不超过50万元", num(Le, 50, false, "万元"));
  check("不低于90%", num(Ge, 90, true));
  check("95%及以上", num(Ge, 95, true));
  check("≥95%以上", num(Ge, 95, true));
  check("5万元以内", num(Le, 5, false, "万元"));
  check("两次", num(None, 2, false, "次"));
  check("十二次", num(None, 12, false, "次"));
  check("3个月", num(None, 3, false, "月"));
  check("一般", word("一般"));
  check("不超过预算", word("不超过预算"));  // a phrase, not a comparison
  check("按规定时间内完成", word("按规定时间内完成"));
  check("完成2021年新增系统的运维。", word("完成2021年新增系统的运维"));  // a year in prose
  check("2021年度目标", word("2021年度目标"));
  check("", nil());
  check("—", nil());
  check("/", nil());
  check("不适用", nil());
}

TEST_CASE("value parser: ranges, periods and dates", "[scoring][value]") {
  check("90%-100%", num(Ge, 90, true, "", 100));
  check("90%~100%", num(Ge, 90, true, "", 100));
  check("90～100%", num(Ge, 90, true, "", 100));
  check("1-3次", num(Ge, 1, false, "次", 3));
  check("3天内", period(Le, 3, "天"));
  check("3个月内", period(Le, 3, "月"));
  check("24小时以内", period(Le, 24, "小时"));
  check("两周内", period(Le, 2, "周"));
  check("每月一次", period(None, 1, "次/月"));
  check("每半年一次", period(None, 2, "次/年"));
  check("两年一次", period(None, 0.5, "次/年"));
  check("2021年底", date(Le, 2021, 12, 0));
  check("2021年内", date(Le, 2021, 12, 0));
  check("2021年12月31日前", date(Le, 2021, 12, 31));
  check("2021-12-03", date(None, 2021, 12, 3));
  check("2021年12月份", date(None, 2021, 12, 0));
  check("不晚于2021年6月", date(Le, 2021, 6, 0));
}

TEST_CASE("value parser: what is not read is unreadable, with the reason", "[scoring][value]") {
  check("九成", bad("a number written in words"));
  check("百分之九十", bad("a number written in words"));
  check("大约100", bad("no number, date or known word"));
  check("abc", bad("no number, date or known word"));
  check("于2021年12月前完成", bad("no number, date or known word"));
  check("100%?", bad("unexpected \"?\" after the number"));
  check("100左右", bad("unexpected \"左右\" after the number"));
  check("100余次", bad("unexpected \"余次\" after the number"));
  check("2无", bad("unexpected \"无\" after the number"));
  check("1万 元", bad("unexpected \"万 元\" after the number"));
  check("100%完成", bad("unexpected \"完成\" after the number"));
  check("≥", bad("a comparison without a number"));
  check("≥有效提升", bad("a comparison without a number"));
  check("≤95%以上", bad("conflicting comparisons"));
  check("≥90%-100%", bad("a range with a comparison"));
  check("90%-100%以上", bad("a range with a comparison"));
  check("100%-90%", bad("a range whose lower bound is not below its upper one"));
  check("1,5", bad("a malformed number"));
  check("12.", bad("a malformed number"));
  check("-5%", bad("a signed number (a ratio to a negative value means nothing)"));
  check("2021年13月", bad("not a calendar date"));
  check("2021年2月29日", bad("not a calendar date"));
  check("2021年12月3日底", bad("unexpected \"底\" after the date"));
  check("2021年", bad("a year without a month"));
  check("12月底前", bad("a date without a year"));
  check("三月内", bad("a date without a year"));  // March, or three months?
  check("\xff\xfe", bad("not valid UTF-8"));
}

TEST_CASE("value parser: how far an actual reaches its target", "[scoring][value]") {
  CHECK(*ach("≤93.69", "87.1") == Approx(93.69 / 87.1));
  CHECK(*ach("100%", "100%") == 1);
  CHECK(*ach("≥12", "12") == 1);
  CHECK(*ach("≥1", "3") == 3);
  CHECK(*ach("=95%", "100%") == Approx(100.0 / 95));
  CHECK(*ach(">=85%", ">=85%") == 1);  // an actual written as a floor reached
  CHECK(*ach("≤124000", "1170000") == Approx(0.106).epsilon(0.001));
  CHECK(*ach("≤50万元", "400000元") == Approx(1.25));
  CHECK(*ach("46", "31.92万元") == Approx(31.92 / 46));
  CHECK(*ach("1.2万", "12000") == 1);
  CHECK(*ach("90%-100%", "95%") == 1);
  CHECK(*ach("90%-100%", "81%") == Approx(0.9));
  CHECK(*ach("=0", "0") == 1);
  CHECK(*ach("=0", "2") == 0);
  CHECK(*ach("一个月内", "一个月内") == 1);
  CHECK(*ach("24小时内", "1天") == 1);
  CHECK(*ach("一年一次", "每月一次") == 12);
  CHECK(*ach("2021年7月前完成", "2021年12月3日") == 0);
  CHECK(*ach("2021年12月前", "2021年11月25日") == 1);
  CHECK(*ach("2021年12月前", "2021年12月") == 1);
  CHECK(*ach("有效提升", "有效提升") == 1);
  CHECK(*ach("有效提高", "已完成") == 1);
  CHECK(*ach("建立", "100%") == 1);
  CHECK(*ach("健全", "不健全") == 0);
  CHECK_FALSE(ach("2021年12月15日", "2021年12月"));  // the month straddles the deadline
  CHECK_FALSE(ach("≤8小时", "≥6小时"));               // a floor says nothing under a ceiling
  CHECK_FALSE(ach("一个月内", "20天"));               // a month is not a number of days
  CHECK_FALSE(ach("建立", "80%"));
  CHECK_FALSE(ach("有效提升", "一般般"));
  CHECK_FALSE(ach("100%", "12"));    // percent against a count
  CHECK_FALSE(ach("1 套", "1 份"));  // different units
  CHECK_FALSE(ach("2021年12月前", "有效提升"));
  CHECK_FALSE(ach("≥95%", "九成"));
  CHECK_FALSE(ach("无", "无"));
  CHECK_FALSE(ach("≥95%", "无"));
}

TEST_CASE("value parser: qualitative grades", "[scoring][value]") {
  CHECK(*grade_fraction("好") == 1.0);
  CHECK(*grade_fraction("较好") == 0.8);
  CHECK(*grade_fraction("一般") == 0.6);
  CHECK(*grade_fraction("较差") == 0.4);
  CHECK(*grade_fraction("差") == 0.2);
  CHECK(*grade_fraction(" 较好 ") == 0.8);
  CHECK_FALSE(grade_fraction("很好"));
  CHECK_FALSE(grade_fraction("优"));
  CHECK_FALSE(grade_fraction(""));
}
