#include "scoring/scoring.h"

#include <algorithm>

#include "model/reader.h"

namespace jixiao::scoring {

RuleSet load_rule_set(const std::string& path, DiagnosticSink& sink) {
  RuleSet rs;
  rs.file = path;
  std::string text = read_file(path);
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    sink.error("rules.json", path, to_string(line_col(text, e.byte > 0 ? e.byte - 1 : 0)),
               "malformed rule set", "well-formed JSON", e.what());
    return rs;
  }
  model::Reader r(path, sink);
  if (!r.object(j, "", "the rule set")) return rs;
  r.string(j, "", "id", rs.id, true);
  if (j.contains("label") && j["label"].is_string()) rs.label = j["label"].get<std::string>();
  double v = 0;
  if (const auto* b = r.member(j, "", "budget_line", "an object {weight, rate_decimals}")) {
    if (r.object(*b, "/budget_line", "'budget_line'")) {
      if (r.number(*b, "/budget_line", "weight", v)) rs.budget_weight = to_centi(v);
      model::Number d;
      if (r.number(*b, "/budget_line", "rate_decimals", d)) {
        if (!d.integral || d.value < 0 || d.value > 2)
          sink.error("rules.value", path, "/budget_line/rate_decimals", "bad number of decimals",
                     "0, 1 or 2", model::describe((*b)["rate_decimals"]));
        else
          rs.rate_decimals = static_cast<int>(d.value);
      }
    }
  }
  if (r.number(j, "", "total", v)) rs.total_points = to_centi(v);
  if (const auto* cats = r.array(j, "", "categories", true)) {
    for (std::size_t i = 0; i < cats->size(); ++i) {
      std::string cp = model::child("/categories", i);
      Category c;
      if (!r.object((*cats)[i], cp, "a category")) continue;
      r.string((*cats)[i], cp, "name", c.name, true);
      if (r.number((*cats)[i], cp, "points", v)) c.points = to_centi(v);
      rs.categories.push_back(c);
    }
  }
  if (const auto* gs = r.array(j, "", "grades", true)) {
    for (std::size_t i = 0; i < gs->size(); ++i) {
      std::string gp = model::child("/grades", i);
      GradeBand g;
      if (!r.object((*gs)[i], gp, "a grade band")) continue;
      r.string((*gs)[i], gp, "grade", g.grade, true);
      if (r.number((*gs)[i], gp, "min", v)) g.min = to_centi(v);
      rs.grades.push_back(g);
    }
    std::stable_sort(rs.grades.begin(), rs.grades.end(),
                     [](const GradeBand& a, const GradeBand& b) { return a.min > b.min; });
  }
  return rs;
}

}  // namespace jixiao::scoring
