#include <nlohmann/json.hpp>

#include "scoring/scoring.h"

namespace jixiao::scoring {

namespace {

nlohmann::ordered_json indicator_json(const IndicatorScore& is) {
  return {{"name", is.name},
          {"weight", from_centi(is.weight)},
          {"score", from_centi(is.score)},
          {"score_text", centi_text(is.score, 2)},
          {"rule", is.rule}};
}

}  // namespace

std::string to_json(const std::vector<ProjectScore>& scores) {
  nlohmann::ordered_json docs = nlohmann::ordered_json::array();
  for (const auto& s : scores) {
    nlohmann::ordered_json inds = nlohmann::ordered_json::array();
    auto budget = indicator_json(s.budget);
    budget["rate"] = from_centi(s.total.rate);
    budget["rate_text"] = centi_text(s.total.rate, 2);
    inds.push_back(budget);
    for (const auto& is : s.indicators) inds.push_back(indicator_json(is));
    nlohmann::ordered_json findings = nlohmann::ordered_json::array();
    for (const auto& f : s.findings) {
      nlohmann::ordered_json fj = {{"severity", severity_name(f.severity)},
                                   {"code", f.code},
                                   {"pointer", f.pointer},
                                   {"message", f.message}};
      if (!f.computed.empty()) fj["computed"] = f.computed;
      if (!f.declared.empty()) fj["declared"] = f.declared;
      findings.push_back(fj);
    }
    docs.push_back({{"title", s.title},
                    {"total", from_centi(s.total_score)},
                    {"total_text", centi_text(s.total_score, -1)},
                    {"max", from_centi(s.max_score)},
                    {"grade", s.grade},
                    {"indicators", inds},
                    {"findings", findings}});
  }
  nlohmann::ordered_json out = {{"documents", docs}};
  return out.dump(2) + "\n";
}

}  // namespace jixiao::scoring
