// Data model of a project self-evaluation (项目支出绩效自评) and its validation.
//
// Glossary (form label → name here):
//   项目 Project · 项目名称 name · 项目金额 amount · 主管部门 department · 实施单位 implementer
//   项目资金 funds: 年度资金总额 total, 其中：当年财政拨款 fiscal, 上年结转资金 carryover, 其他资金 other;
//     年初预算数 initial · 全年预算数 annual · 全年执行数 executed
//   年度总体目标 goals: 预期目标 expected · 实际完成情况 actual
//   绩效指标 Indicator: 一级/二级/三级指标 level1/level2/name · 年度指标值 target · 实际完成值 actual
//     分值 weight · 得分 score (as declared) · 偏差原因分析及改进措施 deviation_reason
//
// Every value keeps the JSON pointer it came from, so later stages can name it in findings.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diag.h"

namespace jixiao::model {

// A declared number and how it was written: 20.0 is shown "20.0", 6 is shown "6".
struct Number {
  double value = 0;
  bool integral = false;  // written without a decimal point
};

struct FundLine {
  double initial = 0;   // 年初预算数
  double annual = 0;    // 全年预算数
  double executed = 0;  // 全年执行数
  std::string pointer;
};

struct Funds {
  FundLine total, fiscal, carryover, other;
};

struct Indicator {
  std::string level1, level2, name;
  std::string target, actual;
  Number weight;
  Number score;
  std::string deviation_reason;
  std::string pointer;  // "/projects/0/indicators/3"
};

struct Project {
  std::string name;
  Number amount;
  std::string department, implementer;
  Funds funds;
  std::string goal_expected, goal_actual;
  std::vector<Indicator> indicators;
  std::string pointer;  // "/projects/0"
};

// One data file: a form and the projects it holds, in file order.
struct Dossier {
  std::string file;
  std::string form;
  std::string title;           // optional PDF title ("" when absent)
  std::vector<Project> projects;
  nlohmann::json source;       // the parsed file, for the template's view
};

// Parses and validates a data file. Malformed JSON is reported with line:col, every
// missing field, wrong type and unknown field with its JSON pointer and what was expected.
// The dossier is usable only when the sink has no errors.
Dossier load_dossier(const std::string& path, DiagnosticSink& sink);
// Same, from text already read (path names it in diagnostics).
Dossier parse_dossier(const std::string& path, const std::string& text, DiagnosticSink& sink);

// "string \"abc\"", "number 12.5", "object", … — how a JSON value is named in messages.
std::string describe(const nlohmann::json& value);

}  // namespace jixiao::model
