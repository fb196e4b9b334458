// The order a rule set's values are computed in: each after the values its expression names
// (values.x), file order otherwise. Internal to the scoring stage.
#pragma once
#include <string>
#include <vector>

#include "diag/diag.h"
#include "scoring/scoring.h"

namespace jixiao::scoring {

// values (in file order) sorted so that every value comes after those it uses; ties keep
// file order. A cycle is an error ("rules.value-cycle") naming the file and its values;
// the values in it are then left out.
std::vector<NamedFormula> order_values(std::vector<NamedFormula> values, const std::string& file,
                                       DiagnosticSink& sink);

}  // namespace jixiao::scoring
