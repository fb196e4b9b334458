// Evaluation of template expressions against a view, and printing of the results.
#include <cmath>

#include "diag/suggest.h"
#include "expr/eval_detail.h"
#include "expr/expr.h"
#include "expr/number_format.h"

namespace jixiao::expr {

namespace detail {

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out.empty() ? "(none)" : out;
}

std::string describe(const Value& v) {
  switch (v.kind) {
    case Value::Kind::String: return "string '" + std::string(v.string) + "'";
    case Value::Kind::Int: return "number " + std::to_string(v.integer);
    case Value::Kind::Float: return "number " + format_brief(v.number);
    case Value::Kind::Bool: return v.boolean ? "true" : "false";
    default: return kind_name(v.kind);
  }
}

void type_error(std::string message, std::string expected, std::string got) {
  throw EvalError{"expr.type", std::move(message), std::move(expected), std::move(got)};
}

void need_number(const Value& v, const Expr& operand, const Expr& whole) {
  if (v.is_number()) return;
  std::string what = v.kind == Value::Kind::String ? "arithmetic on a string" : "arithmetic on " + describe(v);
  type_error(what + ": '" + operand.text + "' in '" + whole.text + "'", "a number", describe(v));
}

void need_finite(const Value& v, const std::string& what) {
  if (v.kind != Value::Kind::Float || std::isfinite(v.number)) return;
  throw EvalError{"expr.range", "'" + what + "' is not a finite number (too large, or undefined)",
                  "a finite number", std::isnan(v.number) ? "NaN" : "infinity"};
}

Value element(const Value& container, const Value& key, const std::string& what,
              const std::string& key_text) {
  if (container.kind == Value::Kind::Object) {
    // a[b] with b a string: the member named by b's value (categories[row.level1]).
    if (key.kind != Value::Kind::String)
      type_error("key '" + key_text + "' of the object '" + what + "' is not a string",
                 "a string", describe(key));
    auto it = container.ref->find(key.string);
    if (it == container.ref->end()) {
      std::vector<std::string> fields;
      for (auto f = container.ref->begin(); f != container.ref->end(); ++f) fields.push_back(f.key());
      EvalError error{"expr.binding", "no field '" + std::string(key.string) + "' in '" + what + "'",
                      "one of: " + join_names(fields), "'" + std::string(key.string) + "'"};
      suggest(error.hints, key.string, fields);
      throw error;
    }
    return Value::of(*it);
  }
  if (container.kind != Value::Kind::Array)
    type_error("'" + what + "' is " + describe(container) + ", not an array or object",
               "an array or object", kind_name(container.kind));
  if (key.kind != Value::Kind::Int)
    type_error("index '" + key_text + "' is not a whole number", "a whole number", describe(key));
  auto size = static_cast<std::int64_t>(container.ref->size());
  if (key.integer < 0 || key.integer >= size)
    throw EvalError{"expr.binding",
                    "index " + std::to_string(key.integer) + " is out of range: '" + what +
                        "' has " + std::to_string(size) + " elements",
                    size == 0 ? "an array with elements" : "0 to " + std::to_string(size - 1),
                    std::to_string(key.integer)};
  return Value::of((*container.ref)[static_cast<std::size_t>(key.integer)]);
}

}  // namespace detail

namespace {

using detail::describe;
using detail::join_names;
using detail::need_number;
using detail::type_error;

Value member(const Value& obj, const Expr& e) {
  if (obj.kind != Value::Kind::Object)
    type_error("'" + e.a->text + "' is " + describe(obj) + ", not an object with field '" +
                   e.name + "'",
               "an object", kind_name(obj.kind));
  auto it = obj.ref->find(e.name);
  if (it == obj.ref->end()) {
    std::vector<std::string> fields;
    for (auto f = obj.ref->begin(); f != obj.ref->end(); ++f) fields.push_back(f.key());
    EvalError error{"expr.binding", "no field '" + e.name + "' in '" + e.a->text + "'",
                    "one of: " + join_names(fields), "'" + e.name + "'"};
    suggest(error.hints, e.name, fields);
    throw error;
  }
  return Value::of(*it);
}

Value arithmetic(const Expr& e, const Value& a, const Value& b) {
  need_number(a, *e.a, e);
  need_number(b, *e.b, e);
  bool ints = a.kind == Value::Kind::Int && b.kind == Value::Kind::Int;
  Value r;
  if (ints && e.op != BinOp::Div) {
    r.kind = Value::Kind::Int;
    bool overflow = false;
    switch (e.op) {
      case BinOp::Add: overflow = __builtin_add_overflow(a.integer, b.integer, &r.integer); break;
      case BinOp::Sub: overflow = __builtin_sub_overflow(a.integer, b.integer, &r.integer); break;
      default: overflow = __builtin_mul_overflow(a.integer, b.integer, &r.integer); break;
    }
    if (!overflow) return r;  // else: on in floating point, like JSON numbers that big
  }
  double x = a.as_double(), y = b.as_double();
  r.kind = Value::Kind::Float;
  switch (e.op) {
    case BinOp::Add: r.number = x + y; break;
    case BinOp::Sub: r.number = x - y; break;
    case BinOp::Mul: r.number = x * y; break;
    default:
      if (y == 0) type_error("division by zero in '" + e.text + "'", "a divisor other than 0", "0");
      r.number = x / y;
      break;
  }
  detail::need_finite(r, e.text);
  return r;
}

bool equal(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    if (a.kind == Value::Kind::Int && b.kind == Value::Kind::Int) return a.integer == b.integer;
    return a.as_double() == b.as_double();
  }
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::Null: return true;
    case Value::Kind::Bool: return a.boolean == b.boolean;
    case Value::Kind::String: return a.string == b.string;
    default: return *a.ref == *b.ref;
  }
}

Value comparison(const Expr& e, const Value& a, const Value& b) {
  Value r;
  r.kind = Value::Kind::Bool;
  if (e.op == BinOp::Eq || e.op == BinOp::Ne) {
    r.boolean = equal(a, b) == (e.op == BinOp::Eq);
    return r;
  }
  int c = 0;
  if (a.is_number() && b.is_number()) {
    double x = a.as_double(), y = b.as_double();
    c = x < y ? -1 : (x > y ? 1 : 0);
  } else if (a.kind == Value::Kind::String && b.kind == Value::Kind::String) {
    c = a.string.compare(b.string);
  } else {
    type_error("cannot order " + describe(a) + " and " + describe(b) + " in '" + e.text + "'",
               "two numbers or two strings", std::string(kind_name(a.kind)) + " and " +
                   kind_name(b.kind));
  }
  switch (e.op) {
    case BinOp::Lt: r.boolean = c < 0; break;
    case BinOp::Le: r.boolean = c <= 0; break;
    case BinOp::Gt: r.boolean = c > 0; break;
    default: r.boolean = c >= 0; break;
  }
  return r;
}

}  // namespace

const char* kind_name(Value::Kind k) {
  switch (k) {
    case Value::Kind::Null: return "null";
    case Value::Kind::Bool: return "boolean";
    case Value::Kind::Int: return "number";
    case Value::Kind::Float: return "number";
    case Value::Kind::String: return "string";
    case Value::Kind::Array: return "array";
    case Value::Kind::Object: return "object";
  }
  return "value";
}

Value Value::of(const json& j) {
  Value v;
  switch (j.type()) {
    case json::value_t::boolean: v.kind = Kind::Bool; v.boolean = j.get<bool>(); break;
    case json::value_t::number_integer: v.kind = Kind::Int; v.integer = j.get<std::int64_t>(); break;
    case json::value_t::number_unsigned: {
      auto u = j.get<std::uint64_t>();
      if (u <= static_cast<std::uint64_t>(INT64_MAX)) {
        v.kind = Kind::Int;
        v.integer = static_cast<std::int64_t>(u);
      } else {
        v.kind = Kind::Float;
        v.number = static_cast<double>(u);
      }
      break;
    }
    case json::value_t::number_float: v.kind = Kind::Float; v.number = j.get<double>(); break;
    case json::value_t::string: v.kind = Kind::String; v.string = j.get_ref<const std::string&>(); break;
    case json::value_t::array: v.kind = Kind::Array; v.ref = &j; break;
    case json::value_t::object: v.kind = Kind::Object; v.ref = &j; break;
    default: break;  // null, discarded, binary
  }
  return v;
}

const Value* Scope::find(std::string_view name, Value& storage, std::string* pointer) const {
  for (auto it = vars_.rbegin(); it != vars_.rend(); ++it)
    if (it->name == name) {
      if (pointer) *pointer = it->pointer;
      return &it->value;
    }
  if (root_.is_object()) {
    auto f = root_.find(name);
    if (f != root_.end()) {
      storage = Value::of(*f);
      if (pointer) {
        pointer->clear();
        append_json_pointer(*pointer, name);
      }
      return &storage;
    }
  }
  return nullptr;
}

std::vector<std::string> Scope::names() const {
  std::vector<std::string> out;
  for (auto it = vars_.rbegin(); it != vars_.rend(); ++it) out.emplace_back(it->name);
  if (root_.is_object())
    for (auto f = root_.begin(); f != root_.end(); ++f) out.push_back(f.key());
  return out;
}

namespace {
// A path's value: data enters evaluation here, so an infinite number in it stops here.
Value checked(Value v, const Expr& e) {
  detail::need_finite(v, e.text);
  return v;
}
}  // namespace

Value evaluate(const Expr& e, const Scope& scope, std::string* pointer) {
  // Only paths have a place in the data; for anything else the pointer is "".
  if (pointer && e.kind != ExprKind::Name && e.kind != ExprKind::Member &&
      e.kind != ExprKind::Index)
    pointer->clear();
  switch (e.kind) {
    case ExprKind::Literal: {
      switch (e.literal) {
        case LiteralKind::Null: return {};
        case LiteralKind::Bool: return Value::of_bool(e.boolean);
        case LiteralKind::Int: return Value::of_int(e.integer);
        case LiteralKind::Float: return Value::of_float(e.number);
        case LiteralKind::String: {
          Value v;
          v.kind = Value::Kind::String;
          v.string = e.name;
          return v;
        }
      }
      return {};
    }
    case ExprKind::Name: {
      Value storage;
      const Value* v = scope.find(e.name, storage, pointer);
      if (!v) {
        EvalError error{"expr.binding", "no field or loop variable '" + e.name + "'",
                        "one of: " + join_names(scope.names()), "'" + e.name + "'"};
        suggest(error.hints, e.name, scope.names());
        throw error;
      }
      return checked(*v, e);
    }
    case ExprKind::Member: {
      Value v = member(evaluate(*e.a, scope, pointer), e);
      if (pointer && !pointer->empty()) append_json_pointer(*pointer, e.name);
      return checked(v, e);
    }
    case ExprKind::Index: {
      Value container = evaluate(*e.a, scope, pointer);
      Value key = evaluate(*e.b, scope);
      Value v = detail::element(container, key, e.a->text, e.b->text);
      if (pointer && !pointer->empty())
        append_json_pointer(*pointer, key.kind == Value::Kind::String
                                             ? std::string(key.string)
                                             : std::to_string(key.integer));
      return checked(v, e);
    }
    case ExprKind::Call: return detail::call(e, scope);
    case ExprKind::Neg: {
      Value v = evaluate(*e.a, scope);
      need_number(v, *e.a, e);
      if (v.kind == Value::Kind::Int && v.integer != INT64_MIN) v.integer = -v.integer;
      else v = Value::of_float(-v.as_double());
      return v;
    }
    case ExprKind::Not: return Value::of_bool(!truthy(evaluate(*e.a, scope)));
    case ExprKind::And: return Value::of_bool(truthy(evaluate(*e.a, scope)) && truthy(evaluate(*e.b, scope)));
    case ExprKind::Or: return Value::of_bool(truthy(evaluate(*e.a, scope)) || truthy(evaluate(*e.b, scope)));
    case ExprKind::Binary: {
      Value a = evaluate(*e.a, scope);
      Value b = evaluate(*e.b, scope);
      switch (e.op) {
        case BinOp::Add: case BinOp::Sub: case BinOp::Mul: case BinOp::Div:
          return arithmetic(e, a, b);
        default: return comparison(e, a, b);
      }
    }
  }
  return {};
}

void append_json_pointer(std::string& pointer, std::string_view token) {
  pointer += '/';
  for (char c : token) {
    if (c == '~') pointer += "~0";
    else if (c == '/') pointer += "~1";
    else pointer += c;
  }
}

bool truthy(const Value& v) {
  switch (v.kind) {
    case Value::Kind::Null: return false;
    case Value::Kind::Bool: return v.boolean;
    case Value::Kind::Int: return v.integer != 0;
    case Value::Kind::Float: return v.number != 0;
    case Value::Kind::String: return !v.string.empty();
    case Value::Kind::Array: return !v.ref->empty();
    case Value::Kind::Object: return true;
  }
  return false;
}

std::string print(const Value& v, const Filter& f, const Expr& e) {
  if (v.kind == Value::Kind::Array || v.kind == Value::Kind::Object)
    type_error("cannot print " + std::string(kind_name(v.kind)) + " '" + e.text + "'",
               "a string, number, boolean or null", kind_name(v.kind));
  if (v.kind == Value::Kind::Null) return "";
  detail::need_finite(v, e.text);
  // A figure no form has (1e308 would print as 309 digits): an error at the binding.
  if (v.is_number() && !printable(v.as_double()))
    throw EvalError{"expr.range", "'" + e.text + "' is too large to print on a form",
                    "a number of magnitude below 10^16", describe(v)};
  if (f.kind != FilterKind::None) {
    const char* name = f.kind == FilterKind::Fixed ? "fixed" : f.kind == FilterKind::Trim ? "trim" : "money";
    if (!v.is_number())
      type_error("filter '" + std::string(name) + "' needs a number: '" + e.text + "' is " +
                     describe(v),
                 "a number", describe(v));
    bool i = v.kind == Value::Kind::Int;
    switch (f.kind) {
      case FilterKind::Fixed: return i ? format_fixed(v.integer, f.decimals) : format_fixed(v.number, f.decimals);
      case FilterKind::Trim: return i ? format_trim(v.integer, f.decimals) : format_trim(v.number, f.decimals);
      default: return i ? format_money(v.integer) : format_money(v.number);
    }
  }
  switch (v.kind) {
    case Value::Kind::Bool: return v.boolean ? "是" : "否";
    case Value::Kind::Int: return std::to_string(v.integer);
    case Value::Kind::Float: return format_plain(v.number);
    default: return std::string(v.string);
  }
}

}  // namespace jixiao::expr
