#include "scoring/indicator.h"

#include <algorithm>
#include <cmath>

#include "expr/number_format.h"
#include "model/reader.h"
#include "scoring/evaluate.h"
#include "scoring/value.h"

namespace jixiao::scoring {

std::optional<Centi> points_in_range(const nlohmann::json& value, const std::string& pointer, const std::string& what,
                                     std::vector<Finding>& findings) {
  double v = value.get<double>();
  if (std::isfinite(v) && std::fabs(v) <= kPointsMax) return to_centi(v);
  findings.push_back({Severity::Error, "scoring.number-range", pointer,
                      what + " is " + expr::format_brief(v) + ", beyond " + expr::format_brief(kPointsMax) +
                          " in magnitude: not used",
                      "", ""});
  return std::nullopt;
}

namespace {

using json = nlohmann::json;

std::string field(const json& ind, const std::string& key) {
  auto it = ind.find(key);
  return it != ind.end() && it->is_string() ? it->get<std::string>() : std::string();
}

const Category* category_of(const RuleSet& rules, const std::string& name) {
  for (const auto& c : rules.categories)
    if (c.name == name) return &c;
  return nullptr;
}

// A formula of the rule set for this indicator, when the data gives all its inputs.
std::optional<Centi> by_formula(const json& ind, const RuleSet& rules, IndicatorScore& is,
                                std::vector<Finding>& findings) {
  for (const auto& f : rules.formulas) {
    if (f.match != is.name) continue;
    auto in = ind.find(rules.f_inputs);
    if (in == ind.end() || !in->is_object()) return std::nullopt;  // judged by the unit
    std::string used;
    for (const auto& name : f.inputs) {
      auto v = in->find(name);
      if (v == in->end() || !v->is_number()) {
        findings.push_back({Severity::Warning, "scoring.formula-input",
                            model::child(is.pointer, rules.f_inputs),
                            "the formula for " + is.name + " needs input '" + name + "'", "", ""});
        return std::nullopt;
      }
      double x = v->get<double>();
      if (!(std::isfinite(x) && std::fabs(x) <= kInputMax)) {
        findings.push_back({Severity::Error, "scoring.number-range", model::child(model::child(is.pointer, rules.f_inputs), name),
                            "input '" + name + "' of the formula for " + is.name + " is " + expr::format_brief(x) +
                                ", beyond " + expr::format_brief(kInputMax) + " in magnitude",
                            "", ""});
        return std::nullopt;
      }
      used += (used.empty() ? "" : ", ") + name + " " + centi_text(to_centi(x), -1);
    }
    std::string error;
    auto v = eval_number(f.score, {*in, nullptr, from_centi(is.weight)}, error);
    if (!v) {
      findings.push_back({Severity::Error, "scoring.formula", is.pointer,
                          "cannot compute " + is.name + " (rule " + rule_place(rules, f.score) +
                              "): " + error,
                          "", ""});
      return std::nullopt;
    }
    is.rule = "formula";
    is.inputs = used;
    Centi raw = to_centi(*v), score = std::clamp<Centi>(raw, 0, is.weight);
    if (raw != score) out_of_weight(rules, f.score, is, raw, findings);
    return score;
  }
  return std::nullopt;
}

// Suzhou's band: full weight within [low, high]; each point below low or above high
// deducts a share of the weight.
double band_fraction(double ratio, const Method& m) {
  double pct = ratio * 100;
  if (pct < m.full_low * 100) return std::max(0.0, 1 - (m.full_low * 100 - pct) * m.below_per_point);
  if (pct > m.full_high * 100) return std::max(0.0, 1 - (pct - m.full_high * 100) * m.above_per_point);
  return 1;
}

// The category's method on target and actual.
std::optional<Centi> by_method(const json& ind, const RuleSet& rules, IndicatorScore& is,
                               std::vector<Finding>& findings) {
  const Category* cat = category_of(rules, is.category);
  if (!cat || cat->method.kind == Method::Kind::Declared) return std::nullopt;
  std::string target_text = field(ind, rules.f_target), actual_text = field(ind, rules.f_actual);
  ParsedValue actual = parse_value(actual_text);
  if (auto g = grade_fraction(actual_text)) {  // 定性: 好/较好/一般/较差/差
    is.rule = "grade";
    is.inputs = actual_text;
    return to_centi(from_centi(is.weight) * *g);
  }
  ParsedValue target = parse_value(target_text);
  for (auto [v, key] : {std::pair{&target, &rules.f_target}, std::pair{&actual, &rules.f_actual}}) {
    if (v->kind == ParsedValue::Kind::Unreadable) {
      findings.push_back({Severity::Warning, "scoring.unreadable-value", model::child(is.pointer, *key),
                          "cannot read \"" + v->text + "\": " + v->problem, "", ""});
      return std::nullopt;
    }
  }
  if (target.comparator == Comparator::None && !rules.lower_is_better_field.empty()) {
    std::string f = field(ind, rules.lower_is_better_field);
    for (const auto& v : rules.lower_is_better)
      if (f == v) target.comparator = Comparator::Le;  // a cost ceiling written without "≤"
  }
  auto a = achievement(target, actual);
  if (!a) return std::nullopt;
  // actual/target scores only as a ratio: 1e300 against 1 (or 1 against 1e-300) is a slip
  // in the data, not 100% achieved.
  if (!(*a >= 0 && *a <= kRatioMax)) {
    findings.push_back({std::isfinite(*a) ? Severity::Warning : Severity::Error, "scoring.ratio-range", is.pointer,
                        "actual/target of " + is.name + " is " + expr::format_brief(*a) + ", outside 0 to " +
                            expr::format_brief(kRatioMax) + " (" + model::child(is.pointer, rules.f_actual) +
                            " against " + model::child(is.pointer, rules.f_target) + "): not scored from them",
                        "", ""});
    return std::nullopt;
  }
  is.inputs = target_text + " → " + actual_text;
  double fraction = 1;
  if (cat->method.kind == Method::Kind::Ratio) {
    is.rule = "ratio";
    fraction = std::min(*a, 1.0);
  } else {
    is.rule = "band";
    fraction = band_fraction(*a, cat->method);
  }
  return to_centi(from_centi(is.weight) * fraction);
}

bool no_reason(const std::string& reason) {
  return reason.empty() || reason == "无偏差" || reason == "无" || reason == "—";
}

}  // namespace

void score_indicator(const json& ind, const RuleSet& rules, IndicatorScore& is,
                     std::vector<Finding>& findings) {
  auto computed = by_formula(ind, rules, is, findings);
  if (!computed) computed = by_method(ind, rules, is, findings);
  is.computed = computed;
  if (auto d = ind.find(rules.f_score); d != ind.end() && d->is_number()) {
    if (auto v = points_in_range(*d, model::child(is.pointer, rules.f_score), "得分", findings))
      is.declared = *v;
  }
  std::string reason = field(ind, rules.f_reason);

  if (is.declared) {
    is.score = *is.declared;
    if (computed && *computed != *is.declared) {
      // With a reason the unit explains itself: a note, so the difference is never silent.
      findings.push_back({no_reason(reason) ? Severity::Warning : Severity::Note, "scoring.declared-differs",
                          model::child(is.pointer, rules.f_score),
                          "declared 得分 of " + is.name + " differs from the " + is.rule + " (" + is.inputs +
                              ")" + (no_reason(reason) ? " and no reason is given" : "; kept with its reason"),
                          centi_text(*computed, -1), centi_text(*is.declared, -1)});
    }
    if (!computed) is.rule = "declared";
  } else if (computed) {
    is.score = *computed;
  } else {
    std::string actual = field(ind, rules.f_actual);
    bool explained = !field(ind, "explanation").empty() || !no_reason(reason);
    is.rule = "none";
    findings.push_back({actual.empty() && !explained ? Severity::Warning : Severity::Error,
                        actual.empty() && !explained ? "scoring.no-actual" : "scoring.no-score",
                        model::child(is.pointer, rules.f_score),
                        actual.empty() && !explained
                            ? "no actual value and no explanation: " + is.name + " scores 0"
                            : "no declared score and none can be computed for " + is.name,
                        "", ""});
  }
  // These compare the weight with the score: their numbers are named so ("分值 9.17, 得分 9.2").
  auto weight_and_score = [&](Severity severity, const char* code, const std::string& key, const char* message,
                              bool with_weight) {
    Finding f{severity, code, model::child(is.pointer, key), message,
              with_weight ? centi_text(is.weight, -1) : "", centi_text(is.score, -1)};
    f.computed_as = "分值";
    f.declared_as = "得分";
    findings.push_back(std::move(f));
  };
  if (is.score > is.weight)
    weight_and_score(Severity::Error, "scoring.score-above-weight", rules.f_score, "得分 exceeds 分值", true);
  if (is.score < 0)
    weight_and_score(Severity::Error, "scoring.negative", rules.f_score, "得分 cannot be negative", false);
  if (is.score < is.weight && !rules.f_reason.empty() && ind.contains(rules.f_reason) && no_reason(reason))
    weight_and_score(Severity::Warning, "scoring.deduction-without-reason", rules.f_reason,
                     "得分 is below 分值 but 偏差原因分析及改进措施 gives no reason", true);
}

}  // namespace jixiao::scoring
