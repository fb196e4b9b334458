// The expression language shared by templates ({…}, each=, test=) and rule sets (formulas,
// checks): parsed once when the file is loaded, evaluated against JSON data many times.
// The grammar is in docs/templates.md.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

namespace jixiao::expr {

using json = nlohmann::json;

enum class ExprKind { Literal, Name, Member, Index, Call, Neg, Not, Binary, And, Or };
enum class BinOp { Add, Sub, Mul, Div, Eq, Ne, Lt, Le, Gt, Ge };
enum class LiteralKind { Null, Bool, Int, Float, String };
// The built-in functions (docs/templates.md, "Functions").
enum class Func { Count, Min, Max, Round, Abs, Sum, If, Join, Has };

struct Expr {
  ExprKind kind = ExprKind::Literal;
  BinOp op = BinOp::Add;
  LiteralKind literal = LiteralKind::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string name;  // Name, Member, Call: the field or function; Literal String: the string
  std::unique_ptr<Expr> a, b;
  Func func = Func::Count;                  // Call
  std::vector<std::unique_ptr<Expr>> args;  // Call
  std::string text;  // the expression as written, for messages ("p.funds.total")
  int height = 1;    // of the tree below: evaluation recurses this deep (≤ kExprDepth)
};

// How a binding's value is printed.
enum class FilterKind { None, Fixed, Trim, Money };
struct Filter {
  FilterKind kind = FilterKind::None;
  int decimals = 0;
};

struct ParseError {
  std::size_t pos = 0;  // index into the parsed text of the offending character
  std::string message;
  std::string expected;
  std::string got;
  std::string code = "expr.syntax";  // or "expr.depth", "expr.size", "expr.range"
};

struct ParsedExpr {
  std::unique_ptr<Expr> expr;
  Filter filter;
  std::size_t end = 0;  // braced: index of the closing '}'; plain: text.size()
  bool ok() const { return expr != nullptr; }
};

// Parses text from pos. Braced: a binding ending at '}' (a filter after '|' allowed).
// Plain: the whole rest of text is one expression, no filter. On failure expr is null
// and error says where and why. Nesting (parentheses, operators, calls, the length of an
// operator chain) is limited to limits::kExprDepth and the text to limits::kExprBytes.
ParsedExpr parse_expression(std::string_view text, std::size_t pos, bool braced,
                            ParseError& error);

// A value during evaluation. Strings, arrays and objects point into the view or the
// template, which both outlive an instantiation, so evaluating copies nothing big. Only a
// string made by a function (join) owns its text, shared between copies.
struct Value {
  enum class Kind { Null, Bool, Int, Float, String, Array, Object };
  Kind kind = Kind::Null;
  bool boolean = false;
  std::int64_t integer = 0;
  double number = 0;
  std::string_view string;
  const json* ref = nullptr;                  // Array, Object
  std::shared_ptr<const std::string> owned;  // what string views when it was computed

  static Value of(const json& j);
  static Value of_int(std::int64_t i) {
    Value v;
    v.kind = Kind::Int;
    v.integer = i;
    return v;
  }
  static Value of_float(double d) {
    Value v;
    v.kind = Kind::Float;
    v.number = d;
    return v;
  }
  static Value of_bool(bool b) {
    Value v;
    v.kind = Kind::Bool;
    v.boolean = b;
    return v;
  }
  static Value of_string(std::string s) {
    Value v;
    v.kind = Kind::String;
    v.owned = std::make_shared<const std::string>(std::move(s));
    v.string = *v.owned;
    return v;
  }
  bool is_number() const { return kind == Kind::Int || kind == Kind::Float; }
  double as_double() const { return kind == Kind::Int ? static_cast<double>(integer) : number; }
};

const char* kind_name(Value::Kind k);

// An evaluation failure; reported by the caller at the binding's place.
struct EvalError {
  std::string code;  // "expr.binding", "expr.type" or "expr.range" (a result not finite)
  std::string message;
  std::string expected;
  std::string got;
  std::vector<std::string> hints = {};  // "did you mean 'department'?" (diag/suggest.h)
};

// The names an expression can start with: loop variables (innermost first), then the
// fields of the view's root object.
class Scope {
 public:
  explicit Scope(const json& root) : root_(root) {}
  // pointer: the JSON pointer of v in the root ("/projects/0"), or "" when v is not a
  // value of the data (a loop index, a computed number).
  void push(std::string_view name, Value v, std::string pointer = {}) {
    vars_.push_back({name, std::move(v), std::move(pointer)});
  }
  void pop(std::size_t n = 1) { vars_.resize(vars_.size() - n); }
  // The value of a name, or nullptr. With pointer, also its JSON pointer ("" if none).
  const Value* find(std::string_view name, Value& storage, std::string* pointer = nullptr) const;
  std::vector<std::string> names() const;

 private:
  struct Var {
    std::string_view name;
    Value value;
    std::string pointer;
  };
  const json& root_;
  std::vector<Var> vars_;
};

// Evaluates; throws EvalError for a missing field or a type error. With pointer, also
// gives the JSON pointer of the value in the data when e is a path (p.name,
// d.scorecard[i].score, a loop variable), and "" otherwise: a later stage can then say which
// data a printed text came from.
Value evaluate(const Expr& e, const Scope& scope, std::string* pointer = nullptr);
// Appends "/token" to a JSON pointer, escaping '~' and '/' (RFC 6901).
void append_json_pointer(std::string& pointer, std::string_view token);
// Truth of a test: null, false, 0, '' and [] are false.
bool truthy(const Value& v);
// Prints a value for a binding, applying the filter; throws EvalError for arrays/objects.
std::string print(const Value& v, const Filter& f, const Expr& e);

}  // namespace jixiao::expr
