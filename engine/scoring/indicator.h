// One indicator's score: computed where the rule set and the data allow (a formula over
// its inputs, or its category's method on target and actual), the declared score kept
// where there is one, and every disagreement a finding. Internal to the scoring stage.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "scoring/scoring.h"

namespace jixiao::scoring {

// is.weight, is.category, is.name and is.pointer are set; fills the rest.
// A 分值 or 得分 of the data in hundredths when finite and at most kPointsMax in magnitude;
// else an error finding at pointer and std::nullopt (the number is not used).
std::optional<Centi> points_in_range(const nlohmann::json& value, const std::string& pointer,
                                     const std::string& what, std::vector<Finding>& findings);

void score_indicator(const nlohmann::json& indicator, const RuleSet& rules, IndicatorScore& is,
                     std::vector<Finding>& findings);

}  // namespace jixiao::scoring
