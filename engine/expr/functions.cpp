// The built-in functions: count, min, max, round, abs, sum, if, join, has. Rule-set formulas
// use them to score ("min(q1 / 25, 1)", "if(x < 0.9, 3, 2)"), templates to print.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>

#include "expr/eval_detail.h"
#include "expr/number_format.h"

namespace jixiao::expr::detail {
namespace {

constexpr FunctionInfo kFunctions[] = {
    {"abs", Func::Abs, 1, 1},   {"count", Func::Count, 1, 1}, {"has", Func::Has, 1, 1},
    {"if", Func::If, 3, 3},     {"join", Func::Join, 1, 2},   {"max", Func::Max, 1, -1},
    {"min", Func::Min, 1, -1},  {"round", Func::Round, 1, 2}, {"sum", Func::Sum, 1, 2},
};

std::string fname(const Expr& e) { return e.name + "()"; }

void add_checked(Value& total, const Value& v, const std::string& what) {
  std::int64_t r = 0;
  if (total.kind == Value::Kind::Int && v.kind == Value::Kind::Int &&
      !__builtin_add_overflow(total.integer, v.integer, &r)) {
    total.integer = r;
    return;
  }
  // Past the integers (a decimal, or an overflow): on in floating point.
  total = Value::of_float(total.as_double() + v.as_double());
  need_finite(total, what);
}

// min/max: each argument is a number or an array of numbers.
Value extreme(const Expr& e, const Scope& scope, bool want_max) {
  Value best;
  bool have = false;
  auto consider = [&](const Value& v, const std::string& what) {
    if (!v.is_number())
      type_error(fname(e) + " of " + describe(v) + ": '" + what + "' in '" + e.text + "'",
                 "numbers", describe(v));
    need_finite(v, what);
    double x = v.as_double(), y = best.as_double();
    if (!have || (want_max ? x > y : x < y)) best = v;
    have = true;
  };
  for (const auto& arg : e.args) {
    Value v = evaluate(*arg, scope);
    if (v.kind == Value::Kind::Array) {
      std::size_t i = 0;
      for (const json& item : *v.ref) consider(Value::of(item), arg->text + "[" + std::to_string(i++) + "]");
    } else {
      consider(v, arg->text);
    }
  }
  if (!have) type_error(fname(e) + " of an empty array in '" + e.text + "'", "at least one number", "[]");
  return best;
}

// Rounds as the fixed filter prints: the shortest decimal form, half away from zero.
Value round_value(const Expr& e, const Scope& scope) {
  Value x = evaluate(*e.args[0], scope);
  need_number(x, *e.args[0], e);
  std::int64_t places = 0;
  if (e.args.size() > 1) {
    Value n = evaluate(*e.args[1], scope);
    if (n.kind != Value::Kind::Int || n.integer < 0 || n.integer > 15)
      type_error("round() decimals '" + e.args[1]->text + "' are not a whole number from 0 to 15",
                 "a whole number from 0 to 15", describe(n));
    places = n.integer;
  }
  if (x.kind == Value::Kind::Int) return x;
  need_finite(x, e.args[0]->text);  // format_fixed would print inf as something
  std::string text = format_fixed(x.number, static_cast<int>(places));
  double d = 0;
  std::from_chars(text.data(), text.data() + text.size(), d);
  return Value::of_float(d);
}

// sum(list) of numbers, or sum(list, 'field') of a field of each element. A null counts as
// nothing, as an empty cell in a spreadsheet.
Value sum(const Expr& e, const Scope& scope) {
  Value list = evaluate(*e.args[0], scope);
  if (list.kind != Value::Kind::Array)
    type_error("sum() of a non-array: '" + e.args[0]->text + "' is " + describe(list), "an array",
               kind_name(list.kind));
  std::optional<Value> field;
  if (e.args.size() > 1) {
    field = evaluate(*e.args[1], scope);
    if (field->kind != Value::Kind::String)
      type_error("sum() field '" + e.args[1]->text + "' is not a string", "a field name ('budget')",
                 describe(*field));
  }
  Value total = Value::of_int(0);
  std::size_t i = 0;
  for (const json& item : *list.ref) {
    std::string what = e.args[0]->text + "[" + std::to_string(i++) + "]";
    Value v = Value::of(item);
    if (field) {
      v = element(v, *field, what, e.args[1]->text);
      what += "." + std::string(field->string);
    }
    if (v.kind == Value::Kind::Null) continue;
    if (!v.is_number())
      type_error("sum() of " + describe(v) + ": '" + what + "' in '" + e.text + "'", "a number",
                 describe(v));
    need_finite(v, what);
    add_checked(total, v, e.text);
  }
  return total;
}

Value join(const Expr& e, const Scope& scope) {
  Value list = evaluate(*e.args[0], scope);
  if (list.kind != Value::Kind::Array)
    type_error("join() of a non-array: '" + e.args[0]->text + "' is " + describe(list), "an array",
               kind_name(list.kind));
  std::string sep;
  if (e.args.size() > 1) {
    Value s = evaluate(*e.args[1], scope);
    if (s.kind != Value::Kind::String)
      type_error("join() separator '" + e.args[1]->text + "' is not a string", "a string",
                 describe(s));
    sep = s.string;
  }
  std::string out;
  bool first = true;
  for (const json& item : *list.ref) {
    if (!first) out += sep;
    first = false;
    out += print(Value::of(item), Filter{}, *e.args[0]);
  }
  return Value::of_string(std::move(out));
}

// has(path): whether the last step of the path exists and is not null. The steps before it
// must exist, so a misspelt loop variable is still an error rather than a silent "no".
Value has(const Expr& e, const Scope& scope) {
  const Expr& path = *e.args[0];
  Value container = evaluate(*path.a, scope);
  if (container.kind == Value::Kind::Null) return Value::of_bool(false);
  Value key;
  if (path.kind == ExprKind::Member) {
    key.kind = Value::Kind::String;
    key.string = path.name;
  } else {
    key = evaluate(*path.b, scope);
  }
  const json* found = nullptr;
  if (container.kind == Value::Kind::Object && key.kind == Value::Kind::String) {
    auto it = container.ref->find(key.string);
    if (it != container.ref->end()) found = &*it;
  } else if (container.kind == Value::Kind::Array && key.kind == Value::Kind::Int) {
    if (key.integer >= 0 && key.integer < static_cast<std::int64_t>(container.ref->size()))
      found = &(*container.ref)[static_cast<std::size_t>(key.integer)];
  } else {
    element(container, key, path.a->text, path.b ? path.b->text : path.name);  // throws
  }
  return Value::of_bool(found && !found->is_null());
}

}  // namespace

const FunctionInfo* find_function(std::string_view name) {
  for (const auto& f : kFunctions)
    if (f.name == name) return &f;
  return nullptr;
}

std::string function_names() {
  std::string out;
  for (const auto& f : kFunctions) out += (out.empty() ? "" : ", ") + std::string(f.name);
  return out;
}

std::string arity_text(const FunctionInfo& f) {
  std::string min = std::to_string(f.min_args);
  if (f.max_args < 0) return min + " or more arguments";
  if (f.min_args == f.max_args) return min + (f.min_args == 1 ? " argument" : " arguments");
  return min + " or " + std::to_string(f.max_args) + " arguments";
}

Value call(const Expr& e, const Scope& scope) {
  switch (e.func) {
    case Func::Count: {
      Value v = evaluate(*e.args[0], scope);
      if (v.kind != Value::Kind::Array && v.kind != Value::Kind::Object)
        type_error("count() of a non-array: '" + e.args[0]->text + "' is " + describe(v),
                   "an array", kind_name(v.kind));
      return Value::of_int(static_cast<std::int64_t>(v.ref->size()));
    }
    case Func::Min: return extreme(e, scope, false);
    case Func::Max: return extreme(e, scope, true);
    case Func::Round: return round_value(e, scope);
    case Func::Abs: {
      Value v = evaluate(*e.args[0], scope);
      need_number(v, *e.args[0], e);
      if (v.kind == Value::Kind::Int && v.integer != INT64_MIN)
        return Value::of_int(v.integer < 0 ? -v.integer : v.integer);
      return Value::of_float(std::abs(v.as_double()));
    }
    case Func::Sum: return sum(e, scope);
    case Func::If:  // only the branch taken is evaluated: if(b > 0, a / b, 0)
      return evaluate(truthy(evaluate(*e.args[0], scope)) ? *e.args[1] : *e.args[2], scope);
    case Func::Join: return join(e, scope);
    case Func::Has: return has(e, scope);
  }
  return {};
}

}  // namespace jixiao::expr::detail
