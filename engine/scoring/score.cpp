#include "scoring/scoring.h"

#include <map>

namespace jixiao::scoring {

namespace {

// 执行率 = 全年执行数 / 全年预算数, rounded half up to the shown decimals, in hundredths.
// Figures are money with at most two decimals, so the division is exact in integers.
Centi execution_rate(const model::FundLine& line, int decimals) {
  Centi executed = to_centi(line.executed), annual = to_centi(line.annual);
  if (annual <= 0 || executed <= 0) return 0;  // the form shows 0.00 for lines without budget
  Centi unit = decimals == 2 ? 1 : decimals == 1 ? 10 : 100;
  // round(executed / annual / unit * 100) * unit, half up, in integers.
  Centi q = (2 * executed * 100 + annual * unit) / (2 * annual * unit);
  return q * unit;
}

std::string grade_of(const RuleSet& rules, Centi total) {
  for (const auto& g : rules.grades)
    if (total >= g.min) return g.grade;
  return {};
}

}  // namespace

ProjectScore score_project(const model::Project& p, const RuleSet& rules) {
  ProjectScore s;
  s.title = p.name;
  s.total.rate = execution_rate(p.funds.total, rules.rate_decimals);
  s.fiscal.rate = execution_rate(p.funds.fiscal, rules.rate_decimals);
  s.carryover.rate = execution_rate(p.funds.carryover, rules.rate_decimals);
  s.other.rate = execution_rate(p.funds.other, rules.rate_decimals);

  // The budget line earns the shown rate × its weight; a rate above 100% earns no more.
  s.budget.name = "预算执行率";
  s.budget.rule = "budget-execution-rate";
  s.budget.weight = rules.budget_weight;
  Centi rate = std::min<Centi>(s.total.rate, 100);
  s.budget.score = rate * rules.budget_weight / 100;
  if (to_centi(p.funds.total.annual) <= 0) {
    s.findings.push_back({Severity::Error, "scoring.budget-zero", p.funds.total.pointer + "/annual",
                          "全年预算数 of 年度资金总额 is zero: 执行率 cannot be computed", "", ""});
  }
  if (s.total.rate > 100) {
    s.findings.push_back({Severity::Warning, "scoring.rate-above-100", p.funds.total.pointer,
                          "全年执行数 exceeds 全年预算数; the budget line is capped at its weight",
                          centi_text(s.total.rate, 2), ""});
  }

  Centi sum_weights = rules.budget_weight;
  s.total_score = s.budget.score;
  std::map<std::string, Centi> by_category;
  std::map<std::string, std::string> first_pointer;
  for (const auto& ind : p.indicators) {
    IndicatorScore is;
    is.name = ind.name;
    is.weight = to_centi(ind.weight.value);
    is.score = to_centi(ind.score.value);
    is.rule = "declared";
    if (is.score > is.weight) {
      s.findings.push_back({Severity::Error, "scoring.score-above-weight", ind.pointer + "/score",
                            "得分 exceeds 分值", centi_text(is.weight, -1), centi_text(is.score, -1)});
    }
    if (is.score < 0 || is.weight < 0) {
      s.findings.push_back({Severity::Error, "scoring.negative", ind.pointer,
                            "分值 and 得分 cannot be negative", "", ""});
    }
    if (is.score < is.weight && (ind.deviation_reason.empty() || ind.deviation_reason == "无偏差" ||
                                 ind.deviation_reason == "无")) {
      s.findings.push_back({Severity::Warning, "scoring.deduction-without-reason",
                            ind.pointer + "/deviation_reason",
                            "得分 is below 分值 but 偏差原因分析及改进措施 gives no reason",
                            centi_text(is.weight, -1), centi_text(is.score, -1)});
    }
    by_category[ind.level1] += is.weight;
    first_pointer.emplace(ind.level1, ind.pointer + "/level1");
    sum_weights += is.weight;
    s.total_score += is.score;
    s.indicators.push_back(is);
  }
  for (const auto& cat : rules.categories) {
    auto it = by_category.find(cat.name);
    Centi got = it == by_category.end() ? 0 : it->second;
    if (got != cat.points) {
      s.findings.push_back({Severity::Warning, "scoring.category-points",
                            it == by_category.end() ? p.pointer + "/indicators" : first_pointer[cat.name],
                            "分值 of " + cat.name + " do not add up to the points of the category",
                            centi_text(cat.points, -1), centi_text(got, -1)});
    }
  }
  for (const auto& [name, points] : by_category) {
    bool known = false;
    for (const auto& cat : rules.categories) known = known || cat.name == name;
    if (!known)
      s.findings.push_back({Severity::Warning, "scoring.unknown-category", first_pointer[name],
                            "一级指标 '" + name + "' is not a category of rule set " + rules.id, "", ""});
  }
  if (sum_weights != rules.total_points) {
    s.findings.push_back({Severity::Warning, "scoring.weight-sum", p.pointer + "/indicators",
                          "分值 (with the budget line) do not add up to the total",
                          centi_text(rules.total_points, -1), centi_text(sum_weights, -1)});
  }
  s.max_score = rules.total_points;
  s.grade = grade_of(rules, s.total_score);
  return s;
}

}  // namespace jixiao::scoring
