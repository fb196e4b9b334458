// Scoring: a rule set (a data file under templates/rules/) applied to a project → 执行率,
// points, total, grade and findings. Knows nothing of templates, fonts or PDF.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "model/model.h"

namespace jixiao::scoring {

// Points and rates are kept in hundredths so that sums are exact (9.80 + 12.50 + …), the
// way the forms print them.
using Centi = std::int64_t;
Centi to_centi(double value);      // rounds half away from zero
double from_centi(Centi c);
std::string centi_text(Centi c, int decimals);  // 980, 2 → "9.80"; trailing-trimmed when decimals < 0

struct Category {  // 一级指标 and the points it carries
  std::string name;
  Centi points = 0;
};

struct GradeBand {  // 评分等级: the grade of totals at or above min
  Centi min = 0;
  std::string grade;
};

struct RuleSet {
  std::string id;
  std::string label;
  std::string file;
  Centi budget_weight = 1000;  // 预算执行率 line, 10 points
  int rate_decimals = 2;       // 执行率 shown to two decimals; points use the shown rate
  Centi total_points = 10000;
  std::vector<Category> categories;
  std::vector<GradeBand> grades;  // highest first
};

// Reads a rule set file; problems are reported with the file's JSON pointers.
RuleSet load_rule_set(const std::string& path, DiagnosticSink& sink);

struct Finding {
  Severity severity = Severity::Warning;
  std::string code;     // "scoring.category-points", …
  std::string pointer;  // JSON pointer of the data concerned
  std::string message;
  std::string computed;  // may be empty
  std::string declared;  // may be empty
};

struct FundRate {
  Centi rate = 0;  // 执行率 in hundredths as shown (0.98 → 98)
};

struct IndicatorScore {
  std::string name;
  Centi weight = 0;
  Centi score = 0;
  std::string rule;  // how the score was reached: "declared", "budget-execution-rate"
};

struct ProjectScore {
  std::string title;
  FundRate total, fiscal, carryover, other;
  IndicatorScore budget;                  // 年度资金总额 line: weight 10, score = rate × 10
  std::vector<IndicatorScore> indicators; // in data order
  Centi total_score = 0;                  // 总分
  Centi max_score = 0;                    // 分值 of the 总分 row
  std::string grade;
  std::vector<Finding> findings;
};

ProjectScore score_project(const model::Project& project, const RuleSet& rules);

// {"documents": [{title, total, grade, indicators: [{name, weight, score, rule}], findings}]}
std::string to_json(const std::vector<ProjectScore>& scores);
// The same for people: one block per project, each indicator with weight, score and rule.
std::string to_table(const std::vector<ProjectScore>& scores);

}  // namespace jixiao::scoring
