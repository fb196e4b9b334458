// One indicator's score: computed where the rule set and the data allow (a formula over
// its inputs, or its category's method on target and actual), the declared score kept
// where there is one, and every disagreement a finding. Internal to the scoring stage.
#pragma once
#include <vector>

#include "scoring/scoring.h"

namespace jixiao::scoring {

// is.weight, is.category, is.name and is.pointer are set; fills the rest.
void score_indicator(const nlohmann::json& indicator, const RuleSet& rules, IndicatorScore& is,
                     std::vector<Finding>& findings);

}  // namespace jixiao::scoring
