// Scoring: a rule set (a data file under templates/rules/) applied to the documents of a
// data file → weights (分值), scores (得分), totals (总分), grades (评分等级) and findings.
// Rule sets carry their formulas and checks as expressions (engine/expr), so a new city's
// or year's rules are a file. Knows nothing of templates, fonts or PDF.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diag.h"

namespace jixiao::expr {
struct Expr;
}

namespace jixiao::scoring {

// Points and rates are kept in hundredths so that sums are exact (9.80 + 12.50 + …), the
// way the forms print them.
using Centi = std::int64_t;

// What may score (docs/limits.md). Every number of a rule set and of the data is checked
// against these before it scores, so to_centi never meets a figure it would saturate.
constexpr double kPointsMax = 10000;  // a rule set's total, points, weights; a 分值 or 得分
constexpr double kRatioMax = 1000;    // a ratio that scores (执行率, actual/target): 100,000 %
constexpr double kInputMax = 1e15;    // a number a formula scores from: the amount ceiling
Centi to_centi(double value);      // rounds half away from zero, on the shortest decimal
double from_centi(Centi c);
std::string centi_text(Centi c, int decimals);  // 980, 2 → "9.80"; trailing zeros trimmed when decimals < 0

// An expression of the rule set with where it was written.
struct Formula {
  std::shared_ptr<const expr::Expr> expr;
  std::string text;     // as written
  std::string pointer;  // in the rule set file
};

// How an indicator of a category is scored when the data allows computing it.
struct Method {
  enum class Kind { Declared, Ratio, Band } kind = Kind::Declared;
  // Band (苏州 填表说明): actual/target within [full_low, full_high] earns the full weight;
  // each percentage point below full_low deducts below_per_point of the weight, each
  // point above full_high deducts above_per_point.
  double full_low = 1.0, full_high = 1.0;
  double below_per_point = 0.05, above_per_point = 0.01;
};

// Where the hundredths left over by an even split go: all on the first, the middle (index
// n/2, seed 000) or the last indicator, or spread 0.01 each over the first ones.
enum class Remainder { First, Middle, Last, Spread };

struct Category {  // 一级指标 / 类别 and the points it carries
  std::string name;
  Centi points = 0;  // 0 for a pooled category: its pool carries the points
  Method method;
  std::optional<Remainder> remainder;  // the rule set's when not given
  std::string pool;                    // the pool it shares points in, "" when none
  // Official 分值 of named indicators ("weights": {"预算执行率": 6}), in file order; the
  // others share what is left. A weight in the data wins.
  std::vector<std::pair<std::string, Centi>> weights;
};

// Points shared by several categories and split over all their indicators together (a
// form giving 产出 and 效益 55 points between them).
struct Pool {
  std::string name;  // as given, else the categories joined with "+"
  std::vector<std::string> categories;
  Centi points = 0;
  std::optional<Remainder> remainder;
};

struct GradeBand {  // 评分等级: the grade of totals at or above min
  Centi min = 0;
  std::string grade;
};

// A scored line computed from the document rather than listed among its indicators (the
// Shenzhen budget line: 执行率 × 10).
struct Line {
  std::string id, name;
  Centi weight = 0;
  Formula score;
  std::string pointer;  // data the line is computed from, relative to the document
  std::string shows;    // label of what the score is computed from ("执行率")
  Formula value;        // … and its value, shown beside the score
};

// An indicator scored by a formula over its "inputs" (003's 预算执行率, 公用经费控制率 …).
struct IndicatorFormula {
  std::string match;                // the indicator's name
  std::vector<std::string> inputs;  // every one must be given for the formula to apply
  Formula score;
};

// A check finance bureaus make: when test is false, a finding.
struct Check {
  std::string code;
  Severity severity = Severity::Error;
  std::string message;
  std::string message_zh;  // the message for --lang zh; "" when message is Chinese already
  std::string pointer;  // data concerned, relative to the document
  Formula test, computed, declared;
};

struct NamedFormula {
  std::string name;
  Formula formula;
};

struct RuleSet {
  std::string id, label, file;
  std::string documents = "projects";  // array of the data root holding the documents
  std::string title = "name";          // field naming a document
  std::string unit;                    // field naming its unit (单位), "" when none
  std::string indicators = "indicators";
  // Fields of an indicator object.
  std::string f_category = "category", f_name = "name", f_weight = "weight", f_score = "score",
              f_target = "target", f_actual = "actual", f_reason = "deviation_reason",
              f_inputs = "inputs";
  // Indicators whose field (e.g. level2) is one of these are 反向 (lower is better: costs)
  // even when their target is written without "≤".
  std::string lower_is_better_field;
  std::vector<std::string> lower_is_better;
  std::vector<NamedFormula> values;  // derived numbers, in order (may use earlier ones)
  std::vector<Line> lines;
  std::vector<Category> categories;
  std::vector<Pool> pools;
  Remainder remainder = Remainder::Middle;  // of every split, unless a category or pool says
  std::vector<IndicatorFormula> formulas;
  std::vector<Check> checks;
  Centi total_points = 10000;
  std::vector<GradeBand> grades;  // highest first
};

// Reads a rule set file; problems are reported with the file's JSON pointers and the
// line:col of each in the file.
std::unique_ptr<RuleSet> load_rule_set(const std::string& path, DiagnosticSink& sink);

struct Finding {
  Severity severity = Severity::Warning;
  std::string code;      // "scoring.declared-differs", …
  std::string pointer;   // JSON pointer of the data concerned
  std::string message;
  std::string computed;  // may be empty
  std::string declared;  // may be empty
  // What the two numbers are, for people: a rule's result and the data's figure by default;
  // "分值", "得分" where the finding compares a weight with a score.
  std::string computed_as = "computed", declared_as = "declared";
};

// " (computed 3, declared 4)", " (分值 9.17, 得分 9.2)": a finding's numbers with their
// names, "" when it has none.
std::string numbers_text(const Finding& f);

struct IndicatorScore {
  std::string name, category;
  Centi weight = 0;
  std::string weight_source;  // "declared", "split", "rule"
  Centi score = 0;            // the score that counts
  std::optional<Centi> computed, declared;
  std::string rule;    // "declared", "formula", "ratio", "band", "budget-line", …
  std::string inputs;  // what the rule used, for people ("27.22, 48.45 …" or "≤93.69 → 87.1")
  std::string pointer;
};

struct CategoryScore {
  std::string name;
  Centi points = 0, weight = 0, score = 0;
};

struct DocumentScore {
  std::string title;
  std::string unit;                        // 单位, "" when the rule set names no unit field
  std::string pointer;                     // "/projects/0"
  nlohmann::json values = nlohmann::json::object();
  std::vector<IndicatorScore> lines;       // scored lines (budget line)
  std::vector<IndicatorScore> indicators;  // in data order
  std::vector<CategoryScore> categories;   // in rule set order
  Centi total = 0, max = 0;
  std::string grade;
  std::vector<Finding> findings;
};

// Scores every document of the data (rules.documents) in order.
std::vector<DocumentScore> score_all(const nlohmann::json& data, const RuleSet& rules);
DocumentScore score_document(const nlohmann::json& document, const std::string& pointer,
                             const RuleSet& rules);

// Category points split evenly in two-decimal steps; the remainder lands where `where`
// says: by default on the middle indicator (index n/2), as seed 000 shows: 22 over 6 →
// 3.66 ×5 and 3.7 fourth; first: 55 over 6 → 9.2, 9.16 ×5; spread: 9.17 ×4, 9.16 ×2.
// The sums a rule set's points must make, checked once it is read (rules_points.cpp):
// lines, categories and pools adding up to the total, and each category's (pool's) named
// weights within its points.
void check_points(const RuleSet& rules, DiagnosticSink& sink);

std::vector<Centi> split_points(Centi points, std::size_t n, Remainder where = Remainder::Middle);

// {"documents": [{title, total, grade, indicators: [{name, weight, score, rule…}], findings}]}
std::string to_json(const std::vector<DocumentScore>& scores);
// The same for people: each indicator with weight, rule, inputs and score, then total,
// grade and findings; lang "zh" words rules and findings in Chinese (diag/lang.h, and the
// message_zh of the rule set's checks).
std::string to_table(const std::vector<DocumentScore>& scores, const std::string& lang = "en",
                     const RuleSet* rules = nullptr);
// A finding's message in lang: for a finding of one of the rule set's checks in "zh", its
// message_zh in place of its message; else the message (the catalog words the rest).
std::string finding_message(const Finding& f, const RuleSet* rules, const std::string& lang);
// What a template sees under "evaluation".
nlohmann::json to_view(const DocumentScore& score);

}  // namespace jixiao::scoring
