// The value parser, one case a line: what units write → what it means. Cases from seeds
// 000, 003 and 004, and invented edge cases (ranges, units, full-width, unreadable).
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "scoring/value.h"

using namespace jixiao::scoring;

namespace {

// A parsed value as one line: kind comparator number[%] unit date word.
std::string show(const ParsedValue& v) {
  const char* kinds[] = {"number", "date", "period", "word", "nil", "unreadable"};
  const char* cmps[] = {"", "=", "≥", ">", "≤", "<"};
  std::ostringstream o;
  o << kinds[static_cast<int>(v.kind)];
  switch (v.kind) {
    case ParsedValue::Kind::Number:
    case ParsedValue::Kind::Period:
      o << " " << cmps[static_cast<int>(v.comparator)] << v.number << (v.percent ? "%" : "");
      if (v.upper != 0) o << ".." << v.upper;
      if (!v.unit.empty()) o << " " << v.unit;
      break;
    case ParsedValue::Kind::Date:
      o << " " << cmps[static_cast<int>(v.comparator)] << v.year << "-" << v.month << "-" << v.day;
      break;
    case ParsedValue::Kind::Qualitative: o << " " << v.word; break;
    default: break;
  }
  return o.str();
}

}  // namespace

TEST_CASE("values: what units write as targets and actuals", "[scoring][values]") {
  struct Case { const char* in; const char* out; };
  const Case cases[] = {
      {"15000", "number 15000"},
      {"15005", "number 15005"},
      {"100%", "number 100%"},
      {"=100%", "number =100%"},
      {"≥95%", "number ≥95%"},
      {">=85%", "number ≥85%"},
      {"<=8小时", "number ≤8 小时"},
      {"≤93.69", "number ≤93.69"},
      {"≤124000", "number ≤124000"},
      {"≥12", "number ≥12"},
      {">0", "number >0"},
      {"<5%", "number <5%"},
      {"87.1", "number 87.1"},
      {"1420000.0", "number 1.42e+06"},
      {"1,035,356.30", "number 1.03536e+06"},
      {"=1 套", "number =1 套"},
      {"1 套", "number 1 套"},
      {"=1 份", "number =1 份"},
      {"1次", "number 1 次"},
      {"31", "number 31"},
      {"46万元", "number 46 万元"},
      {"15%及其以下", "number ≤15%"},
      {"15%以下", "number ≤15%"},
      {"95%及以上", "number ≥95%"},
      {"不低于90%", "number ≥90%"},
      {"不超过50万元", "number ≤50 万元"},
      {"90%-100%", "number ≥90%..100"},
      {"90%～100%", "number ≥90%..100"},
      {"１２", "number 12"},
      {"＞＝８５％", "number ≥85%"},
      {"≧95%", "number ≥95%"},
      {" 100% ", "number 100%"},
      {"次/月 1", "unreadable"},
      {"2021年12月前", "date ≤2021-12-0"},
      {"2021年7月前完成", "date ≤2021-7-0"},
      {"2021年11月25日", "date 2021-11-25"},
      {"2021年12月3日", "date 2021-12-3"},
      {"2021年底", "date ≤2021-12-0"},
      {"一个月内", "period ≤1 月"},
      {"3天内", "period ≤3 天"},
      {"一年一次", "period 1 次/年"},
      {"有效提升", "word 有效提升"},
      {"有效提高", "word 有效提高"},
      {"健全", "word 健全"},
      {"合规", "word 合规"},
      {"较好", "word 较好"},
      {"无", "nil"},
      {"", "nil"},
      {"—", "nil"},
      {"九成", "unreadable"},
      {"大约100", "unreadable"},
      {"100%?", "unreadable"},
      {"≥", "unreadable"},
      {"2021年13月", "unreadable"},
      {"abc", "unreadable"},
  };
  for (const auto& c : cases) {
    INFO("input: \"" << c.in << "\"");
    CHECK(show(parse_value(c.in)) == c.out);
  }
  CHECK(std::size(cases) >= 40);
}

TEST_CASE("values: an unreadable value says why", "[scoring][values]") {
  CHECK(parse_value("九成").problem == "a number written in words");
  CHECK(parse_value("大约100").problem == "no number, date or known word");
  CHECK(parse_value("100%?").problem == "unexpected \"?\" after the number");
  CHECK(parse_value("≥").problem == "a comparison without a number");
}

TEST_CASE("values: how far an actual reaches its target", "[scoring][values]") {
  auto ach = [](const char* t, const char* a) { return achievement(parse_value(t), parse_value(a)); };
  CHECK(*ach("≤93.69", "87.1") == Approx(93.69 / 87.1));
  CHECK(*ach("100%", "100%") == 1);
  CHECK(*ach("≥12", "12") == 1);
  CHECK(*ach("15000", "15005") == Approx(15005.0 / 15000));
  CHECK(*ach("2021年7月前完成", "2021年12月3日") == 0);
  CHECK(*ach("2021年12月前", "2021年11月25日") == 1);
  CHECK(*ach("2021年12月前", "2021年12月31日") == 1);
  CHECK(*ach("有效提升", "有效提升") == 1);
  CHECK(*ach("合规", "100%") == 1);
  CHECK(*ach("健全", "未建立") == 0);
  CHECK(*ach("≤50万元", "400000元") == Approx(1.25));
  CHECK(*ach("≤124000", "1170000") == Approx(124000.0 / 1170000));
  CHECK(*ach("15%及其以下", "15%及其以下") == 1);
  CHECK(*ach("=95%", "100%") == Approx(100.0 / 95));
  CHECK(*ach("一个月内", "一个月内") == 1);
  CHECK_FALSE(ach("无", "无"));
  CHECK_FALSE(ach("100%", "12"));    // percent against a count
  CHECK_FALSE(ach("1 套", "1 份"));  // different units
  CHECK_FALSE(ach("有效提升", "一般般"));
}

TEST_CASE("values: qualitative grades", "[scoring][values]") {
  CHECK(*grade_fraction("好") == 1.0);
  CHECK(*grade_fraction("较好") == 0.8);
  CHECK(*grade_fraction("一般") == 0.6);
  CHECK(*grade_fraction("较差") == 0.4);
  CHECK(*grade_fraction("差") == 0.2);
  CHECK_FALSE(grade_fraction("很好"));
}
