#include "run/view.h"

namespace jixiao {

namespace {

// A declared number keeps the way the unit wrote it (20.0 is shown "20.0", 6 is shown "6"),
// as on the form it fills in; computed ones come from scoring.
void keep_written(nlohmann::json& evaluation, const nlohmann::json& document,
                  const scoring::RuleSet& rules, const scoring::DocumentScore& score) {
  auto list = document.find(rules.indicators);
  if (list == document.end() || !list->is_array()) return;
  auto& views = evaluation["indicators"];
  for (std::size_t i = 0; i < views.size() && i < list->size(); ++i) {
    const auto& written = (*list)[i];
    const auto& is = score.indicators[i];
    if (is.weight_source == "declared") views[i]["weight"] = written[rules.f_weight];
    if (is.declared && is.score == *is.declared) views[i]["score"] = written[rules.f_score];
  }
}

}  // namespace

nlohmann::json make_view(const model::Dossier& dossier, const scoring::RuleSet* rules_or_null,
                         const std::vector<scoring::DocumentScore>& scores) {
  nlohmann::json view = dossier.source;
  view.erase("$schema");
  if (!view.contains("title")) view["title"] = nullptr;
  if (!rules_or_null) return view;
  const scoring::RuleSet& rules = *rules_or_null;
  auto docs = view.find(rules.documents);
  if (docs == view.end() || !docs->is_array()) return view;
  for (std::size_t i = 0; i < docs->size() && i < scores.size(); ++i) {
    auto evaluation = scoring::to_view(scores[i]);
    keep_written(evaluation, (*docs)[i], rules, scores[i]);
    (*docs)[i]["evaluation"] = std::move(evaluation);
  }
  return view;
}

}  // namespace jixiao
