// `jixiao templates --check`: a variant's misspelt field or unknown category is found
// before any data reaches it, at file:line:col with the name that was meant; every shipped
// form passes (this test is what makes CI run the check).
#include <catch2/catch.hpp>

#include <fstream>

#include "diag/diag.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

// "line:col" of the first occurrence of what in the file's text.
std::string place_of(const std::string& text, const std::string& what) {
  auto at = text.find(what);
  REQUIRE(at != std::string::npos);
  return to_string(line_col(text, at));
}

// A copy of the 苏州 self-evaluation as form suzhou-variant-2022 with rule set
// suzhou-variant, made the way docs/templates.md says a variant is made; edit changes the
// template's text, edit_rules the rule set's.
struct Variant {
  std::string dir, form_file, rules_file, form_text, rules_text;
};

Variant variant(const std::function<std::string(std::string)>& edit,
                const std::function<std::string(std::string)>& edit_rules) {
  Variant v;
  v.dir = test::temp_dir("check-variant");
  test::run_command("mkdir -p " + v.dir + "/forms " + v.dir + "/rules");
  std::string xml = test::slurp(test::source_path("templates/forms/suzhou-project-selfeval-2021.xml"));
  xml = test::replace_all(xml, "id=\"suzhou-project-selfeval-2021\"", "id=\"suzhou-variant-2022\"");
  xml = test::replace_all(xml, "rules=\"suzhou-2021\"", "rules=\"suzhou-variant\"");
  v.form_text = edit(xml);
  v.form_file = v.dir + "/forms/suzhou-variant-2022.xml";
  std::ofstream(v.form_file) << v.form_text;
  std::string rules = test::slurp(test::source_path("templates/rules/suzhou-2021.json"));
  rules = replace_once(rules, "\"id\": \"suzhou-2021\"", "\"id\": \"suzhou-variant\"");
  v.rules_text = edit_rules(rules);
  v.rules_file = v.dir + "/rules/suzhou-variant.json";
  std::ofstream(v.rules_file) << v.rules_text;
  return v;
}

std::string same(std::string s) { return s; }

}  // namespace

TEST_CASE("every shipped form, rule set, schema and prefill map passes the check", "[check]") {
  auto r = test::run_jixiao("templates --check --lang en");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  // Nothing else: no error and no warning either.
  CHECK(r.err == "5 forms, 4 rule sets, 5 schemas, 1 prefill map checked: no errors\n");
}

TEST_CASE("an unchanged copy of a form passes too", "[check]") {
  Variant v = variant(same, same);
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("6 forms, 5 rule sets, 5 schemas, 1 prefill map checked: no errors") != std::string::npos);
}

TEST_CASE("a misspelt field in a copied template is an error at its line:col with the nearest name", "[check]") {
  Variant v = variant([](std::string xml) { return replace_once(xml, "{p.budget.initial", "{p.budget.inital"); }, same);
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  // The column is the misspelt name's own, not the binding's.
  std::string where = v.form_file + ":" + place_of(v.form_text, "inital | fixed:2}") + ": error: no field 'inital' in 'p.budget'";
  CHECK(r.err.find(where) != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'initial'?") != std::string::npos);
  CHECK(r.err.find("expected one of: adjustment, appropriation, balance, initial") != std::string::npos);
  CHECK(r.err.find("1 error") != std::string::npos);
}

TEST_CASE("loop variables, scores, sum() fields and enum comparisons are checked", "[check]") {
  Variant v = variant(
      [](std::string xml) {
        xml = replace_once(xml, "{item.name}", "{itme.name}");                                // no such variable
        xml = replace_once(xml, "{p.evaluation.total | trim:2}", "{p.evaluation.totl | trim:2}");  // the scores
        xml = replace_once(xml, "{ind.name}", "{ind.name}{if(ind.category == '产出指标', '*', '')}");
        return replace_once(xml, "{count(p.indicators)}", "{count(p.indicators) + sum(p.composition.items, 'budgt')}");
      },
      same);
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(v.form_file + ":" + place_of(v.form_text, "itme.name}") + ": error: unknown name 'itme'") != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'item'?") != std::string::npos);
  CHECK(r.err.find(v.form_file + ":" + place_of(v.form_text, "totl |") + ": error: no field 'totl' in 'p.evaluation'") != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'total'?") != std::string::npos);
  CHECK(r.err.find(v.form_file + ":" + place_of(v.form_text, "budgt'") + ": error: no field 'budgt'") != std::string::npos);
  CHECK(r.err.find(v.form_file + ":" + place_of(v.form_text, "产出指标'") + ": error: 'ind.category' is never '产出指标'") != std::string::npos);
  CHECK(r.err.find("hint: did you mean '产出目标'?") != std::string::npos);
  CHECK(r.err.find("4 errors") != std::string::npos);
}

TEST_CASE("a rule set naming a category the schema's enum does not allow is an error at its line:col", "[check]") {
  Variant v = variant(same, [](std::string rules) {
    return replace_once(rules, "{ \"name\": \"影响力目标\"", "{ \"name\": \"影响目标\"");
  });
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  std::string where = v.rules_file + ":" + place_of(v.rules_text, "\"影响目标\"") + ": error: 'projects[…].indicators[…].category' is never '影响目标'";
  CHECK(r.err.find(where) != std::string::npos);
  CHECK(r.err.find("expected one of: 投入目标, 产出目标, 结果目标, 影响力目标") != std::string::npos);
  CHECK(r.err.find("hint: did you mean '影响力目标'?") != std::string::npos);
}

TEST_CASE("a rule set's fields, formulas and check pointers are checked against the schema", "[check]") {
  Variant v = variant(same, [](std::string rules) {
    rules = replace_once(rules, "\"reason\": \"explanation\"", "\"reason\": \"explantion\"");
    rules = replace_once(rules, "if(budget.adjustment == null", "if(budget.adjustmnt == null");
    return replace_once(rules, "\"pointer\": \"/spending/balance\"", "\"pointer\": \"/spending/balanse\"");
  });
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(v.rules_file + ":" + place_of(v.rules_text, "\"explantion\"") + ": error: no field 'explantion'") != std::string::npos);
  CHECK(r.err.find(v.rules_file + ":" + place_of(v.rules_text, "adjustmnt") + ": error: no field 'adjustmnt' in 'budget'") != std::string::npos);
  CHECK(r.err.find(v.rules_file + ":" + place_of(v.rules_text, "balanse") + ": error: no field 'balanse'") != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'explanation'?") != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'adjustment'?") != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'balance'?") != std::string::npos);
}

TEST_CASE("a copied form whose id still names the original, or a rule set whose id is not its file's, is an error", "[check]") {
  Variant v = variant(
      [](std::string xml) { return replace_once(xml, "id=\"suzhou-variant-2022\"", "id=\"suzhou-project-selfeval-2021\""); },
      [](std::string rules) { return replace_once(rules, "\"id\": \"suzhou-variant\"", "\"id\": \"suzhou-2021\""); });
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  // Both files are named: the copy, and the original whose id it still has; the codes and
  // words are the catalog's, as when data meets the same files.
  CHECK(r.err.find(v.form_file + ":" + place_of(v.form_text, "<form ") +
                   ": error: the template's id is 'suzhou-project-selfeval-2021'; expected id=\"suzhou-variant-2022\", the name of the file\n"
                   "  hint: 'suzhou-project-selfeval-2021' is also the id of " +
                   test::source_path("templates/forms/suzhou-project-selfeval-2021.xml")) != std::string::npos);
  CHECK(r.err.find(v.rules_file + ":" + place_of(v.rules_text, "\"suzhou-2021\"") +
                   ": error: the rule set's id 'suzhou-2021' is not its file name 'suzhou-variant'") != std::string::npos);
  CHECK(r.err.find("hint: 'suzhou-2021' is the id of " + test::source_path("templates/rules/suzhou-2021.json")) !=
        std::string::npos);
  CHECK(r.err.find("check.id") == std::string::npos);
}

TEST_CASE("the check's summary in Chinese with --lang zh", "[check]") {
  auto r = test::run_jixiao("templates --check --lang zh");
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err == "检查了 5 个表式、4 个评分规则、5 个结构定义、1 个预填映射：没有错误\n");
}

TEST_CASE("a schema valijson refuses is an error of the check, not a crash", "[check]") {
  auto dir = test::temp_dir("check-bad-schema");
  test::run_command("mkdir -p " + dir + "/schemas");
  std::ofstream(dir + "/schemas/bad.schema.json") << R"({"type": "objekt"})";
  auto r = test::run_jixiao("templates --check --lang en --templates " + dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(dir + "/schemas/bad.schema.json: /: error: not a valid JSON Schema") != std::string::npos);
  CHECK(r.err.find("6 schemas") != std::string::npos);
}

TEST_CASE("a rule set that fails to load is its own error, not the template's follow-on errors", "[check][rules]") {
  Variant v = variant(same, [](std::string rules) {
    return replace_once(rules, "\"id\": \"suzhou-variant\"", "\"id\": \"suzhou-variant\", \"remainders\": \"first\"");
  });
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(v.rules_file + ":" + place_of(v.rules_text, "\"remainders\"") +
                   ": /remainders: error: unknown field 'remainders'") != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'remainder'?") != std::string::npos);
  // The form that uses it: one note, no errors of its own.
  CHECK(r.err.find(v.form_file + ":" + place_of(v.form_text, "suzhou-variant\" schema") +
                   ": note: not checked: its rule set suzhou-variant failed to load") != std::string::npos);
  CHECK(r.err.find(v.form_file + ":") == r.err.rfind(v.form_file + ":"));
  CHECK(r.err.find("1 error\n") != std::string::npos);
}

TEST_CASE("category points that do not add up to the total fail the check, naming both", "[check][rules]") {
  Variant v = variant(same, [](std::string rules) {
    return replace_once(rules, "\"points\": 24", "\"points\": 25");
  });
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(v.rules_file + ":" + place_of(v.rules_text, "\"total\"") +
                   ": /total: error: the points of the lines, categories and pools add up to 81 ≠ 80, the total") !=
        std::string::npos);
  auto zh = test::run_jixiao("templates --check --lang zh --templates " + v.dir);
  CHECK(zh.err.find("分值合计 81 ≠ 总分 80") != std::string::npos);
  CHECK(zh.err.find("add up") == std::string::npos);
}

TEST_CASE("a misspelt field in a bookmark's outline= is found like one in the text", "[check]") {
  Variant v = variant([](std::string xml) { return replace_once(xml, "outline=\"{p.name}\"", "outline=\"{p.nmae}\""); }, same);
  auto r = test::run_jixiao("templates --check --lang en --templates " + v.dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  std::string where = v.form_file + ":" + place_of(v.form_text, "nmae}\"") + ": error: no field 'nmae' in 'p'";
  CHECK(r.err.find(where) != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'name'?") != std::string::npos);
}
