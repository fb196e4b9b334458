// The rule set half of the check: the members, fields, categories, formulas, checks and
// pointers a rule set names, against the data schema of each form that uses it.
#include <algorithm>

#include "check/parts.h"
#include "expr/expr.h"

namespace jixiao::check {

namespace {

// A schema that allows exactly the names a sample value has: objects closed to their keys,
// arrays of what their first element is, any scalar.
json schema_of_sample(const json& v) {
  if (v.is_object()) {
    json props = json::object();
    for (auto it = v.begin(); it != v.end(); ++it) props[it.key()] = schema_of_sample(it.value());
    return {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
  }
  if (v.is_array()) return {{"type", "array"}, {"items", v.empty() ? json::object() : schema_of_sample(v[0])}};
  return json::object();
}

// A JSON pointer token as the key it names: "~1" is '/', "~0" is '~' (RFC 6901).
std::string unescape(const std::string& token) {
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[++i] == '1' ? '/' : '~';
    } else {
      out += token[i];
    }
  }
  return out;
}

json closed_object(const std::vector<std::string>& names) {
  json props = json::object();
  for (const auto& n : names) props[n] = json::object();
  return {{"type", "object"}, {"properties", props}, {"additionalProperties", false}};
}

class RuleWalk {
 public:
  RuleWalk(const RuleFile& f, const SchemaFile& schema, PathCheck& check)
      : f_(f), rs_(*f.rules), root_(Shape::of(schema.doc, schema.path)), check_(check) {
    std::vector<std::string> names;
    for (const auto& v : rs_.values) names.push_back(v.name);
    values_schema_ = closed_object(names);
  }

  void run() {
    const json& j = f_.doc;
    auto docs = named(root_, "the data", j, "documents", rs_.documents);
    if (!docs) return;
    auto doc = check_.elements(*docs, rs_.documents, f_.path, f_.places->place("/documents"));
    if (!doc) return;
    named(*doc, rs_.documents + "[…]", j, "title", rs_.title);
    named(*doc, rs_.documents + "[…]", j, "unit", rs_.unit);
    std::string ind_path = rs_.documents + "[…]." + rs_.indicators;
    auto inds = named(*doc, rs_.documents + "[…]", j, "indicators", rs_.indicators);
    std::optional<Shape> ind;
    if (inds) ind = check_.elements(*inds, ind_path, f_.path, f_.places->place("/indicators"));
    if (ind) indicator_names(*ind, ind_path + "[…]");
    formulas(*doc);
  }

 private:
  // A member the rule set names by a top-level key (only when the file gives the key:
  // defaults are not the author's words).
  std::optional<Shape> named(const Shape& of, const std::string& path, const json& obj, const char* key,
                             const std::string& value) {
    if (!obj.contains(key)) return of.member(value).value_or(Shape::any());
    if (value.empty()) return std::nullopt;
    return check_.field(of, path, value, f_.path, f_.places->place(std::string("/") + key));
  }

  void indicator_names(const Shape& ind, const std::string& path) {
    const json& j = f_.doc;
    std::optional<Shape> category, name;
    if (auto fields = j.find("fields"); fields != j.end() && fields->is_object()) {
      for (auto it = fields->begin(); it != fields->end(); ++it) {
        if (!it->is_string() || it->get<std::string>().empty()) continue;  // "" : not on this form
        auto s = check_.field(ind, path, it->get<std::string>(), f_.path, f_.places->place("/fields/" + it.key()));
        if (it.key() == "category") category = s;
        if (it.key() == "name") name = s;
      }
    }
    if (!category) category = ind.member(rs_.f_category);
    if (!name) name = ind.member(rs_.f_name);
    if (category) {
      const json* cats = j.contains("categories") && j["categories"].is_array() ? &j["categories"] : nullptr;
      for (std::size_t i = 0; cats && i < cats->size(); ++i) {
        const json& c = (*cats)[i];
        if (c.is_object() && c.contains("name") && c["name"].is_string())
          check_.allowed(*category, path + "." + rs_.f_category, c["name"].get<std::string>(), f_.path,
                         f_.places->place("/categories/" + std::to_string(i) + "/name"));
      }
    }
    if (auto lb = j.find("lower_is_better"); lb != j.end() && lb->is_object() && !rs_.lower_is_better_field.empty()) {
      auto field = check_.field(ind, path, rs_.lower_is_better_field, f_.path, f_.places->place("/lower_is_better/field"));
      const json* eq = lb->contains("equals") && (*lb)["equals"].is_array() ? &(*lb)["equals"] : nullptr;
      for (std::size_t i = 0; field && eq && i < eq->size(); ++i)
        if ((*eq)[i].is_string())
          check_.allowed(*field, path + "." + rs_.lower_is_better_field, (*eq)[i].get<std::string>(), f_.path,
                         f_.places->place("/lower_is_better/equals/" + std::to_string(i)));
    }
    // Indicator formulas: the row they match and the inputs they read.
    auto inputs = ind.member(rs_.f_inputs).value_or(Shape::any());
    for (std::size_t i = 0; i < rs_.formulas.size(); ++i) {
      const auto& f = rs_.formulas[i];
      std::string fp = "/formulas/" + std::to_string(i);
      if (name) check_.allowed(*name, path + "." + rs_.f_name, f.match, f_.path, f_.places->place(fp + "/match"));
      for (std::size_t k = 0; k < f.inputs.size(); ++k)
        check_.field(inputs, path + "." + rs_.f_inputs, f.inputs[k], f_.path,
                     f_.places->place(fp + "/inputs/" + std::to_string(k)));
      formula(f.score, inputs, {{"weight", Shape::any()}});
    }
  }

  // Values, lines and checks see the document, "values" and (lines) "weight".
  void formulas(const Shape& doc) {
    Shape values = Shape::of(values_schema_, f_.path + " values");
    for (const auto& v : rs_.values) formula(v.formula, doc, {{"values", values}});
    for (std::size_t i = 0; i < rs_.lines.size(); ++i) {
      const auto& l = rs_.lines[i];
      pointer(doc, l.pointer, "/lines/" + std::to_string(i) + "/pointer");
      formula(l.score, doc, {{"values", values}, {"weight", Shape::any()}});
      formula(l.value, doc, {{"values", values}});
    }
    for (std::size_t i = 0; i < rs_.checks.size(); ++i) {
      const auto& c = rs_.checks[i];
      pointer(doc, c.pointer, "/checks/" + std::to_string(i) + "/pointer");
      for (const auto* f : {&c.test, &c.computed, &c.declared}) formula(*f, doc, {{"values", values}});
    }
  }

  void formula(const scoring::Formula& f, const Shape& root, const std::vector<Var>& vars) {
    if (!f.expr) return;
    Spot spot{f_.path, [this, &f](const std::string& name) { return f_.places->place_of(f.pointer, name); }};
    check_.value(*f.expr, root, vars, spot);
  }

  // A JSON pointer into the document ("/funds/total"): each step must exist.
  void pointer(const Shape& doc, const std::string& ptr, const std::string& at) {
    if (ptr.empty() || ptr[0] != '/') return;
    Shape s = doc;
    std::string path = rs_.documents + "[…]";
    for (std::size_t start = 1; start <= ptr.size();) {
      std::size_t slash = ptr.find('/', start);
      std::string tok = ptr.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      tok = unescape(tok);
      bool index = !tok.empty() && tok.find_first_not_of("0123456789") == std::string::npos;
      auto types = s.types();
      bool array = std::find(types.begin(), types.end(), "array") != types.end();
      std::optional<Shape> next = index && array ? s.element() : check_.field(s, path, tok, f_.path, f_.places->place_of(at, tok));
      if (!next) return;
      s = *next;
      path += index && array ? "[" + tok + "]" : "." + tok;
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
  }

  const RuleFile& f_;
  const scoring::RuleSet& rs_;
  Shape root_;
  PathCheck& check_;
  json values_schema_;
};

}  // namespace

std::shared_ptr<const json> evaluation_schema(const scoring::RuleSet& rules) {
  scoring::DocumentScore s;
  for (const auto& v : rules.values) s.values[v.name] = 0;
  for (const auto& l : rules.lines) {
    scoring::IndicatorScore is;
    is.rule = l.id;
    s.lines.push_back(is);
  }
  s.indicators.emplace_back();
  for (const auto& c : rules.categories) s.categories.push_back({c.name, 0, 0, 0});
  return std::make_shared<const json>(schema_of_sample(scoring::to_view(s)));
}

void check_rule_set(const RuleFile& rules, const SchemaFile& schema, PathCheck& check) {
  if (!rules.rules || !schema.ok) return;
  RuleWalk(rules, schema, check).run();
}

}  // namespace jixiao::check
