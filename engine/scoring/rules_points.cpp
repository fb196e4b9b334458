// The sums of a rule set's points, checked when it is read: a total of 80 over categories
// of 81 would otherwise only show as a warning on every document scored.
#include "model/reader.h"
#include "scoring/scoring.h"

namespace jixiao::scoring {

namespace {

Centi named_sum(const Category& c) {
  Centi sum = 0;
  for (const auto& [name, weight] : c.weights) sum += weight;
  return sum;
}

std::string number(Centi c) { return centi_text(c, -1); }

}  // namespace

void check_points(const RuleSet& rules, DiagnosticSink& sink) {
  Centi sum = 0;
  for (const auto& l : rules.lines) sum += l.weight;
  for (std::size_t i = 0; i < rules.categories.size(); ++i) {
    const Category& c = rules.categories[i];
    sum += c.points;  // 0 for a pooled one
    if (c.pool.empty() && named_sum(c) > c.points)
      sink.error("rules.weights", rules.file, model::child(model::child("/categories", i), "weights"),
                 "the weights of " + c.name + " add up to " + number(named_sum(c)) + ", more than its points " +
                     number(c.points),
                 "weights adding up to the category's points at most");
  }
  for (std::size_t k = 0; k < rules.pools.size(); ++k) {
    const Pool& p = rules.pools[k];
    sum += p.points;
    Centi named = 0;
    for (const auto& c : rules.categories)
      if (c.pool == p.name) named += named_sum(c);
    if (named > p.points)
      sink.error("rules.weights", rules.file, model::child(model::child("/pools", k), "points"),
                 "the weights of pool " + p.name + " add up to " + number(named) + ", more than its points " +
                     number(p.points),
                 "weights adding up to the pool's points at most");
  }
  if (sum != rules.total_points)
    sink.error("rules.total", rules.file, "/total",
               "the points of the lines, categories and pools add up to " + number(sum) + " ≠ " +
                   number(rules.total_points) + ", the total",
               "'total' equal to the lines' weights and the categories' and pools' points", number(sum));
}

}  // namespace jixiao::scoring
