#include <algorithm>
#include <cmath>
#include <map>

#include "expr/number_format.h"
#include "model/reader.h"
#include "diag/suggest.h"
#include "scoring/evaluate.h"
#include "scoring/indicator.h"
#include "scoring/scoring.h"

namespace jixiao::scoring {

namespace {

using json = nlohmann::json;

std::string grade_of(const RuleSet& rules, Centi total) {
  for (const auto& g : rules.grades)
    if (total >= g.min) return g.grade;
  return {};
}

// A check's numbers as given, however far out of range (a check exists to show those).
std::string number_text(double v) { return expr::format_brief(v); }

void compute_values(const json& doc, const RuleSet& rules, DocumentScore& s) {
  for (const auto& v : rules.values) {
    std::string error;
    auto n = eval_number(v.formula, {doc, &s.values, std::nullopt}, error);
    if (n) {
      s.values[v.name] = *n;
    } else {
      // An error: a value left null would score the lines that use it on nothing.
      s.values[v.name] = nullptr;
      s.findings.push_back({Severity::Error, "scoring.value", s.pointer,
                            "cannot compute value '" + v.name + "' (rule " +
                                rule_place(rules, v.formula) + "): " + error,
                            "", ""});
    }
  }
}

// The ratio a line shows (执行率) must be a ratio before the line scores on it: a budget of
// 4.9e-324 or an execution of 1e308 would otherwise earn full marks through min(…, 1).
bool line_ratio_ok(const Line& line, double ratio, IndicatorScore& is, DocumentScore& s) {
  if (ratio >= 0 && ratio <= kRatioMax) return true;
  s.findings.push_back({Severity::Error, "scoring.ratio-range", is.pointer,
                        (line.shows.empty() ? "the ratio" : line.shows) + " of " + line.name + " is " +
                            expr::format_brief(ratio) + ", outside 0 to " + expr::format_brief(kRatioMax) +
                            ": check the figures at " + is.pointer + " it is computed from",
                        "", ""});
  return false;
}

void score_lines(const json& doc, const RuleSet& rules, DocumentScore& s) {
  for (const auto& line : rules.lines) {
    IndicatorScore is;
    is.name = line.name;
    is.weight = line.weight;
    is.weight_source = "rule";
    is.rule = line.id;
    is.pointer = s.pointer + line.pointer;
    std::string error, e2;
    auto shown = line.value.expr ? eval_number(line.value, {doc, &s.values, std::nullopt}, e2) : std::nullopt;
    if (shown && !line_ratio_ok(line, *shown, is, s)) {
      s.lines.push_back(std::move(is));  // scores nothing; the error says why
      continue;
    }
    auto v = eval_number(line.score, {doc, &s.values, from_centi(line.weight)}, error);
    if (v) {
      Centi raw = to_centi(*v);
      is.computed = std::clamp<Centi>(raw, 0, line.weight);
      if (raw != *is.computed) out_of_weight(rules, line.score, is, raw, s.findings);
      is.score = *is.computed;
      is.inputs = shown ? line.shows + " " + centi_text(to_centi(*shown), 2) : line.score.text;
    } else {
      s.findings.push_back({Severity::Error, "scoring.line", is.pointer,
                            "cannot compute " + line.name + " (rule " + rule_place(rules, line.score) +
                                "): " + error,
                            "", ""});
    }
    s.total += is.score;
    s.lines.push_back(std::move(is));
  }
}

void run_checks(const json& doc, const RuleSet& rules, DocumentScore& s) {
  for (const auto& c : rules.checks) {
    std::string error;
    FormulaScope scope{doc, &s.values, std::nullopt};
    auto ok = eval_test(c.test, scope, error);
    if (ok && *ok) continue;
    Finding f{c.severity, c.code, s.pointer + c.pointer, c.message, "", ""};
    if (!ok) {
      f.severity = Severity::Warning;
      f.message += " — cannot check (rule " + rule_place(rules, c.test) + "): " + error;
    } else {
      std::string e2;
      if (auto v = eval_number(c.computed, scope, e2)) f.computed = number_text(*v);
      if (auto v = eval_number(c.declared, scope, e2)) f.declared = number_text(*v);
    }
    s.findings.push_back(std::move(f));
  }
}

// Where a category's indicators draw their weights from: its pool, or itself.
struct Share {
  std::string key;  // "pool:<name>" or "category:<name>"
  Centi points = 0;
  Remainder remainder = Remainder::Middle;
};

Share share_of(const RuleSet& rules, const std::string& category) {
  for (const auto& c : rules.categories) {
    if (c.name != category) continue;
    if (c.pool.empty()) return {"category:" + c.name, c.points, c.remainder.value_or(rules.remainder)};
    for (const auto& p : rules.pools)
      if (p.name == c.pool) return {"pool:" + p.name, p.points, p.remainder.value_or(rules.remainder)};
  }
  return {"category:" + category, 0, rules.remainder};  // not a category: reported by summarise
}

// The official 分值 the rule set gives the indicator in its category ("weights"), if any.
std::optional<Centi> rule_weight(const RuleSet& rules, const IndicatorScore& is) {
  for (const auto& c : rules.categories)
    if (c.name == is.category)
      for (const auto& [name, weight] : c.weights)
        if (name == is.name) return weight;
  return std::nullopt;
}

// 分值 of every indicator: as the data gives it, else as the rule set names it, else the points of its category (or of the
// pool it shares) left after the given ones, split evenly over the rest in data order.
void assign_weights(const json& list, const RuleSet& rules, std::vector<IndicatorScore>& out,
                    std::vector<Finding>& findings) {
  std::map<std::string, Share> shares;
  std::map<std::string, std::vector<std::size_t>> open;  // share → indicators without weight
  std::map<std::string, Centi> given;
  for (std::size_t i = 0; i < out.size(); ++i) {
    Share share = share_of(rules, out[i].category);
    shares.emplace(share.key, share);
    const json& ind = list[i];
    auto w = ind.find(rules.f_weight);
    std::optional<Centi> declared;
    if (w != ind.end() && w->is_number())
      declared = points_in_range(*w, model::child(out[i].pointer, rules.f_weight), "分值", findings);
    std::optional<Centi> official = declared ? std::nullopt : rule_weight(rules, out[i]);
    if (declared || official) {
      out[i].weight = declared ? *declared : *official;
      out[i].weight_source = declared ? "declared" : "rule";
      given[share.key] += out[i].weight;
    } else {
      open[share.key].push_back(i);
    }
  }
  for (const auto& [key, members] : open) {
    const Share& share = shares.at(key);
    Centi left = std::max<Centi>(0, share.points - given[key]);
    auto parts = split_points(left, members.size(), share.remainder);
    for (std::size_t k = 0; k < members.size(); ++k) {
      out[members[k]].weight = parts[k];
      out[members[k]].weight_source = "split";
    }
  }
}

// A rule set's named 分值 that no indicator of its category takes: a misspelt name in the
// rule set or in the data, which would otherwise only show as points not adding up.
void unused_weights(const RuleSet& rules, const std::vector<IndicatorScore>& indicators, const std::string& list_pointer,
                    std::vector<Finding>& findings) {
  for (const auto& c : rules.categories) {
    if (c.weights.empty()) continue;
    std::vector<std::string> names;
    for (const auto& is : indicators)
      if (is.category == c.name) names.push_back(is.name);
    for (const auto& [name, weight] : c.weights) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      std::string message = "the rule set gives " + name + " of " + c.name + " 分值 " + centi_text(weight, -1) +
                            ", and no indicator of that category has that name";
      if (std::string near = nearest(name, names); !near.empty()) message += " (nearest: " + near + ")";
      findings.push_back({Severity::Warning, "scoring.weight-unused", list_pointer, message, "", ""});
    }
  }
}

void summarise(const RuleSet& rules, DocumentScore& s, const std::string& list_pointer) {
  std::map<std::string, CategoryScore> by;
  std::map<std::string, std::string> first;
  for (const auto& is : s.indicators) {
    auto& c = by[is.category];
    c.name = is.category;
    c.weight += is.weight;
    c.score += is.score;
    first.emplace(is.category, is.pointer);
  }
  Centi weights = 0;
  for (const auto& l : s.lines) weights += l.weight;
  auto points_finding = [&](const std::string& where, const std::string& message, Centi points, Centi weight) {
    Finding f{Severity::Warning, "scoring.category-points", where, message, centi_text(points, -1),
              centi_text(weight, -1)};
    f.computed_as = "points";
    f.declared_as = "sum of 分值";
    s.findings.push_back(std::move(f));
  };
  for (const auto& cat : rules.categories) {
    CategoryScore c = by.count(cat.name) ? by[cat.name] : CategoryScore{cat.name, 0, 0, 0};
    // A pooled category's points are the share of its pool it got.
    c.points = cat.pool.empty() ? cat.points : c.weight;
    weights += c.weight;
    if (c.weight != c.points)
      points_finding(first.count(cat.name) ? first[cat.name] : list_pointer,
                     "分值 of " + cat.name + " do not add up to the category's points", c.points, c.weight);
    s.categories.push_back(c);
    by.erase(cat.name);
  }
  for (const auto& pool : rules.pools) {
    Centi weight = 0;
    std::string where;
    for (const auto& name : pool.categories) {
      for (const auto& c : s.categories)
        if (c.name == name) weight += c.weight;
      if (where.empty() && first.count(name)) where = first[name];
    }
    if (weight != pool.points)
      points_finding(where.empty() ? list_pointer : where,
                     "分值 of pool " + pool.name + " do not add up to the pool's points", pool.points, weight);
  }
  for (const auto& [name, c] : by) {
    weights += c.weight;
    s.findings.push_back({Severity::Error, "scoring.unknown-category", first[name],
                          "'" + name + "' is not a category of rule set " + rules.id,
                          "", ""});
  }
  if (weights != rules.total_points) {
    Finding f{Severity::Warning, "scoring.weight-sum", list_pointer, "分值 do not add up to the total points",
              centi_text(rules.total_points, -1), centi_text(weights, -1)};
    f.computed_as = "total";
    f.declared_as = "sum of 分值";
    s.findings.push_back(std::move(f));
  }
}

}  // namespace

DocumentScore score_document(const json& doc, const std::string& pointer, const RuleSet& rules) {
  DocumentScore s;
  s.pointer = pointer;
  if (auto t = doc.find(rules.title); t != doc.end() && t->is_string()) s.title = t->get<std::string>();
  if (auto u = rules.unit.empty() ? doc.end() : doc.find(rules.unit); u != doc.end() && u->is_string())
    s.unit = u->get<std::string>();
  compute_values(doc, rules, s);
  score_lines(doc, rules, s);

  std::string list_pointer = model::child(pointer, rules.indicators);
  auto list_it = doc.find(rules.indicators);
  static const json kNone = json::array();
  const json& list = list_it != doc.end() && list_it->is_array() ? *list_it : kNone;
  s.indicators.resize(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    s.indicators[i].pointer = model::child(list_pointer, i);
    if (auto c = list[i].find(rules.f_category); c != list[i].end() && c->is_string())
      s.indicators[i].category = c->get<std::string>();
    if (auto n = list[i].find(rules.f_name); n != list[i].end() && n->is_string())
      s.indicators[i].name = n->get<std::string>();
  }
  assign_weights(list, rules, s.indicators, s.findings);
  unused_weights(rules, s.indicators, list_pointer, s.findings);
  for (std::size_t i = 0; i < list.size(); ++i) {
    score_indicator(list[i], rules, s.indicators[i], s.findings);
    s.total += s.indicators[i].score;
  }
  summarise(rules, s, list_pointer);
  run_checks(doc, rules, s);
  s.max = rules.total_points;
  s.grade = grade_of(rules, s.total);
  return s;
}

std::vector<DocumentScore> score_all(const json& data, const RuleSet& rules) {
  std::vector<DocumentScore> out;
  auto docs = data.find(rules.documents);
  if (docs == data.end() || !docs->is_array()) return out;
  for (std::size_t i = 0; i < docs->size(); ++i)
    out.push_back(score_document((*docs)[i], model::child("/" + rules.documents, i), rules));
  return out;
}

}  // namespace jixiao::scoring
