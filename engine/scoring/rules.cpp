#include <algorithm>
#include <cmath>

#include "diag/json.h"
#include "diag/suggest.h"
#include "expr/expr.h"
#include "expr/number_format.h"
#include "scoring/value_order.h"
#include "model/reader.h"
#include "scoring/scoring.h"

namespace jixiao::scoring {

namespace {

// At most ~60 bytes of an expression around pos, cut at character boundaries: a formula
// may be 16 KB, a message should be a line.
std::string around(const std::string& text, std::size_t pos) {
  if (text.size() <= 80) return text;
  auto boundary = [&](std::size_t i) {
    while (i > 0 && i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) --i;
    return i;
  };
  std::size_t from = boundary(pos > 30 ? pos - 30 : 0);
  std::size_t to = boundary(std::min(text.size(), pos + 30));
  return (from > 0 ? "…" : "") + text.substr(from, to - from) + (to < text.size() ? "…" : "");
}


using json = nlohmann::json;

class RuleReader {
 public:
  RuleReader(const std::string& path, DiagnosticSink& sink) : path_(path), sink_(sink), r_(path, sink) {}

  Formula formula(const json& obj, const std::string& ptr, const char* key, bool required = true) {
    Formula f;
    auto it = obj.find(key);
    if (it == obj.end()) {
      if (required) sink_.error("rules.missing", path_, model::child(ptr, key),
                                std::string("missing '") + key + "'", "an expression");
      return f;
    }
    f.pointer = model::child(ptr, key);
    if (it->is_number()) {  // a plain number is an expression too
      f.text = it->dump();
    } else if (it->is_string()) {
      f.text = it->get<std::string>();
    } else {
      sink_.error("rules.type", path_, f.pointer, "bad expression", "an expression string",
                  model::describe(*it));
      return f;
    }
    expr::ParseError err;
    expr::ParsedExpr parsed = expr::parse_expression(f.text, 0, false, err);
    if (!parsed.ok()) {
      sink_.error("rules.expression", path_, f.pointer,
                  err.message + " at character " + std::to_string(err.pos + 1) + " of \"" + around(f.text, err.pos) + "\"",
                  err.expected, err.got);
      return f;
    }
    f.expr = std::shared_ptr<const expr::Expr>(std::move(parsed.expr));
    return f;
  }

  // Points of the rule set: finite, more than 0 (or at least 0 where zero means something:
  // a grade band's minimum) and at most kPointsMax, so that no sum of them saturates and a
  // total of -100 or 1e300 never reaches a score.
  Centi points(const json& obj, const std::string& ptr, const char* key, bool zero_ok = false) {
    double v = 0;
    if (!r_.number(obj, ptr, key, v)) return 0;
    return bounded(obj, ptr, key, v, 0, kPointsMax, zero_ok) ? to_centi(v) : 0;
  }

  // A number of the rule set within (low, high] — [low, high] when low_ok — else an error
  // naming its pointer in the rule file.
  bool bounded(const json& obj, const std::string& ptr, const char* key, double v, double low,
               double high, bool low_ok) {
    if (std::isfinite(v) && (low_ok ? v >= low : v > low) && v <= high) return true;
    sink_.error("rules.range", path_, model::child(ptr, key), std::string("'") + key + "' is out of range",
                std::string("a number ") + (low_ok ? "from " : "more than ") + expr::format_brief(low) +
                    (low_ok ? " to " : " and at most ") + expr::format_brief(high),
                model::describe(obj.at(key)));
    return false;
  }

  std::string text(const json& obj, const std::string& ptr, const char* key, bool required,
                   const std::string& fallback = {}) {
    if (!obj.contains(key) && !required) return fallback;
    std::string out;
    r_.string(obj, ptr, key, out, required);
    return out;
  }

  Method method(const json& c, const std::string& ptr) {
    Method m;
    std::string kind = text(c, ptr, "method", false, "declared");
    if (kind == "declared") m.kind = Method::Kind::Declared;
    else if (kind == "ratio") m.kind = Method::Kind::Ratio;
    else if (kind == "band") m.kind = Method::Kind::Band;
    else
      unknown(model::child(ptr, "method"), "unknown scoring method '" + kind + "'", kind,
              {"declared", "ratio", "band"});
    if (auto b = c.find("band"); b != c.end() && b->is_object()) {
      std::string bp = model::child(ptr, "band");
      known_keys(*b, bp, {"full_low", "full_high", "below_per_point", "above_per_point"});
      // Ratios as achievements are (1.0 = met), and shares of the weight per point.
      if (r_.number(*b, bp, "full_low", m.full_low)) bounded(*b, bp, "full_low", m.full_low, 0, kRatioMax, false);
      if (r_.number(*b, bp, "full_high", m.full_high))
        bounded(*b, bp, "full_high", m.full_high, m.full_low, kRatioMax, true);
      for (auto [key, out] : {std::pair{"below_per_point", &m.below_per_point}, std::pair{"above_per_point", &m.above_per_point}})
        if (r_.number(*b, bp, key, *out)) bounded(*b, bp, key, *out, 0, 1, true);
    } else if (m.kind == Method::Kind::Band) {
      sink_.error("rules.missing", path_, model::child(ptr, "band"), "a band method needs its band",
                  "{full_low, full_high, below_per_point, above_per_point}");
    }
    return m;
  }

  // "remainder": where a split's leftover hundredths go; nullopt when not given (or wrong,
  // reported).
  std::optional<Remainder> remainder(const json& obj, const std::string& ptr) {
    static const std::vector<std::string> kPlaces = {"first", "middle", "last", "spread"};
    std::string where;
    if (!obj.contains("remainder") || !r_.string(obj, ptr, "remainder", where)) return std::nullopt;
    for (std::size_t i = 0; i < kPlaces.size(); ++i)
      if (where == kPlaces[i]) return static_cast<Remainder>(i);
    unknown(model::child(ptr, "remainder"), "unknown remainder place '" + where + "'", where, kPlaces);
    return std::nullopt;
  }

  void type_error(const std::string& place, const std::string& expected, const json& got) {
    sink_.error("rules.type", path_, place, "wrong type", expected, model::describe(got));
  }

  // Keys of obj other than known and comments ("comment", "comment_…"): a misspelt
  // "remainer" would be ignored. skip: a key reported otherwise.
  void known_keys(const json& obj, const std::string& ptr, const std::vector<std::string>& known,
                  const char* skip = nullptr) {
    if (!obj.is_object()) return;
    for (auto it = obj.begin(); it != obj.end(); ++it) {
      const std::string& k = it.key();
      if (k == "comment" || k.rfind("comment_", 0) == 0 || (skip && k == skip)) continue;
      if (std::find(known.begin(), known.end(), k) == known.end())
        unknown(model::child(ptr, k), "unknown field '" + k + "'", k, known, "rules.unknown-field");
    }
  }

  // "weights": {"预算执行率": 6, …}: the official 分值 of named indicators of a category.
  std::vector<std::pair<std::string, Centi>> weights(const json& c, const std::string& ptr) {
    std::vector<std::pair<std::string, Centi>> out;
    auto w = c.find("weights");
    if (w == c.end()) return out;
    std::string wp = model::child(ptr, "weights");
    if (!w->is_object()) {
      type_error(wp, "an object of indicator name: 分值", *w);
      return out;
    }
    for (auto it = w->begin(); it != w->end(); ++it)
      if (Centi v = points(*w, wp, it.key().c_str()); v > 0) out.emplace_back(it.key(), v);
    return out;
  }

  // A formula's "weight" scores nothing: the 分值 of an indicator is its category's to give.
  void formula_weight(const json& f, const std::string& ptr, const std::string& match) {
    auto w = f.find("weight");
    if (w == f.end()) return;
    Diagnostic d{Severity::Error, "rules.unknown-field", path_, model::child(ptr, "weight"),
                 "a formula's 'weight' is not used", "one of: match, inputs, score", "'weight'", {}};
    d.hints.push_back("give the 分值 of " + match + " in its category's \"weights\" (as \"" + match + "\": " +
                      w->dump() + ")");
    sink_.report(std::move(d));
  }

  // An unknown name: the expected ones, and the nearest as a hint.
  void unknown(const std::string& place, const std::string& message, const std::string& got,
               const std::vector<std::string>& names, const char* code = "rules.value") {
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    Diagnostic d{Severity::Error, code, path_, place, message, "one of: " + list, "'" + got + "'", {}};
    suggest(d.hints, got, names);
    sink_.report(std::move(d));
  }

  Severity severity(const json& obj, const std::string& ptr) {
    std::string s = text(obj, ptr, "severity", false, "error");
    if (s == "error") return Severity::Error;
    if (s == "warning") return Severity::Warning;
    if (s == "note") return Severity::Note;
    sink_.error("rules.value", path_, model::child(ptr, "severity"), "unknown severity '" + s + "'",
                "error, warning or note");
    return Severity::Error;
  }

  model::Reader& reader() { return r_; }

 private:
  const std::string& path_;
  DiagnosticSink& sink_;
  model::Reader r_;
};

void read_fields(const json& j, RuleReader& rr, RuleSet& rs) {
  auto f = j.find("fields");
  if (f == j.end() || !rr.reader().object(*f, "/fields", "the indicators' fields")) return;
  rr.known_keys(*f, "/fields", {"category", "name", "weight", "score", "target", "actual", "reason", "inputs"});
  auto take = [&](const char* key, std::string& out) {
    auto it = f->find(key);
    if (it == f->end()) return;
    if (it->is_string()) out = it->get<std::string>();  // "" where the data has no such field
    else rr.type_error(model::child("/fields", key), "a field name (a string)", *it);
  };
  take("category", rs.f_category);
  take("name", rs.f_name);
  take("weight", rs.f_weight);
  take("score", rs.f_score);
  take("target", rs.f_target);
  take("actual", rs.f_actual);
  take("reason", rs.f_reason);
  take("inputs", rs.f_inputs);
}

// The keys of the top-level "values" object in the order the file gives them: nlohmann::json
// sorts keys, and ordered_json checks each new key against all before it (quadratic), so a
// SAX pass collects them.
class ValueNames : public nlohmann::json_sax<json> {
 public:
  std::vector<std::string> names;

  bool key(string_t& k) override {
    if (depth_ == 1) in_values_ = k == "values";
    else if (depth_ == 2 && in_values_) names.push_back(k);
    return true;
  }
  bool start_object(std::size_t) override { return ++depth_, true; }
  bool end_object() override {
    if (--depth_ == 1) in_values_ = false;
    return true;
  }
  bool start_array(std::size_t) override { return ++depth_, true; }
  bool end_array() override { return --depth_, true; }
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) override { return false; }

 private:
  int depth_ = 0;
  bool in_values_ = false;
};

std::vector<std::string> value_names_in_file_order(const std::string& text) {
  ValueNames sax;
  json::sax_parse(text, &sax);
  return std::move(sax.names);
}

// "pools": [{"name", "categories": [...], "points", "remainder"}], read before the
// categories so that a pooled category is known to need no points of its own.
void read_pools(const json& j, RuleReader& rr, RuleSet& rs) {
  auto& r = rr.reader();
  if (!j.contains("pools")) return;
  const json* ps = r.array(j, "", "pools", false);
  if (!ps) return;
  for (std::size_t i = 0; i < ps->size(); ++i) {
    std::string pp = model::child("/pools", i);
    const json& p = (*ps)[i];
    if (!r.object(p, pp, "a pool")) continue;
    rr.known_keys(p, pp, {"name", "categories", "points", "remainder"});
    Pool pool;
    pool.name = rr.text(p, pp, "name", false);
    if (const json* cs = r.array(p, pp, "categories", true))
      for (std::size_t k = 0; k < cs->size(); ++k) {
        const json& name = (*cs)[k];
        if (name.is_string()) pool.categories.push_back(name.get<std::string>());
        else rr.type_error(model::child(model::child(pp, "categories"), k), "a category name", name);
      }
    pool.points = rr.points(p, pp, "points");
    pool.remainder = rr.remainder(p, pp);
    if (pool.name.empty())
      for (const auto& c : pool.categories) pool.name += (pool.name.empty() ? "" : "+") + c;
    rs.pools.push_back(std::move(pool));
  }
}

// Every pooled category is a category of the rule set, in one pool only.
void check_pools(const RuleSet& rs, RuleReader& rr, DiagnosticSink& sink) {
  std::vector<std::string> names;
  for (const auto& c : rs.categories) names.push_back(c.name);
  std::vector<std::string> seen;
  for (std::size_t i = 0; i < rs.pools.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j)  // weights and findings find a pool by its name
      if (rs.pools[j].name == rs.pools[i].name)
        sink.error("rules.pool", rs.file, model::child(model::child("/pools", i), "name"),
                   "two pools are named '" + rs.pools[i].name + "'", "a name of its own for each pool");
    for (std::size_t k = 0; k < rs.pools[i].categories.size(); ++k) {
      const std::string& name = rs.pools[i].categories[k];
      std::string place = model::child(model::child(model::child("/pools", i), "categories"), k);
      if (std::find(names.begin(), names.end(), name) == names.end())
        rr.unknown(place, "'" + name + "' is not a category of the rule set", name, names);
      else if (std::find(seen.begin(), seen.end(), name) != seen.end())
        sink.error("rules.pool", rs.file, place, "category '" + name + "' is in two pools",
                   "each category in one pool at most");
      seen.push_back(name);
    }
  }
}

const std::vector<std::string> kTopKeys = {"id", "label", "source", "documents", "title", "unit", "indicators",
                                           "fields", "lower_is_better", "values", "lines", "remainder", "pools",
                                           "categories", "formulas", "checks", "total", "grades"};

std::unique_ptr<RuleSet> read_rule_set(const std::string& path, const std::string& text, DiagnosticSink& sink) {
  auto rs = std::make_unique<RuleSet>();
  rs->file = path;
  json j;
  // Strict: a key given twice, a NUL, nesting past the limit are errors at line:col.
  if (!parse_json(path, text, j, sink, {"rules.json", "rule set"})) return rs;
  RuleReader rr(path, sink);
  auto& r = rr.reader();
  if (!r.object(j, "", "the rule set")) return rs;
  rr.known_keys(j, "", kTopKeys);
  rs->id = rr.text(j, "", "id", true);
  rr.text(j, "", "source", false);
  rs->label = rr.text(j, "", "label", false);
  rs->documents = rr.text(j, "", "documents", false, rs->documents);
  rs->title = rr.text(j, "", "title", false, rs->title);
  rs->unit = rr.text(j, "", "unit", false, rs->unit);
  rs->indicators = rr.text(j, "", "indicators", false, rs->indicators);
  read_fields(j, rr, *rs);
  if (auto lb = j.find("lower_is_better"); lb != j.end() && r.object(*lb, "/lower_is_better", "lower_is_better")) {
    rr.known_keys(*lb, "/lower_is_better", {"field", "equals"});
    rs->lower_is_better_field = rr.text(*lb, "/lower_is_better", "field", true);
    if (const json* vs = r.array(*lb, "/lower_is_better", "equals", true))
      for (const auto& v : *vs)
        if (v.is_string()) rs->lower_is_better.push_back(v.get<std::string>());
  }
  if (auto v = j.find("values"); v != j.end()) {
    if (!v->is_object()) {
      sink.error("rules.type", path, "/values", "bad values", "an object of name: expression");
    } else {
      std::vector<NamedFormula> values;
      for (const std::string& name : value_names_in_file_order(text))
        if (v->contains(name)) values.push_back({name, rr.formula(*v, "/values", name.c_str())});
      rs->values = order_values(std::move(values), path, sink);
    }
  }
  if (const json* ls = j.contains("lines") ? r.array(j, "", "lines", false) : nullptr) {
    for (std::size_t i = 0; i < ls->size(); ++i) {
      std::string lp = model::child("/lines", i);
      const json& l = (*ls)[i];
      if (!r.object(l, lp, "a line")) continue;
      rr.known_keys(l, lp, {"id", "name", "weight", "score", "pointer", "shows", "value"});
      Line line;
      line.id = rr.text(l, lp, "id", true);
      line.name = rr.text(l, lp, "name", true);
      line.weight = rr.points(l, lp, "weight");
      line.score = rr.formula(l, lp, "score");
      line.pointer = rr.text(l, lp, "pointer", false);
      line.shows = rr.text(l, lp, "shows", false);
      line.value = rr.formula(l, lp, "value", false);
      rs->lines.push_back(std::move(line));
    }
  }
  if (auto rem = rr.remainder(j, "")) rs->remainder = *rem;
  read_pools(j, rr, *rs);
  if (const json* cats = r.array(j, "", "categories", true)) {
    for (std::size_t i = 0; i < cats->size(); ++i) {
      std::string cp = model::child("/categories", i);
      const json& c = (*cats)[i];
      if (!r.object(c, cp, "a category")) continue;
      rr.known_keys(c, cp, {"name", "points", "method", "band", "remainder", "weights"});
      Category cat;
      cat.name = rr.text(c, cp, "name", true);
      cat.weights = rr.weights(c, cp);
      cat.method = rr.method(c, cp);
      for (const auto& pool : rs->pools)
        if (std::find(pool.categories.begin(), pool.categories.end(), cat.name) != pool.categories.end())
          cat.pool = pool.name;
      if (cat.pool.empty()) {
        cat.points = rr.points(c, cp, "points");
        cat.remainder = rr.remainder(c, cp);
      } else {
        // Its points and remainder are its pool's: one given here would be a second truth.
        for (const char* key : {"points", "remainder"})
          if (c.contains(key))
            sink.error("rules.pool", path, model::child(cp, key),
                       "category '" + cat.name + "' shares the points of pool '" + cat.pool + "'",
                       std::string("no '") + key + "' (give it on the pool)");
      }
      rs->categories.push_back(cat);
    }
  }
  check_pools(*rs, rr, sink);
  if (const json* fs = j.contains("formulas") ? r.array(j, "", "formulas", false) : nullptr) {
    for (std::size_t i = 0; i < fs->size(); ++i) {
      std::string fp = model::child("/formulas", i);
      const json& f = (*fs)[i];
      if (!r.object(f, fp, "a formula")) continue;
      rr.known_keys(f, fp, {"match", "inputs", "score"}, "weight");
      IndicatorFormula formula;
      formula.match = rr.text(f, fp, "match", true);
      rr.formula_weight(f, fp, formula.match);
      if (const json* in = r.array(f, fp, "inputs", true))
        for (const auto& name : *in)
          if (name.is_string()) formula.inputs.push_back(name.get<std::string>());
      formula.score = rr.formula(f, fp, "score");
      rs->formulas.push_back(std::move(formula));
    }
  }
  if (const json* cs = j.contains("checks") ? r.array(j, "", "checks", false) : nullptr) {
    for (std::size_t i = 0; i < cs->size(); ++i) {
      std::string kp = model::child("/checks", i);
      const json& c = (*cs)[i];
      if (!r.object(c, kp, "a check")) continue;
      rr.known_keys(c, kp, {"code", "severity", "message", "message_zh", "pointer", "test", "computed", "declared"});
      Check check;
      check.code = rr.text(c, kp, "code", true);
      check.severity = rr.severity(c, kp);
      check.message = rr.text(c, kp, "message", true);
      check.message_zh = rr.text(c, kp, "message_zh", false);
      check.pointer = rr.text(c, kp, "pointer", false);
      check.test = rr.formula(c, kp, "test");
      check.computed = rr.formula(c, kp, "computed", false);
      check.declared = rr.formula(c, kp, "declared", false);
      rs->checks.push_back(std::move(check));
    }
  }
  rs->total_points = rr.points(j, "", "total");
  if (const json* gs = r.array(j, "", "grades", true)) {
    for (std::size_t i = 0; i < gs->size(); ++i) {
      std::string gp = model::child("/grades", i);
      if (!r.object((*gs)[i], gp, "a grade band")) continue;
      rr.known_keys((*gs)[i], gp, {"min", "grade"});
      GradeBand g;
      g.grade = rr.text((*gs)[i], gp, "grade", true);
      g.min = rr.points((*gs)[i], gp, "min", true);
      if (g.min > rs->total_points && rs->total_points > 0)
        rr.bounded((*gs)[i], gp, "min", from_centi(g.min), 0, from_centi(rs->total_points), true);
      rs->grades.push_back(g);
    }
    std::stable_sort(rs->grades.begin(), rs->grades.end(),
                     [](const GradeBand& a, const GradeBand& b) { return a.min > b.min; });
  }
  if (!sink.has_errors()) check_points(*rs, sink);  // sums of points read wrong would only echo
  return rs;
}

}  // namespace

std::unique_ptr<RuleSet> load_rule_set(const std::string& path, DiagnosticSink& sink) {
  std::string text = read_file(path);
  DiagnosticSink local;
  auto rs = read_rule_set(path, text, local);
  DiagnosticSink located = located_in_json(local, path, text);
  for (const Diagnostic& d : located.all()) sink.report(d);
  return rs;
}

}  // namespace jixiao::scoring
