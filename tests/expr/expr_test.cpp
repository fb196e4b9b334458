// Expressions and number printing, tested below the XML level.
#include <catch2/catch.hpp>

#include "expr/expr.h"
#include "expr/number_format.h"

using jixiao::expr::json;
namespace t = jixiao::expr;

namespace {

const json kView = json::parse(R"({
  "title": "自评表",
  "p": {"name": "档案整理", "amount": 3700700, "rate": 0.975, "total": 99.8, "whole": 20.0,
        "none": null, "yes": true, "no": false, "empty": "", "zero": 0,
        "funds": {"total": {"rate": 0.98}},
        "indicators": [{"name": "甲"}, {"name": "乙"}, {"name": "丙"}]},
  "list": []
})");

// Evaluates "{text}" against kView and prints it.
std::string show(const std::string& text) {
  std::string src = text + "}";
  t::ParseError err;
  auto parsed = t::parse_expression(src, 0, true, err);
  INFO(text << ": " << err.message << " at " << err.pos);
  REQUIRE(parsed.ok());
  t::Scope scope(kView);
  return t::print(t::evaluate(*parsed.expr, scope), parsed.filter, *parsed.expr);
}

t::ParseError syntax_error(const std::string& text, bool braced = true) {
  std::string src = braced ? text + "}" : text;
  t::ParseError err;
  auto parsed = t::parse_expression(src, 0, braced, err);
  REQUIRE_FALSE(parsed.ok());
  return err;
}

t::EvalError eval_error(const std::string& text) {
  std::string src = text + "}";
  t::ParseError err;
  auto parsed = t::parse_expression(src, 0, true, err);
  REQUIRE(parsed.ok());
  t::Scope scope(kView);
  try {
    t::print(t::evaluate(*parsed.expr, scope), parsed.filter, *parsed.expr);
  } catch (const t::EvalError& e) {
    return e;
  }
  FAIL("no error for " << text);
  return {};
}

}  // namespace

TEST_CASE("fixed:N rounds the shortest decimal form half away from zero") {
  CHECK(t::format_fixed(0.975, 2) == "0.98");  // the double is 0.97499999…
  CHECK(t::format_fixed(1.005, 2) == "1.01");
  CHECK(t::format_fixed(2.675, 2) == "2.68");
  CHECK(t::format_fixed(-0.975, 2) == "-0.98");
  CHECK(t::format_fixed(0.974, 2) == "0.97");
  CHECK(t::format_fixed(9.995, 2) == "10.00");
  CHECK(t::format_fixed(0.005, 2) == "0.01");
  CHECK(t::format_fixed(0.0049, 2) == "0.00");
  CHECK(t::format_fixed(1e-7, 2) == "0.00");
  CHECK(t::format_fixed(-0.001, 2) == "0.00");  // no "-0.00"
  CHECK(t::format_fixed(0.0, 2) == "0.00");
  CHECK(t::format_fixed(890000.0, 2) == "890000.00");
  CHECK(t::format_fixed(2784690.56, 2) == "2784690.56");
  CHECK(t::format_fixed(123456789.125, 2) == "123456789.13");
  CHECK(t::format_fixed(2.5, 0) == "3");
  CHECK(t::format_fixed(-2.5, 0) == "-3");
  CHECK(t::format_fixed(0.98, 3) == "0.980");
  CHECK(t::format_fixed(1e20, 1) == "100000000000000000000.0");
  CHECK(t::format_fixed(std::int64_t{10}, 2) == "10.00");
  CHECK(t::format_fixed(std::int64_t{-7}, 0) == "-7");
}

TEST_CASE("trim:N drops trailing zeros and the point") {
  CHECK(t::format_trim(99.80, 2) == "99.8");
  CHECK(t::format_trim(100.0, 2) == "100");
  CHECK(t::format_trim(99.995, 2) == "100");
  CHECK(t::format_trim(7.14, 1) == "7.1");
  CHECK(t::format_trim(0.1 + 0.2, 2) == "0.3");
  CHECK(t::format_trim(92.6, 2) == "92.6");
  CHECK(t::format_trim(-0.004, 2) == "0");
  CHECK(t::format_trim(std::int64_t{100}, 2) == "100");
}

TEST_CASE("money groups thousands and keeps 2 decimals") {
  CHECK(t::format_money(1035356.3) == "1,035,356.30");
  CHECK(t::format_money(0.0) == "0.00");
  CHECK(t::format_money(999.999) == "1,000.00");
  CHECK(t::format_money(-1234567.891) == "-1,234,567.89");
  CHECK(t::format_money(100.5) == "100.50");
  CHECK(t::format_money(std::int64_t{1000}) == "1,000.00");
  CHECK(t::format_money(std::int64_t{123}) == "123.00");
}

TEST_CASE("unfiltered values print like the data") {
  CHECK(show("p.name") == "档案整理");
  CHECK(show("p.amount") == "3700700");
  CHECK(show("p.whole") == "20.0");
  CHECK(show("p.rate") == "0.975");
  CHECK(show("p.none") == "");
  CHECK(show("p.yes") == "是");
  CHECK(show("p.no") == "否");
  CHECK(t::format_plain(0.1 + 0.2) == "0.30000000000000004");
}

TEST_CASE("filters in bindings") {
  CHECK(show("p.rate | fixed:2") == "0.98");
  CHECK(show("p.total|trim:2") == "99.8");
  CHECK(show("p.amount | money") == "3,700,700.00");
  CHECK(show("p.none | fixed:2") == "");
  CHECK(show("p.amount | fixed:0") == "3700700");
}

TEST_CASE("paths, indexes and count") {
  CHECK(show("title") == "自评表");
  CHECK(show("p.funds.total.rate") == "0.98");
  CHECK(show("p.indicators[0].name") == "甲");
  CHECK(show("p.indicators[1 + 1].name") == "丙");
  CHECK(show("p['name']") == "档案整理");
  CHECK(show("count(p.indicators)") == "3");
  CHECK(show("count(p.indicators) + 1") == "4");
  CHECK(show("count(list)") == "0");
  CHECK(show("  p . name  ") == "档案整理");
}

TEST_CASE("literals and arithmetic") {
  CHECK(show("'文字'") == "文字");
  CHECK(show("'it\\'s'") == "it's");
  CHECK(show("'a}b'") == "a}b");
  CHECK(show("12") == "12");
  CHECK(show("1.5") == "1.5");
  CHECK(show("true") == "是");
  CHECK(show("null") == "");
  CHECK(show("1 + 2 * 3") == "7");
  CHECK(show("(1 + 2) * 3") == "9");
  CHECK(show("10 - 4 - 3") == "3");
  CHECK(show("7 / 2") == "3.5");
  CHECK(show("6 / 2") == "3.0");  // division always gives a float
  CHECK(show("-p.amount") == "-3700700");
  CHECK(show("p.amount + 0.5") == "3700700.5");
  CHECK(show("p.rate * 100 | fixed:1") == "97.5");
  // No wrap-around: the sum is a float (fixed notation, number_format); printed whole it
  // would be past what a form shows (10^16, docs/limits.md).
  CHECK(show("(9223372036854775807 + 1) / 1000") == "9223372036854776.0");
  CHECK(eval_error("9223372036854775807 + 1").code == "expr.range");
}

TEST_CASE("comparisons and logic") {
  CHECK(show("p.amount > 1000") == "是");
  CHECK(show("p.amount <= 1000") == "否");
  CHECK(show("p.whole == 20") == "是");  // 20.0 == 20
  CHECK(show("p.name == '档案整理'") == "是");
  CHECK(show("p.name != '档案整理'") == "否");
  CHECK(show("'a' < 'b'") == "是");
  CHECK(show("p.none == null") == "是");
  CHECK(show("p.name == 1") == "否");  // different kinds are simply unequal
  CHECK(show("1 < 2 and 2 < 1") == "否");
  CHECK(show("1 < 2 or 2 < 1") == "是");
  CHECK(show("not p.empty") == "是");
  CHECK(show("not p.zero") == "是");
  CHECK(show("not p.none") == "是");
  CHECK(show("not list") == "是");
  CHECK(show("not p.indicators") == "否");
  CHECK(show("not p.funds") == "否");
  CHECK(show("not 1 == 2") == "是");  // not binds looser than ==
}

TEST_CASE("syntax errors point at the offending character") {
  auto e = syntax_error("p..name");
  CHECK(e.pos == 2);
  CHECK(e.message == "expected a field name after '.'");
  e = syntax_error("p.name +");
  CHECK(e.pos == 8);
  CHECK(e.expected == "a value");
  CHECK(e.got == "'}'");
  e = syntax_error("count(p");
  CHECK(e.pos == 7);
  CHECK(e.expected == "')'");
  e = syntax_error("total(p.x)");
  CHECK(e.pos == 0);
  CHECK(e.message == "unknown function 'total'");
  CHECK(e.expected == "one of: abs, count, has, if, join, max, min, round, sum");
  e = syntax_error("p.rate | fixed");
  CHECK(e.pos == 14);
  CHECK(e.message == "filter 'fixed' needs a number of decimals");
  e = syntax_error("p.rate | round:2");
  CHECK(e.pos == 9);
  CHECK(e.message == "unknown filter 'round'");
  CHECK(e.expected == "fixed:N, trim:N or money");
  e = syntax_error("p.rate | fixed:x");
  CHECK(e.pos == 15);
  e = syntax_error("'abc");
  CHECK(e.pos == 0);
  CHECK(e.message == "string literal is not closed");
  e = syntax_error("1 < 2 < 3");
  CHECK(e.pos == 6);
  e = syntax_error("");
  CHECK(e.message == "empty expression");
  e = syntax_error("p.name p.amount");
  CHECK(e.pos == 7);
  CHECK(e.expected == "'}'");
  e = syntax_error("p.name # 2");
  CHECK(e.pos == 7);
  CHECK(e.got == "'#'");
  {
    t::ParseError unclosed;
    REQUIRE_FALSE(t::parse_expression("{p.name", 1, true, unclosed).ok());
    CHECK(unclosed.pos == 7);
    CHECK(unclosed.got == "end of text (missing '}')");
  }
  e = syntax_error("p.rate | fixed:2", false);
  CHECK(e.pos == 7);
  CHECK(e.message == "filters are only allowed in {…} bindings");
  e = syntax_error("2x");
  CHECK(e.pos == 1);
}

TEST_CASE("evaluation errors say what exists and what was found") {
  auto e = eval_error("p.nme");
  CHECK(e.code == "expr.binding");
  CHECK(e.message == "no field 'nme' in 'p'");
  CHECK(e.expected ==
        "one of: amount, empty, funds, indicators, name, no, none, rate, total, whole, yes, zero");
  CHECK(e.got == "'nme'");
  e = eval_error("q.name");
  CHECK(e.message == "no field or loop variable 'q'");
  CHECK(e.expected == "one of: list, p, title");
  e = eval_error("p.funds.totl.rate");
  CHECK(e.message == "no field 'totl' in 'p.funds'");
  e = eval_error("p.indicators[3].name");
  CHECK(e.code == "expr.binding");
  CHECK(e.message == "index 3 is out of range: 'p.indicators' has 3 elements");
  CHECK(e.expected == "0 to 2");
  e = eval_error("count(p.name)");
  CHECK(e.code == "expr.type");
  CHECK(e.message == "count() of a non-array: 'p.name' is string '档案整理'");
  e = eval_error("p.name + 1");
  CHECK(e.code == "expr.type");
  CHECK(e.message == "arithmetic on a string: 'p.name' in 'p.name + 1'");
  e = eval_error("p.name.x");
  CHECK(e.code == "expr.type");
  e = eval_error("p.none.x");
  CHECK(e.code == "expr.type");
  e = eval_error("p.indicators");
  CHECK(e.message == "cannot print array 'p.indicators'");
  e = eval_error("p.name | fixed:2");
  CHECK(e.message == "filter 'fixed' needs a number: 'p.name' is string '档案整理'");
  e = eval_error("p.amount / p.zero");
  CHECK(e.message == "division by zero in 'p.amount / p.zero'");
  e = eval_error("p.name < 1");
  CHECK(e.code == "expr.type");
}

TEST_CASE("loop variables shadow root fields") {
  std::string src = "p.name}";
  t::ParseError err;
  auto parsed = t::parse_expression(src, 0, true, err);
  REQUIRE(parsed.ok());
  t::Scope scope(kView);
  json other = {{"name", "其他"}};
  scope.push("p", t::Value::of(other));
  CHECK(t::print(t::evaluate(*parsed.expr, scope), parsed.filter, *parsed.expr) == "其他");
  scope.pop();
  CHECK(t::print(t::evaluate(*parsed.expr, scope), parsed.filter, *parsed.expr) == "档案整理");
}
