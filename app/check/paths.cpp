#include "check/paths.h"

#include <algorithm>

#include "diag/suggest.h"

namespace jixiao::check {

using expr::Expr;
using expr::ExprKind;

namespace {

std::string type_list(const std::vector<std::string>& types) {
  std::string out;
  for (std::size_t i = 0; i < types.size(); ++i)
    out += (i == 0 ? "" : i + 1 == types.size() ? " or " : ", ") + types[i];
  return out;
}

bool has_type(const std::vector<std::string>& types, const char* t) {
  return std::find(types.begin(), types.end(), t) != types.end();
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

std::string name_list(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < 30; ++i) out += (i == 0 ? "" : ", ") + names[i];
  if (names.size() > 30) out += ", …";
  return out;
}

void PathCheck::report(Diagnostic d) {
  if (!seen_.insert(d.file + '\n' + d.place.text() + '\n' + d.message).second) return;
  sink_.report(std::move(d));
}

void PathCheck::unknown_field(const Shape& of, const std::string& path, const std::string& name,
                              const std::string& file, const std::string& place) {
  std::vector<std::string> names = of.member_names();
  Diagnostic d{Severity::Error, "check.field", file, place,
               "no field '" + name + "' in '" + path + "' (" + of.where() + ")",
               names.empty() ? std::string("no field at all") : "one of: " + name_list(names),
               "'" + name + "'", {}};
  suggest(d.hints, name, names);
  report(std::move(d));
}

bool PathCheck::object_like(const Shape& s, const std::string& path, const std::string& name,
                            const std::string& file, const std::string& place) {
  auto types = s.types();
  if (types.empty() || has_type(types, "object")) return true;
  report({Severity::Error, "check.type", file, place,
          "'" + path + "' is " + type_list(types) + " (" + s.where() + "), not an object with field '" + name + "'",
          "an object", type_list(types), {}});
  return false;
}

std::optional<Shape> PathCheck::field(const Shape& of, const std::string& path, const std::string& name,
                                      const std::string& file, const std::string& place) {
  if (!object_like(of, path, name, file, place)) return std::nullopt;
  auto m = of.member(name);
  if (!m) unknown_field(of, path, name, file, place);
  return m;
}

void PathCheck::allowed(const Shape& s, const std::string& path, const std::string& value,
                        const std::string& file, const std::string& place) {
  auto values = s.allowed_values();
  if (!values || std::find(values->begin(), values->end(), json(value)) != values->end()) return;
  std::vector<std::string> names;
  for (const auto& v : *values) names.push_back(value_text(v));
  Diagnostic d{Severity::Error, "check.value", file, place,
               "'" + path + "' is never '" + value + "' (" + s.where() + ")", "one of: " + name_list(names),
               "'" + value + "'", {}};
  suggest(d.hints, value, names);
  report(std::move(d));
}

Shape PathCheck::value(const Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot) {
  switch (e.kind) {
    case ExprKind::Literal: return Shape::any();
    case ExprKind::Name: {
      for (auto v = vars.rbegin(); v != vars.rend(); ++v)
        if (v->name == e.name) return v->shape;
      if (auto m = root.member(e.name)) return *m;
      std::vector<std::string> names;
      for (const auto& v : vars) names.push_back(v.name);
      for (auto& n : root.member_names()) names.push_back(std::move(n));
      Diagnostic d{Severity::Error, "check.field", spot.file, spot.place(e.name),
                   "unknown name '" + e.name + "': no variable and no field of the data (" + root.where() + ")",
                   "one of: " + name_list(names), "'" + e.name + "'", {}};
      suggest(d.hints, e.name, names);
      report(std::move(d));
      return Shape::any();
    }
    case ExprKind::Member: {
      Shape of = value(*e.a, root, vars, spot);
      auto m = field(of, e.a->text, e.name, spot.file, spot.place(e.name));
      return m ? *m : Shape::any();
    }
    case ExprKind::Index: {
      Shape of = value(*e.a, root, vars, spot);
      value(*e.b, root, vars, spot);
      if (e.b->kind == ExprKind::Literal && e.b->literal == expr::LiteralKind::String) {
        auto m = field(of, e.a->text, e.b->name, spot.file, spot.place(e.b->name));
        return m ? *m : Shape::any();
      }
      return elements(of, e.a->text, spot.file, spot.place(e.a->text)).value_or(Shape::any());
    }
    case ExprKind::Call: return call(e, root, vars, spot);
    case ExprKind::Binary:
      compare(e, root, vars, spot);
      return Shape::any();
    default:
      if (e.a) value(*e.a, root, vars, spot);
      if (e.b) value(*e.b, root, vars, spot);
      return Shape::any();
  }
}

Shape PathCheck::call(const Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot) {
  std::vector<Shape> args;
  for (const auto& a : e.args) args.push_back(value(*a, root, vars, spot));
  // sum(list, 'field'): the field of each element.
  if (e.func == expr::Func::Sum && e.args.size() == 2 && e.args[1]->kind == ExprKind::Literal &&
      e.args[1]->literal == expr::LiteralKind::String) {
    if (auto el = args[0].element())
      field(*el, e.args[0]->text + "[…]", e.args[1]->name, spot.file, spot.place(e.args[1]->name));
  }
  return Shape::any();
}

// path == 'text' (or !=): the text must be a value the path's enum allows.
void PathCheck::compare(const Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot) {
  Shape a = value(*e.a, root, vars, spot);
  Shape b = value(*e.b, root, vars, spot);
  if (e.op != expr::BinOp::Eq && e.op != expr::BinOp::Ne) return;
  auto is_text = [](const Expr& x) { return x.kind == ExprKind::Literal && x.literal == expr::LiteralKind::String; };
  if (is_text(*e.b)) allowed(a, e.a->text, e.b->name, spot.file, spot.place(e.b->name));
  else if (is_text(*e.a)) allowed(b, e.b->text, e.a->name, spot.file, spot.place(e.a->name));
}

Shape PathCheck::each(const Expr& e, const Shape& root, const std::vector<Var>& vars, const Spot& spot) {
  Shape of = value(e, root, vars, spot);
  return elements(of, e.text, spot.file, spot.place(e.text)).value_or(Shape::any());
}

std::optional<Shape> PathCheck::elements(const Shape& s, const std::string& path, const std::string& file,
                                         const std::string& place) {
  if (auto el = s.element()) return el;
  report({Severity::Error, "check.type", file, place,
          "'" + path + "' is " + type_list(s.types()) + " (" + s.where() + "), not an array or object",
          "an array (or an object)", type_list(s.types()), {}});
  return std::nullopt;
}

}  // namespace jixiao::check
