// Fuzz target: the expression language (engine/expr). The input is parsed both as a plain
// expression (rule sets, each=, test=) and as a braced binding with a filter (template text,
// "{… | fixed:2}"); what parses is evaluated against a small view shaped like the real
// ones (a document with funds, values, tasks; loop variables p, ind, d, row, i) and printed
// with its filter. Evaluation errors (EvalError) are the expected outcome of most inputs.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "expr/expr.h"

using namespace jixiao::expr;

namespace {

const json& view() {
  static const json v = json::parse(R"({
    "title": "项目 A", "year": 2021, "rate": 0.9712, "zero": 0, "neg": -3, "big": 9007199254740993,
    "huge": 1.0e300, "tiny": 5e-324, "flag": true, "none": null, "empty": "", "list": [],
    "funds": {"total": {"annual": 120.5, "executed": 117.03, "initial": 100},
              "fiscal": {"annual": 100, "executed": 98.5, "initial": 100},
              "carryover": {"annual": 20.5, "executed": 18.53, "initial": 0},
              "other": {"annual": 0, "executed": 0, "initial": 0}},
    "values": {"rate_total": 97.12, "adjustment": -2.5},
    "tasks": [{"name": "一", "budget": 10.25, "executed": 9}, {"name": "二", "budget": 3, "executed": 3.5}],
    "task_total": {"budget": 13.25, "executed": 12.5},
    "projects": [{"name": "甲", "indicators": [{"name": "产出", "weight": 20, "score": 18.5, "level1": "产出指标"}],
                  "evaluation": {"total": 91.25, "grade": "优", "indicators": [{"score": 18.5, "weight": 20}]}}],
    "departments": [{"name": "部门", "scorecard": [{"score": 4, "level1": 0}],
                     "evaluation": {"categories": [{"points": 20}], "indicators": [{"score": 4, "weight": 5}]}}]
  })");
  return v;
}

void run(const Expr& e, const Filter& f) {
  const json& root = view();
  Scope scope(root);
  scope.push("p", Value::of(root["projects"][0]), "/projects/0");
  scope.push("ind", Value::of(root["projects"][0]["indicators"][0]), "/projects/0/indicators/0");
  scope.push("ind_index", Value::of_int(0));
  scope.push("d", Value::of(root["departments"][0]), "/departments/0");
  scope.push("row", Value::of(root["departments"][0]["scorecard"][0]), "/departments/0/scorecard/0");
  scope.push("row_index", Value::of_int(0));
  scope.push("i", Value::of_int(1));
  try {
    std::string pointer;
    Value v = evaluate(e, scope, &pointer);
    (void)truthy(v);
    std::string printed = print(v, f, e);
    (void)printed;
  } catch (const EvalError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  {
    ParseError err;
    ParsedExpr plain = parse_expression(text, 0, false, err);
    if (plain.ok()) run(*plain.expr, plain.filter);
  }
  {
    std::string braced = text + "}";
    ParseError err;
    ParsedExpr b = parse_expression(braced, 0, true, err);
    if (b.ok()) run(*b.expr, b.filter);
  }
  return 0;
}
