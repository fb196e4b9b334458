// Helpers shared by the evaluator (eval.cpp) and the built-in functions (functions.cpp).
// Internal to engine/expr.
#pragma once
#include <string>
#include <vector>

#include "expr/expr.h"

namespace jixiao::expr::detail {

// "a, b, c", or "(none)".
std::string join_names(const std::vector<std::string>& names);
// A value for messages: "string '甲'", "number 3", "null".
std::string describe(const Value& v);
[[noreturn]] void type_error(std::string message, std::string expected, std::string got);
// Throws a type error unless v is a number; operand is the part of whole that gave v.
void need_number(const Value& v, const Expr& operand, const Expr& whole);
// Throws "expr.range" when v is an infinite or NaN number (from data past the doubles or
// arithmetic overflowing): such a value must never become a score or a printed text.
// what: the expression (or data element) that gave v.
void need_finite(const Value& v, const std::string& what);
// An object's field or an array's element; "a" of a[b] is named by `what` in messages.
Value element(const Value& container, const Value& key, const std::string& what,
              const std::string& key_text);

// The character at pos for messages ("'#'", "'}'", "end of expression").
std::string describe_at(std::string_view s, std::size_t pos, bool braced);
// Parses a filter after '|' (blanks allowed): fixed:N, trim:N or money. On failure fills
// error and returns false; pos is left after the filter.
bool parse_filter(std::string_view s, std::size_t& pos, Filter& out, ParseError& error);

// The built-in function of a name, with how many arguments it takes.
struct FunctionInfo {
  std::string_view name;
  Func func;
  int min_args;
  int max_args;  // -1: any number
};
const FunctionInfo* find_function(std::string_view name);
std::string function_names();  // "abs, count, …"
std::string arity_text(const FunctionInfo& f);  // "1 or 2 arguments"
// Evaluates a Call.
Value call(const Expr& e, const Scope& scope);

}  // namespace jixiao::expr::detail
