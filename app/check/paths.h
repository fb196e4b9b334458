// Checks the names an expression uses (engine/expr) against the shape of the data it will
// see: every field of a path, every loop variable, the field named in sum(list, 'field'),
// and the string an enum field is compared with. Used for template bindings and rule set
// formulas alike.
#pragma once
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "check/shape.h"
#include "diag/diag.h"
#include "expr/expr.h"

namespace jixiao::check {

// Where an expression was written: its file, and the "line:col" of a name in it (of the
// expression when the name cannot be found).
struct Spot {
  std::string file;
  std::function<std::string(const std::string& name)> place;
};

// A name an expression can start with besides the root's fields (a loop variable).
struct Var {
  std::string name;
  Shape shape;
};

class PathCheck {
 public:
  explicit PathCheck(DiagnosticSink& sink) : sink_(sink) {}

  // The shape of e's value; reports each name e uses that cannot exist.
  Shape value(const expr::Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot);
  // What a loop over e walks: the elements of an array, the members of an object.
  Shape each(const expr::Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot);

  // A field named outside an expression (a rule set's "title": "name"): its shape, or
  // nullopt after reporting. path names the value it is a field of, for the message.
  std::optional<Shape> field(const Shape& of, const std::string& path, const std::string& name,
                             const std::string& file, const std::string& place);
  // A value named outside an expression (a rule set's category): reported unless the
  // shape's enum allows it.
  void allowed(const Shape& s, const std::string& path, const std::string& value,
               const std::string& file, const std::string& place);
  // What a loop or a list needs: the elements of an array (or object). nullopt after
  // reporting when s can be neither.
  std::optional<Shape> elements(const Shape& s, const std::string& path, const std::string& file,
                                const std::string& place);

 private:
  void report(Diagnostic d);
  void unknown_field(const Shape& of, const std::string& path, const std::string& name,
                     const std::string& file, const std::string& place);
  bool object_like(const Shape& s, const std::string& path, const std::string& name,
                   const std::string& file, const std::string& place);
  Shape call(const expr::Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot);
  void compare(const expr::Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot);

  DiagnosticSink& sink_;
  std::set<std::string> seen_;  // a binding inside <for> is one mistake, reported once
};

// "a, b, c" of at most 30 names, then "…".
std::string name_list(const std::vector<std::string>& names);

}  // namespace jixiao::check
