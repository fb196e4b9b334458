#include "view.h"

namespace jixiao {

namespace {

nlohmann::json points(scoring::Centi c) {
  // Whole points stay integers so that they print without decimals ("10", "100").
  if (c % 100 == 0) return nlohmann::json(static_cast<std::int64_t>(c / 100));
  return nlohmann::json(scoring::from_centi(c));
}

// data: the project as written. A declared number keeps the way it was written (20.0 is
// shown "20.0", 6 is shown "6"), as the unit filled in the form.
nlohmann::json evaluation(const scoring::ProjectScore& s, const nlohmann::json& data) {
  nlohmann::json inds = nlohmann::json::array();
  for (std::size_t i = 0; i < s.indicators.size(); ++i) {
    const auto& is = s.indicators[i];
    const nlohmann::json& written = data["indicators"][i];
    bool declared = is.rule == "declared";
    inds.push_back({{"weight", written["weight"]},
                    {"score", declared ? written["score"] : points(is.score)},
                    {"rule", is.rule}});
  }
  return {
      {"funds",
       {{"total",
         {{"rate", scoring::from_centi(s.total.rate)},
          {"weight", points(s.budget.weight)},
          {"score", scoring::from_centi(s.budget.score)}}},
        {"fiscal", {{"rate", scoring::from_centi(s.fiscal.rate)}}},
        {"carryover", {{"rate", scoring::from_centi(s.carryover.rate)}}},
        {"other", {{"rate", scoring::from_centi(s.other.rate)}}}}},
      {"indicators", inds},
      {"total", scoring::from_centi(s.total_score)},
      {"max", points(s.max_score)},
      {"grade", s.grade}};
}

}  // namespace

nlohmann::json make_view(const model::Dossier& dossier,
                         const std::vector<scoring::ProjectScore>& scores) {
  nlohmann::json view = dossier.source;
  view.erase("$schema");
  if (!view.contains("title")) view["title"] = nullptr;
  auto& projects = view["projects"];
  for (std::size_t i = 0; i < projects.size() && i < scores.size(); ++i)
    projects[i]["evaluation"] = evaluation(scores[i], projects[i]);
  return view;
}

}  // namespace jixiao
