// Evaluating rule-set formulas against a document. Internal to the scoring stage.
#pragma once
#include <optional>
#include <string>

#include "expr/expr.h"
#include "scoring/scoring.h"

namespace jixiao::scoring {

// The names a formula sees: the fields of root (the document, or an indicator's inputs),
// then "values" (the rule set's derived numbers) and "weight".
struct FormulaScope {
  const nlohmann::json& root;
  const nlohmann::json* values = nullptr;
  std::optional<double> weight;
};

// The formula's value as a number, or std::nullopt with why in error.
std::optional<double> eval_number(const Formula& f, const FormulaScope& scope, std::string& error);
// The rule a formula is, for messages: "FILE /values/rate_total".
std::string rule_place(const RuleSet& rules, const Formula& f);
// The formula's truth, or std::nullopt with why in error.
std::optional<bool> eval_test(const Formula& f, const FormulaScope& scope, std::string& error);

// A rule's score outside 0 … 分值 is kept within it, never silently: a warning naming the rule.
void out_of_weight(const RuleSet& rules, const Formula& f, const IndicatorScore& is, Centi raw,
                   std::vector<Finding>& findings);

}  // namespace jixiao::scoring
