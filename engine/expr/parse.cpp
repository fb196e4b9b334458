// Recursive-descent parser of template expressions. Works on the decoded text of an
// attribute or text node; positions it reports are indexes into that text, which the
// loader maps back to file line:col.
#include <algorithm>
#include <charconv>
#include <cmath>

#include "diag/limits.h"
#include "expr/eval_detail.h"
#include "expr/expr.h"

namespace jixiao::expr {
namespace {

bool is_ident_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool is_ident_char(char c) { return is_ident_start(c) || (c >= '0' && c <= '9'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

struct Failed {};  // unwinds the parser after the first error has been recorded

class Parser {
 public:
  Parser(std::string_view text, std::size_t pos, bool braced, ParseError& error)
      : s_(text), pos_(pos), origin_(pos), braced_(braced), error_(error) {}

  ParsedExpr run() {
    ParsedExpr out;
    try {
      skip_space();
      if (at_end()) fail(pos_, "empty expression", "an expression", describe_here());
      auto e = parse_or();
      skip_space();
      if (braced_ && peek() == '|') {
        ++pos_;
        if (!detail::parse_filter(s_, pos_, out.filter, error_)) throw Failed{};
        skip_space();
      }
      if (braced_) {
        if (peek() != '}') fail(pos_, "unexpected " + describe_here(), "'}'", describe_here());
      } else if (!at_end()) {
        if (peek() == '|')
          fail(pos_, "filters are only allowed in {…} bindings", "end of expression", "'|'");
        fail(pos_, "unexpected " + describe_here(), "an operator or end of expression",
             describe_here());
      }
      within_size();
      out.end = pos_;
      out.expr = std::move(e);
    } catch (const Failed&) {
      out.expr.reset();
    }
    return out;
  }

 private:
  std::string_view s_;
  std::size_t pos_;
  std::size_t origin_;  // where the expression starts, for the size limit
  bool braced_;
  ParseError& error_;
  int depth_ = 0;  // recursion of the parser: parentheses, calls, indexes, unary chains

  // Counts one level of the parser's recursion while alive; too deep ends the parse.
  class Nest {
   public:
    Nest(Parser& p, std::size_t at) : p_(p) {
      if (++p_.depth_ > limits::kExprDepth) p_.too_deep(at);
    }
    ~Nest() { --p_.depth_; }
    Nest(const Nest&) = delete;
    Nest& operator=(const Nest&) = delete;

   private:
    Parser& p_;
  };

  [[noreturn]] void too_deep(std::size_t at) {
    fail(at, "expression nested too deeply (parentheses, calls, operators in a row)",
         "at most " + std::to_string(limits::kExprDepth) +
             " levels of nesting; split the formula or use sum()/max()",
         "more", "expr.depth");
  }
  // Bounds the text before it is copied into nodes: a 200 KB expression must not cost more.
  void within_size() {
    if (pos_ - origin_ > limits::kExprBytes)
      fail(origin_, "expression is too long", "at most " + std::to_string(limits::kExprBytes) +
                                                   " bytes",
           std::to_string(pos_ - origin_) + " bytes or more", "expr.size");
  }

  bool at_end() const { return pos_ >= s_.size() || (braced_ && s_[pos_] == '}'); }
  char peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }
  void skip_space() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' ||
                                s_[pos_] == '\r'))
      ++pos_;
  }

  [[noreturn]] void fail(std::size_t at, std::string message, std::string expected,
                         std::string got, std::string code = "expr.syntax") {
    error_ = {at, std::move(message), std::move(expected), std::move(got), std::move(code)};
    throw Failed{};
  }

  std::string describe_here() const { return detail::describe_at(s_, pos_, braced_); }

  std::string_view peek_word() const {
    std::size_t e = pos_;
    if (e < s_.size() && is_ident_start(s_[e]))
      while (e < s_.size() && is_ident_char(s_[e])) ++e;
    return s_.substr(pos_, e - pos_);
  }
  bool accept_word(std::string_view w) {
    if (peek_word() != w) return false;
    pos_ += w.size();
    skip_space();
    return true;
  }
  bool accept(std::string_view op) {
    if (s_.substr(pos_, op.size()) != op) return false;
    pos_ += op.size();
    skip_space();
    return true;
  }

  std::unique_ptr<Expr> make(ExprKind k, std::size_t start) {
    within_size();
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->text = std::string(s_.substr(start, pos_ - start));
    return e;
  }
  // Sets e's text and height. The height bounds evaluation's recursion, which follows the
  // tree: a chain 1+1+1… has no parser recursion but is as deep as it is long.
  void finish(Expr& e, std::size_t start, std::size_t at) {
    int below = 0;
    for (const Expr* c : {e.a.get(), e.b.get()})
      if (c) below = std::max(below, c->height);
    for (const auto& c : e.args) below = std::max(below, c->height);
    e.height = below + 1;
    if (e.height > limits::kExprDepth) too_deep(at);
    within_size();
    std::size_t end = pos_;
    while (end > start && (s_[end - 1] == ' ' || s_[end - 1] == '\t' || s_[end - 1] == '\n' ||
                           s_[end - 1] == '\r'))
      --end;
    e.text = std::string(s_.substr(start, end - start));
  }
  // at: the operator, where a too deep chain is reported.
  std::unique_ptr<Expr> binary(ExprKind k, BinOp op, std::unique_ptr<Expr> a,
                               std::unique_ptr<Expr> b, std::size_t start, std::size_t at) {
    auto e = std::make_unique<Expr>();
    e->kind = k;
    e->op = op;
    e->a = std::move(a);
    e->b = std::move(b);
    finish(*e, start, at);
    return e;
  }

  std::unique_ptr<Expr> parse_or() {
    std::size_t start = pos_;
    Nest nest(*this, start);
    auto e = parse_and();
    for (std::size_t at = pos_; accept_word("or"); at = pos_)
      e = binary(ExprKind::Or, BinOp::Add, std::move(e), parse_and(), start, at);
    return e;
  }
  std::unique_ptr<Expr> parse_and() {
    std::size_t start = pos_;
    auto e = parse_not();
    for (std::size_t at = pos_; accept_word("and"); at = pos_)
      e = binary(ExprKind::And, BinOp::Add, std::move(e), parse_not(), start, at);
    return e;
  }
  std::unique_ptr<Expr> parse_not() {
    std::size_t start = pos_;
    if (accept_word("not")) {
      Nest nest(*this, start);
      auto e = make(ExprKind::Not, start);
      e->a = parse_not();
      finish(*e, start, start);
      return e;
    }
    return parse_comparison();
  }
  std::unique_ptr<Expr> parse_comparison() {
    std::size_t start = pos_;
    auto e = parse_sum();
    static const std::pair<std::string_view, BinOp> ops[] = {
        {"==", BinOp::Eq}, {"!=", BinOp::Ne}, {"<=", BinOp::Le},
        {">=", BinOp::Ge}, {"<", BinOp::Lt},  {">", BinOp::Gt}};
    for (const auto& [text, op] : ops) {
      std::size_t at = pos_;
      if (accept(text)) {
        e = binary(ExprKind::Binary, op, std::move(e), parse_sum(), start, at);
        // Chained comparisons (a < b < c) read like maths but would not mean it.
        for (const auto& [again, unused] : ops) {
          (void)unused;
          if (s_.substr(pos_, again.size()) == again)
            fail(pos_, "comparisons cannot be chained; use 'and'", "'and' or 'or'",
                 "'" + std::string(again) + "'");
        }
        break;
      }
    }
    return e;
  }
  std::unique_ptr<Expr> parse_sum() {
    std::size_t start = pos_;
    auto e = parse_product();
    for (;;) {
      std::size_t at = pos_;
      if (accept("+")) e = binary(ExprKind::Binary, BinOp::Add, std::move(e), parse_product(), start, at);
      else if (accept("-")) e = binary(ExprKind::Binary, BinOp::Sub, std::move(e), parse_product(), start, at);
      else return e;
    }
  }
  std::unique_ptr<Expr> parse_product() {
    std::size_t start = pos_;
    auto e = parse_unary();
    for (;;) {
      std::size_t at = pos_;
      if (accept("*")) e = binary(ExprKind::Binary, BinOp::Mul, std::move(e), parse_unary(), start, at);
      else if (accept("/")) e = binary(ExprKind::Binary, BinOp::Div, std::move(e), parse_unary(), start, at);
      else return e;
    }
  }
  std::unique_ptr<Expr> parse_unary() {
    std::size_t start = pos_;
    if (accept("-")) {
      Nest nest(*this, start);
      auto e = make(ExprKind::Neg, start);
      e->a = parse_unary();
      finish(*e, start, start);
      return e;
    }
    return parse_postfix();
  }
  std::unique_ptr<Expr> parse_postfix() {
    std::size_t start = pos_;
    auto e = parse_primary();
    for (;;) {
      std::size_t at = pos_;
      if (peek() == '.') {
        ++pos_;
        skip_space();
        std::size_t at = pos_;
        std::string_view w = peek_word();
        if (w.empty()) fail(at, "expected a field name after '.'", "a field name", describe_here());
        pos_ += w.size();
        auto m = make(ExprKind::Member, start);
        m->name = std::string(w);
        m->a = std::move(e);
        finish(*m, start, at);
        skip_space();
        e = std::move(m);
      } else if (peek() == '[') {
        ++pos_;
        skip_space();
        auto index = parse_or();
        if (peek() != ']') fail(pos_, "unexpected " + describe_here(), "']'", describe_here());
        ++pos_;
        auto m = make(ExprKind::Index, start);
        m->a = std::move(e);
        m->b = std::move(index);
        finish(*m, start, at);
        skip_space();
        e = std::move(m);
      } else {
        return e;
      }
    }
  }
  std::unique_ptr<Expr> parse_primary() {
    std::size_t start = pos_;
    within_size();
    char c = peek();
    if (at_end()) fail(pos_, "expression ends too early", "a value", describe_here());
    if (c == '(') {
      ++pos_;
      skip_space();
      auto e = parse_or();
      if (peek() != ')') fail(pos_, "unexpected " + describe_here(), "')'", describe_here());
      ++pos_;
      skip_space();
      return e;
    }
    if (is_digit(c)) return parse_number();
    if (c == '\'') return parse_string();
    std::string_view w = peek_word();
    if (w.empty()) fail(pos_, "unexpected " + describe_here(), "a value", describe_here());
    if (w == "and" || w == "or" || w == "not")
      fail(pos_, "unexpected '" + std::string(w) + "'", "a value", "'" + std::string(w) + "'");
    pos_ += w.size();
    auto e = make(ExprKind::Literal, start);
    if (w == "true" || w == "false") {
      e->literal = LiteralKind::Bool;
      e->boolean = w == "true";
    } else if (w == "null") {
      e->literal = LiteralKind::Null;
    } else if (followed_by_paren()) {
      call(*e, w, start);
    } else {
      e->kind = ExprKind::Name;
      e->name = std::string(w);
    }
    finish(*e, start, start);
    skip_space();
    return e;
  }
  // Whether '(' comes next, blanks allowed: "max (a, b)" is a call too.
  bool followed_by_paren() {
    std::size_t after = pos_;
    skip_space();
    if (peek() == '(') return true;
    pos_ = after;
    return false;
  }

  // name(arg, …): a built-in function; the arity is checked here, not when evaluating.
  void call(Expr& e, std::string_view w, std::size_t start) {
    const detail::FunctionInfo* f = detail::find_function(w);
    if (!f)
      fail(start, "unknown function '" + std::string(w) + "'",
           "one of: " + detail::function_names(), "'" + std::string(w) + "'");
    e.kind = ExprKind::Call;
    e.func = f->func;
    e.name = std::string(w);
    ++pos_;
    skip_space();
    std::size_t first_arg = pos_;
    std::string arity = detail::arity_text(*f);
    while (peek() != ')') {
      e.args.push_back(parse_or());
      bool full = f->max_args >= 0 && static_cast<int>(e.args.size()) >= f->max_args;
      if (peek() == ')') break;
      if (peek() != ',') fail(pos_, "unexpected " + describe_here(), full ? "')'" : "',' or ')'", describe_here());
      if (full) fail(pos_, e.name + "() takes " + arity, arity, "another argument");
      ++pos_;
      skip_space();
      if (peek() == ')') fail(pos_, "unexpected ')' after ','", "another argument", "')'");
    }
    if (static_cast<int>(e.args.size()) < f->min_args)
      fail(pos_, e.name + "() takes " + arity, arity,
           std::to_string(e.args.size()) + (e.args.size() == 1 ? " argument" : " arguments"));
    if (f->func == Func::Has && e.args[0]->kind != ExprKind::Member &&
        e.args[0]->kind != ExprKind::Index)
      fail(first_arg, "has() takes a path to a field", "a path such as r.paragraphs",
           "'" + e.args[0]->text + "'");
    ++pos_;
  }

  std::unique_ptr<Expr> parse_number() {
    std::size_t start = pos_;
    while (is_digit(peek())) ++pos_;
    bool is_float = false;
    if (peek() == '.' && is_digit(peek(1))) {
      is_float = true;
      ++pos_;
      while (is_digit(peek())) ++pos_;
    }
    if (is_ident_start(peek()))
      fail(pos_, "unexpected " + describe_here() + " after a number", "an operator",
           describe_here());
    auto e = make(ExprKind::Literal, start);
    const char* b = s_.data() + start;
    const char* en = s_.data() + pos_;
    std::from_chars_result r{};
    if (!is_float) {
      e->literal = LiteralKind::Int;
      r = std::from_chars(b, en, e->integer);
      if (r.ec != std::errc())
        fail(start, "number too large", "a whole number below 2^63 (or write it with a decimal point)",
             e->text, "expr.range");
    } else {
      e->literal = LiteralKind::Float;
      r = std::from_chars(b, en, e->number);  // locale-independent, unlike strtod
      if (r.ec != std::errc() || !std::isfinite(e->number))
        fail(start, "number too large", "a number below 1e308", e->text, "expr.range");
    }
    skip_space();
    return e;
  }
  std::unique_ptr<Expr> parse_string() {
    std::size_t start = pos_;
    ++pos_;
    std::string value;
    for (;;) {
      if (pos_ >= s_.size())
        fail(start, "string literal is not closed", "a closing \"'\"", "end of text");
      char c = s_[pos_];
      if (c == '\'') break;
      if (pos_ - origin_ > limits::kExprBytes) within_size();
      if (c == '\\' && (peek(1) == '\'' || peek(1) == '\\')) {
        value += peek(1);
        pos_ += 2;
        continue;
      }
      value += c;
      ++pos_;
    }
    ++pos_;
    auto e = make(ExprKind::Literal, start);
    e->literal = LiteralKind::String;
    e->name = std::move(value);
    skip_space();
    return e;
  }
};

}  // namespace

ParsedExpr parse_expression(std::string_view text, std::size_t pos, bool braced,
                            ParseError& error) {
  return Parser(text, pos, braced, error).run();
}

}  // namespace jixiao::expr
