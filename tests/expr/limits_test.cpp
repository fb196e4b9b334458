// The expression language's limits (issue 9): nesting of every kind, the length of the
// text, and numbers that are not finite. Each ends in an error with a position or a code,
// never a crash, a hang or a silent number.
#include <catch2/catch.hpp>

#include <chrono>
#include <cmath>
#include <limits>

#include "diag/limits.h"
#include "expr/expr.h"

namespace t = jixiao::expr;
using jixiao::expr::json;
namespace limits = jixiao::limits;

namespace {

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

t::ParseError parse_fails(const std::string& text) {
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  REQUIRE_FALSE(parsed.ok());
  return err;
}

bool parses(const std::string& text) {
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  INFO(err.message);
  return parsed.ok();
}

t::EvalError eval_fails(const std::string& text, const json& view) {
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  INFO(err.message);
  REQUIRE(parsed.ok());
  t::Scope scope(view);
  try {
    t::Value v = t::evaluate(*parsed.expr, scope);
    t::print(v, {}, *parsed.expr);
  } catch (const t::EvalError& e) {
    return e;
  }
  FAIL("no error for " << text);
  return {};
}

}  // namespace

TEST_CASE("every kind of nesting counts towards kExprDepth", "[expr][hostile]") {
  const std::size_t n = 10000;
  const std::size_t ok = limits::kExprDepth - 2;
  struct Kind {
    const char* name;
    std::string deep, fine;
  } kinds[] = {
      {"parentheses", repeat("(", n) + "1" + repeat(")", n), repeat("(", ok) + "1" + repeat(")", ok)},
      {"unary minus", repeat("-", n) + "1", repeat("-", ok) + "1"},
      {"not", repeat("not ", n) + "true", repeat("not ", ok) + "true"},
      {"calls", repeat("abs(", n) + "1" + repeat(")", n), repeat("abs(", ok) + "1" + repeat(")", ok)},
      {"indexes", "a" + repeat("[0", n) + repeat("]", n), "a" + repeat("[0", ok) + repeat("]", ok)},
      {"members", "a" + repeat(".b", n), "a" + repeat(".b", ok)},
      {"a chain of +", "1" + repeat("+1", n), "1" + repeat("+1", ok)},
      {"a chain of and", "true" + repeat(" and true", n), "true" + repeat(" and true", ok)},
      {"a chain of *", "1" + repeat("*1", n), "1" + repeat("*1", ok)},
  };
  for (const auto& k : kinds) {
    INFO(k.name);
    auto err = parse_fails(k.deep);
    CHECK(err.code == "expr.depth");
    CHECK(err.message.find("nested too deeply") != std::string::npos);
    CHECK(err.expected.find("at most 64 levels") != std::string::npos);
    CHECK(err.pos < 2 * static_cast<std::size_t>(limits::kExprDepth) * 10);  // where the limit is passed
    CHECK(parses(k.fine));
  }
}

TEST_CASE("a chain at the limit evaluates, its tree is no deeper than the limit", "[expr][hostile]") {
  std::string text = "1" + repeat("+1", limits::kExprDepth - 2);
  t::ParseError err;
  auto parsed = t::parse_expression(text, 0, false, err);
  REQUIRE(parsed.ok());
  CHECK(parsed.expr->height <= limits::kExprDepth);
  t::Scope scope(json::object());
  CHECK(t::evaluate(*parsed.expr, scope).integer == limits::kExprDepth - 1);
}

TEST_CASE("an expression longer than kExprBytes is refused, in linear time", "[expr][hostile]") {
  auto start = std::chrono::steady_clock::now();
  for (const std::string& text :
       {"max(1" + repeat(",1", 100000) + ")", "'" + repeat("a", 200000) + "'",
        repeat(" ", 200000) + "1", "a" + repeat(" . b", 50000)}) {
    auto err = parse_fails(text);
    CHECK((err.code == "expr.size" || err.code == "expr.depth"));
  }
  auto err = parse_fails("max(1" + repeat(",1", 100000) + ")");
  CHECK(err.code == "expr.size");
  CHECK(err.message == "expression is too long");
  CHECK(err.pos == 0);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 1);
  CHECK(parses("max(1" + repeat(",1", 1000) + ")"));  // wide but short is fine
}

TEST_CASE("numbers past the doubles are errors, never a silent number", "[expr][hostile]") {
  auto big = parse_fails("1" + repeat("0", 400) + ".5");
  CHECK(big.code == "expr.range");
  CHECK(big.message == "number too large");
  CHECK(parse_fails("99999999999999999999").code == "expr.range");

  json view = {{"inf", std::numeric_limits<double>::infinity()},
               {"nan", std::numeric_limits<double>::quiet_NaN()},
               {"big", 1e308},
               {"list", {1.0, std::numeric_limits<double>::infinity()}},
               {"rows", {{{"v", 1e308}}, {{"v", 1e308}}}}};
  for (const char* text : {"big * 10", "big + big", "0 - big - big", "big / 0.5", "inf", "nan + 1",
                           "round(inf)", "round(inf, 2)", "abs(inf)", "max(list)", "min(1, inf)",
                           "sum(list)", "sum(rows, 'v')", "-inf", "inf > 1", "join(list)"}) {
    INFO(text);
    auto e = eval_fails(text, view);
    CHECK(e.code == "expr.range");
    CHECK(e.message.find("not a finite number") != std::string::npos);
    CHECK(e.expected == "a finite number");
  }
  CHECK(eval_fails("big * 10", view).got == "infinity");
  CHECK(eval_fails("nan", view).got == "NaN");
}
