// Built-in functions, object members by computed key, and the JSON pointers of paths.
#include <catch2/catch.hpp>

#include "expr/expr.h"

using jixiao::expr::json;
namespace t = jixiao::expr;

namespace {

const json kData = json::parse(R"({
  "tasks": [{"name": "基本支出", "budget": 757.06}, {"name": "信息化", "budget": 649.52},
            {"name": "预备", "budget": null}],
  "counts": [3, 1, 2],
  "mixed": [1, 2.5],
  "words": ["甲", "乙", 3, true, null],
  "row": {"level1": "部门决策", "opt": null, "list": [1]},
  "categories": {"部门决策": {"points": 20}, "部门管理": {"points": 20}},
  "a/b": {"x~y": 1},
  "q": {"q1": 27.22, "zero": 0, "neg": -2.5, "big": 9223372036854775807},
  "empty": []
})");

t::Value eval(const std::string& text, std::string* pointer = nullptr) {
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  INFO(text << ": " << err.message << " at " << err.pos);
  REQUIRE(parsed.ok());
  t::Scope scope(kData);
  return t::evaluate(*parsed.expr, scope, pointer);
}

std::string show(const std::string& text) {
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  REQUIRE(parsed.ok());
  t::Scope scope(kData);
  return t::print(t::evaluate(*parsed.expr, scope), {}, *parsed.expr);
}

std::string fixed2(const std::string& text) {
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  REQUIRE(parsed.ok());
  t::Scope scope(kData);
  return t::print(t::evaluate(*parsed.expr, scope), {t::FilterKind::Fixed, 2}, *parsed.expr);
}

t::EvalError eval_error(const std::string& text) {
  try {
    eval(text);
  } catch (const t::EvalError& e) {
    return e;
  }
  FAIL("no error for " << text);
  return {};
}

t::ParseError syntax_error(const std::string& text) {
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  REQUIRE_FALSE(parsed.ok());
  return err;
}

}  // namespace

TEST_CASE("min and max take numbers or arrays of numbers and keep the kind") {
  CHECK(show("min(3, 1, 2)") == "1");
  CHECK(show("max(3, 1, 2)") == "3");
  CHECK(show("min(q.q1 / 25, 1)") == "1");
  CHECK(show("min(0.5, 1)") == "0.5");
  CHECK(show("max(counts)") == "3");
  CHECK(show("min(counts, 0.5)") == "0.5");
  CHECK(show("max(mixed)") == "2.5");
  CHECK(show("max(7)") == "7");
  CHECK(eval("min(1, 2.0)").kind == t::Value::Kind::Int);
  auto e = eval_error("min(1, row.level1)");
  CHECK(e.code == "expr.type");
  CHECK(e.message == "min() of string '部门决策': 'row.level1' in 'min(1, row.level1)'");
  e = eval_error("max(empty)");
  CHECK(e.message == "max() of an empty array in 'max(empty)'");
  CHECK(eval_error("min(words)").message == "min() of string '甲': 'words[0]' in 'min(words)'");
}

TEST_CASE("round rounds the shortest decimal half away from zero, as fixed prints") {
  CHECK(show("round(2.675, 2)") == "2.68");
  CHECK(show("round(0.975, 2)") == "0.98");
  CHECK(show("round(-0.975, 2)") == "-0.98");
  CHECK(show("round(2.5)") == "3.0");
  CHECK(show("round(-2.5)") == "-3.0");
  CHECK(show("round(7)") == "7");  // whole numbers stay whole
  CHECK(show("round(q.q1 / 25 * 100, 1)") == "108.9");
  CHECK(show("round(1 / 3, 4)") == "0.3333");
  CHECK(eval("round(0.1 + 0.2, 2)").number == 0.3);
  CHECK(eval_error("round(1.5, 16)").message ==
        "round() decimals '16' are not a whole number from 0 to 15");
  CHECK(eval_error("round(1.5, -1)").code == "expr.type");
  CHECK(eval_error("round(row.level1)").message ==
        "arithmetic on a string: 'row.level1' in 'round(row.level1)'");
}

TEST_CASE("abs") {
  CHECK(show("abs(q.neg)") == "2.5");
  CHECK(show("abs(-3)") == "3");
  CHECK(show("abs(3)") == "3");
  CHECK(show("abs(q.zero)") == "0");
  CHECK(show("abs(-q.big - 1) / 1000") == "9223372036854776.0");  // no wrap-around
  CHECK(eval_error("abs(row)").code == "expr.type");
}

TEST_CASE("sum of an array, or of a field over an array, null counts as nothing") {
  CHECK(fixed2("sum(tasks, 'budget')") == "1406.58");
  CHECK(show("sum(counts)") == "6");
  CHECK(eval("sum(counts)").kind == t::Value::Kind::Int);
  CHECK(show("sum(mixed)") == "3.5");
  CHECK(show("sum(empty)") == "0");
  CHECK(show("abs(1406.58 - sum(tasks, 'budget')) < 0.005") == "是");
  auto e = eval_error("sum(tasks, 'amount')");
  CHECK(e.code == "expr.binding");
  CHECK(e.message == "no field 'amount' in 'tasks[0]'");
  CHECK(e.expected == "one of: budget, name");
  e = eval_error("sum(tasks, 'name')");
  CHECK(e.code == "expr.type");
  CHECK(e.message == "sum() of string '基本支出': 'tasks[0].name' in 'sum(tasks, 'name')'");
  CHECK(eval_error("sum(row)").message == "sum() of a non-array: 'row' is object");
  CHECK(eval_error("sum(tasks, 1)").message == "sum() field '1' is not a string");
  CHECK(eval_error("sum(counts, 'x')").code == "expr.type");  // elements are not objects
}

TEST_CASE("if evaluates only the branch taken") {
  CHECK(show("if(q.zero > 0, 1 / q.zero, 0)") == "0");
  CHECK(show("if(q.q1 >= 25, 'on time', 'late')") == "on time");
  CHECK(show("if(row.opt, 1, 2)") == "2");
  CHECK(show("if(q.q1 / 25 < 0.9, 3, if(q.q1 / 25 <= 1, 2, 0))") == "0");
  CHECK(eval_error("if(q.q1 > 0, 1 / q.zero, 0)").message == "division by zero in '1 / q.zero'");
}

TEST_CASE("join prints the elements as bindings do") {
  CHECK(show("join(words, '、')") == "甲、乙、3、是、");
  CHECK(show("join(counts)") == "312");
  CHECK(show("join(empty, ',')") == "");
  CHECK(show("join(counts, '') == '312'") == "是");
}

TEST_CASE("has: the last step of a path exists and is not null") {
  CHECK(show("has(row.level1)") == "是");
  CHECK(show("has(row.opt)") == "否");
  CHECK(show("has(row.missing)") == "否");
  CHECK(show("has(row['level1'])") == "是");
  CHECK(show("has(row.list[0])") == "是");
  CHECK(show("has(row.list[1])") == "否");
  CHECK(show("has(categories[row.level1])") == "是");
  CHECK(show("has(row.opt.x)") == "否");
  // The steps before the last must exist: a misspelt name is still an error.
  CHECK(eval_error("has(rwo.level1)").code == "expr.binding");
  CHECK(eval_error("has(row.nope.x)").code == "expr.binding");
  auto e = syntax_error("has(row)");
  CHECK(e.pos == 4);
  CHECK(e.message == "has() takes a path to a field");
}

TEST_CASE("count of an array or an object") {
  CHECK(show("count(tasks)") == "3");
  CHECK(show("count(categories)") == "2");
  CHECK(eval_error("count(row.level1)").message ==
        "count() of a non-array: 'row.level1' is string '部门决策'");
}

TEST_CASE("function syntax: arity and commas") {
  auto e = syntax_error("if(1, 2)");
  CHECK(e.pos == 7);
  CHECK(e.message == "if() takes 3 arguments");
  CHECK(e.got == "2 arguments");
  e = syntax_error("abs(1, 2)");
  CHECK(e.pos == 5);
  CHECK(e.message == "abs() takes 1 argument");
  CHECK(e.got == "another argument");
  e = syntax_error("round(1, 2, 3)");
  CHECK(e.message == "round() takes 1 or 2 arguments");
  e = syntax_error("min()");
  CHECK(e.pos == 4);
  CHECK(e.message == "min() takes 1 or more arguments");
  CHECK(e.got == "0 arguments");
  e = syntax_error("min(1,)");
  CHECK(e.pos == 6);
  e = syntax_error("min(1 2)");
  CHECK(e.pos == 6);
  CHECK(e.expected == "',' or ')'");
  e = syntax_error("abs(1");
  CHECK(e.expected == "')'");
  CHECK(show("max ( 1 , 2 )") == "2");
}

TEST_CASE("a[b] with a string b is the member named by b") {
  CHECK(show("categories[row.level1].points") == "20");
  CHECK(show("categories['部门管理'].points") == "20");
  auto e = eval_error("categories['部门绩效']");
  CHECK(e.code == "expr.binding");
  CHECK(e.message == "no field '部门绩效' in 'categories'");
  CHECK(e.expected == "one of: 部门决策, 部门管理");
  e = eval_error("categories[0]");
  CHECK(e.code == "expr.type");
  CHECK(e.message == "key '0' of the object 'categories' is not a string");
  e = eval_error("tasks['name']");
  CHECK(e.message == "index ''name'' is not a whole number");
  e = eval_error("row.level1[0]");
  CHECK(e.message == "'row.level1' is string '部门决策', not an array or object");
}

TEST_CASE("paths give the JSON pointer of their value") {
  std::string p = "stale";
  eval("tasks[1].budget", &p);
  CHECK(p == "/tasks/1/budget");
  eval("categories[row.level1].points", &p);
  CHECK(p == "/categories/部门决策/points");
  eval("row['level1']", &p);
  CHECK(p == "/row/level1");
  eval("q.q1 * 2", &p);
  CHECK(p.empty());
  eval("tasks[0].budget + 1", &p);
  CHECK(p.empty());
  eval("count(tasks)", &p);
  CHECK(p.empty());

  // Escaping (RFC 6901) and loop variables that remember where they came from.
  t::Scope scope(kData);
  scope.push("x", t::Value::of(kData["a/b"]), "/a~1b");
  scope.push("i", t::Value::of_int(0));
  t::ParseError err;
  auto parsed = t::parse_expression("x['x~y']", 0, false, err);
  REQUIRE(parsed.ok());
  CHECK(t::evaluate(*parsed.expr, scope, &p).integer == 1);
  CHECK(p == "/a~1b/x~0y");
  parsed = t::parse_expression("i", 0, false, err);
  t::evaluate(*parsed.expr, scope, &p);
  CHECK(p.empty());  // a loop index is not in the data
}
