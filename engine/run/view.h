// The view a template binds to: the data file as read, each document with its scoring
// results under "evaluation". Glue between scoring and the template stage.
#pragma once
#include <nlohmann/json.hpp>

#include "model/model.h"
#include "scoring/scoring.h"

namespace jixiao {

// rules may be null: a form that is not scored (a declaration) has no "evaluation".
nlohmann::json make_view(const model::Dossier& dossier, const scoring::RuleSet* rules,
                         const std::vector<scoring::DocumentScore>& scores);

}  // namespace jixiao
