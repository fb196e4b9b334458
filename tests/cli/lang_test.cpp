// --lang zh (and LANG=zh_CN.UTF-8): every diagnostic and the score table in Chinese, with
// the same files, places, codes and numbers as in English. The catalog behind it
// (engine/diag/zh_*.cpp) must have an entry for every code the engine reports.
#include <catch2/catch.hpp>

#include <filesystem>
#include <functional>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "diag/lang.h"
#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

const std::string kExample = test::source_path("examples/shenzhen-2021-project-selfeval.json");
const std::string kTemplate = test::source_path("templates/forms/shenzhen-project-selfeval-2021.xml");

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The example with one change, written to a fresh directory.
std::string changed_example(const std::string& name, const std::function<void(nlohmann::json&)>& change) {
  auto j = nlohmann::json::parse(test::slurp(kExample));
  change(j);
  std::string path = test::temp_dir("lang-" + name) + "/data.json";
  std::ofstream(path) << j.dump(2);
  return path;
}

// "file: /pointer: " or "file:12:5: " of every diagnostic line: what must not change with
// the language.
std::vector<std::string> places(const std::string& err) {
  std::vector<std::string> out;
  std::istringstream in(err);
  std::regex place(R"(^(\S+?(:\d+:\d+:|: /\S*:)) )");
  std::smatch m;
  for (std::string line; std::getline(in, line);)
    if (std::regex_search(line, m, place)) out.push_back(m[1]);
  return out;
}

// Every code string in the sources of the engine and of its users in app/ ("model.type",
// "template.binding", "bulk.input", "merge.missing" …).
std::set<std::string> codes_in_sources() {
  std::set<std::string> codes = {"internal"};
  std::regex code(R"re("((?:bulk|check|expr|fonts|io|layout|merge|model|pdf|prefill|rules|schema|score|scoring|template)\.[a-z][a-z-]*)")re");
  std::vector<fs::path> files;
  for (const char* dir : {"engine", "app"})
    for (const auto& e : fs::recursive_directory_iterator(test::source_path(dir))) files.push_back(e.path());
  for (const auto& path : files) {
    auto ext = path.extension();
    if (ext != ".cpp" && ext != ".h") continue;
    std::string text = test::slurp(path.string());
    for (std::sregex_iterator it(text.begin(), text.end(), code), end; it != end; ++it) {
      std::string c = (*it)[1];
      std::size_t line = text.rfind('\n', it->position()) + 1;
      if (text.compare(line, 8, "#include") == 0) continue;  // "prefill.h"
      if (c == "fonts.json" || c == "pdf.js") continue;  // file names, not codes
      codes.insert(c);
      // Expression errors in a template are reported as template.* (template/instantiate.cpp,
      // template/text.cpp; a syntax error as template.expression).
      if (c.rfind("expr.", 0) == 0 && c != "expr.syntax") codes.insert("template." + c.substr(5));
    }
  }
  return codes;
}

}  // namespace

TEST_CASE("lang: every diagnostic code in the engine has Chinese wording", "[cli][lang]") {
  auto codes = codes_in_sources();
  CHECK(codes.size() > 70);  // the scan finds the codes (there are about 90)
  for (const auto& c : codes) {
    INFO(c);
    CHECK(has_translation(c));
  }
}

TEST_CASE("lang: every catalog entry names in Chinese the values it names in English", "[cli][lang]") {
  std::regex value(R"(\{=?(\d+)\})");  // {=1}: carried over as it is
  for (const auto& e : zh_catalog()) {
    INFO(e.code << ": " << e.en << " → " << e.zh);
    std::string en = e.en, zh = e.zh;
    std::multiset<std::string> in_en, in_zh;
    for (std::sregex_iterator it(en.begin(), en.end(), value), end; it != end; ++it) in_en.insert((*it)[1]);
    for (std::sregex_iterator it(zh.begin(), zh.end(), value), end; it != end; ++it) in_zh.insert((*it)[1]);
    CHECK(std::set<std::string>(in_en.begin(), in_en.end()) == std::set<std::string>(in_zh.begin(), in_zh.end()));
    CHECK(in_en.size() == std::set<std::string>(in_en.begin(), in_en.end()).size());  // each value once
    CHECK(!std::regex_search(en, std::regex(R"(\{\d+\}\{\d+\})")));  // values never side by side
    CHECK(zh != en);
  }
}

TEST_CASE("lang: format in Chinese keeps file and place and translates the rest", "[cli][lang]") {
  Diagnostic d{Severity::Error, "model.type", "d.json", "/projects/0/indicators/1/weight",
               "wrong type for 'weight'", "a number", "string \"12.5\"", {"write the number without quotes"}};
  CHECK(format(d) ==
        "d.json: /projects/0/indicators/1/weight: error: wrong type for 'weight'; expected a number, got string "
        "\"12.5\"\n  hint: write the number without quotes");
  CHECK(format(d, "en") == format(d));
  CHECK(format(d, "zh") ==
        "d.json: /projects/0/indicators/1/weight: 错误：'weight' 的类型不对；应为 数字，实为 字符串 \"12.5\"\n"
        "  提示：数字不要加引号");
  // Values inside values: "element 2 of 'tasks'" and a list after "one of: ".
  Diagnostic e{Severity::Warning, "model.too-many", "d.json", "/tasks", "too many elements in element 2 of 'tasks'",
               "at most 20", "21 elements", {}};
  CHECK(format(e, "zh") == "d.json: /tasks: 警告：'tasks' 的元素 2 的元素太多；应为 至多 20，实为 21 个元素");
  // Another library's words are carried over whole, not half-translated.
  Diagnostic j{Severity::Error, "model.json", "d.json", "1:55",
               "malformed JSON: syntax error while parsing object key - unexpected ','; expected string literal",
               "well-formed JSON (RFC 8259)", "", {}};
  CHECK(format(j, "zh") ==
        "d.json:1:55: 错误：JSON 格式错误：syntax error while parsing object key - unexpected ','; expected string "
        "literal；应为 格式正确的 JSON（RFC 8259）");
  // A finding's numbers, named either way.
  CHECK(translate("scoring.score-above-weight", "得分 exceeds 分值 (computed 12.5, declared 13)", "zh") ==
        "得分超过分值（分值 12.5，得分 13）");
  CHECK(translate("scoring.score-above-weight", "得分 exceeds 分值 (分值 12.5, 得分 13)", "zh") ==
        "得分超过分值（分值 12.5，得分 13）");
  CHECK(translate("scoring.negative", "得分 cannot be negative (得分 -1)", "zh") == "得分不能为负数（得分 -1）");
  CHECK(translate("x.check", "合计 ≠ 各项之和 (computed 3)", "zh") == "合计 ≠ 各项之和（计算值 3）");
  // A message the catalog does not know stays as it is, in a Chinese frame.
  Diagnostic f{Severity::Note, "model.type", "d.json", "3:4", "something new", "", "", {}};
  CHECK(format(f, "zh") == "d.json:3:4: 说明：something new");
}

TEST_CASE("lang: a wrong type at a JSON pointer, in English and in Chinese", "[cli][lang]") {
  auto data = changed_example("type", [](nlohmann::json& j) { j["projects"][0]["indicators"][1]["weight"] = "12.5"; });
  auto en = test::run_jixiao("check " + data + " --lang en");
  auto zh = test::run_jixiao("check " + data + " --lang zh");
  INFO(en.err << zh.err);
  CHECK(en.exit_code == 2);
  CHECK(zh.exit_code == 2);
  CHECK(test::has_placed(en.err, data,
                         "/projects/0/indicators/1/weight: error: wrong type for 'weight'; expected a number"));
  CHECK(has(en.err, "hint: write the number without quotes"));
  CHECK(test::has_placed(zh.err, data, "/projects/0/indicators/1/weight: 错误：'weight' 的类型不对；应为 数字"));
  CHECK(has(zh.err, "实为 字符串 \"12.5\""));
  CHECK(has(zh.err, "  提示：数字不要加引号"));
  CHECK(!places(en.err).empty());
  CHECK(places(en.err) == places(zh.err));
}

TEST_CASE("lang: an unknown field with its did-you-mean hint", "[cli][lang]") {
  auto data = changed_example("field", [](nlohmann::json& j) {
    auto& ind = j["projects"][0]["indicators"][0];
    ind["deviation_reasn"] = ind["deviation_reason"];
    ind.erase("deviation_reason");
  });
  auto en = test::run_jixiao("check " + data + " --lang en");
  auto zh = test::run_jixiao("check " + data + " --lang zh");
  INFO(en.err << zh.err);
  CHECK(zh.exit_code == 2);
  CHECK(has(en.err, "/projects/0/indicators/0/deviation_reasn: error: unknown field 'deviation_reasn'; expected one of: "));
  CHECK(has(en.err, "hint: did you mean 'deviation_reason'?"));
  CHECK(has(zh.err, "/projects/0/indicators/0/deviation_reasn: 错误：未知字段 'deviation_reasn'；应为 以下之一："));
  CHECK(has(zh.err, "  提示：是不是要写 'deviation_reason'？"));
  CHECK(places(en.err) == places(zh.err));
}

TEST_CASE("lang: a template error at line:col", "[cli][lang]") {
  std::string dir = test::temp_dir("lang-template");
  fs::create_directories(dir + "/forms");
  std::string xml = test::slurp(kTemplate);
  auto at = xml.find("{p.department}");
  REQUIRE(at != std::string::npos);
  xml.replace(at, 14, "{p.departmnt}");
  std::ofstream(dir + "/forms/shenzhen-project-selfeval-2021.xml") << xml;
  std::string out = test::temp_dir("lang-template-out");
  std::string args = " --templates " + dir + " " + kExample;
  auto en = test::run_jixiao("render -o " + out + "/en.pdf --lang en" + args);
  auto zh = test::run_jixiao("render -o " + out + "/zh.pdf --lang zh" + args);
  INFO(en.err << zh.err);
  CHECK(en.exit_code == 2);
  CHECK(zh.exit_code == 2);
  CHECK(!test::file_exists(out + "/zh.pdf"));
  CHECK(has(en.err, ":30:25: error: no field 'departmnt' in 'p'; expected one of: "));
  CHECK(has(zh.err, ":30:25: 错误：'p' 中没有字段 'departmnt'；应为 以下之一："));
  CHECK(places(en.err) == places(zh.err));
}

TEST_CASE("lang: score --lang zh prints the table and findings in Chinese", "[cli][lang][score]") {
  auto data = changed_example("score", [](nlohmann::json& j) { j["projects"][0]["indicators"][0]["score"] = 13; });
  auto en = test::run_jixiao("score " + data + " --lang en");
  auto zh = test::run_jixiao("score " + data + " --lang zh");
  INFO(en.out << zh.out);
  CHECK(en.exit_code == zh.exit_code);
  CHECK(has(en.out, "  error: /projects/0/indicators/0/score: 得分 exceeds 分值 ("));
  CHECK(has(zh.out, "  错误: /projects/0/indicators/0/score: 得分超过分值（分值 12.5，得分 13）"));
  CHECK(has(zh.out, "指标"));
  CHECK(has(zh.out, "评分等级"));
  // Rules and the declared-differs note of document 3 (seed 004: computed 0, declared 6).
  CHECK(has(en.out, "computed 0, declared 6"));
  CHECK(has(zh.out, "计算 0，申报 6"));
  CHECK(has(zh.out, "  申报  "));
  CHECK(!has(zh.out, "computed"));
  CHECK(!has(zh.out, "declared"));
  CHECK(!has(zh.out, "warning:"));
  // --json is for programs: the same keys, codes, pointers and words in either language.
  auto en_json = test::run_jixiao("score " + data + " --json --lang en");
  auto zh_json = test::run_jixiao("score " + data + " --json --lang zh");
  CHECK(en_json.out == zh_json.out);
  CHECK(has(zh_json.out, "\"code\": \"scoring.score-above-weight\""));
}

TEST_CASE("lang: a rule set's check speaks Chinese through its message_zh", "[cli][lang][score]") {
  auto data = changed_example("check", [](nlohmann::json& j) {
    auto& total = j["projects"][0]["funds"]["total"];
    total["executed"] = total["annual"].get<double>() + 1;
  });
  auto en = test::run_jixiao("score " + data + " --lang en");
  auto zh = test::run_jixiao("score " + data + " --lang zh");
  INFO(en.out << zh.out);
  CHECK(has(en.out, ": /projects/0/funds/total/executed: 全年执行数 exceeds 全年预算数; the budget line is capped at its "
                    "weight (computed "));
  CHECK(has(zh.out, "  警告: /projects/0/funds/total/executed: 全年执行数超过全年预算数；预算执行率按其分值封顶（计算值 "));
  auto check = test::run_jixiao("check " + data + " --lang zh");
  CHECK(test::has_placed(check.err, data, "/projects/0/funds/total/executed: 警告：全年执行数超过全年预算数；预算执行率按其分值封顶（计算值 "));
}

TEST_CASE("lang: LANG=zh_CN.UTF-8 makes Chinese the default, --lang en and LC_ALL override", "[cli][lang]") {
  auto data = changed_example("env", [](nlohmann::json& j) { j["projects"][0]["indicators"][1]["weight"] = "12.5"; });
  std::string jixiao = std::string(JIXIAO_BINARY) + " check " + data;
  auto zh = test::run_command("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 " + jixiao);
  auto en = test::run_command("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 " + jixiao + " --lang en");
  auto c = test::run_command("env -u LC_MESSAGES LC_ALL=C.UTF-8 LANG=zh_CN.UTF-8 " + jixiao);
  auto plain = test::run_command("env -u LC_ALL -u LC_MESSAGES LANG=C.UTF-8 " + jixiao);
  INFO(zh.err << en.err);
  CHECK(has(zh.err, "错误：'weight' 的类型不对"));
  CHECK(has(en.err, "error: wrong type for 'weight'"));
  CHECK(has(c.err, "error: wrong type for 'weight'"));
  CHECK(plain.err == en.err);
  CHECK(zh.exit_code == en.exit_code);
}

TEST_CASE("lang: render's summary line in Chinese", "[cli][lang]") {
  std::string out = test::temp_dir("lang-render");
  auto r = test::run_jixiao("render " + test::source_path("examples/mof-2020-project-selfeval.json") + " -o " + out +
                            "/x.pdf --lang zh --date 2021-12-31");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(std::regex_search(r.err, std::regex("jixiao: 已写出 " + out + "/x\\.pdf（\\d+ 页，\\d+ 字节）")));
}

TEST_CASE("lang: the help names the choices once", "[cli][lang]") {
  auto r = test::run_jixiao("help score");
  CHECK(has(r.out, "--lang en|zh"));
  CHECK(!has(r.out, "{en,zh}"));
}

TEST_CASE("lang: usage errors in Chinese", "[cli][lang]") {
  auto r = test::run_jixiao("score --lang zh");
  CHECK(r.exit_code == 1);
  CHECK(r.err == "jixiao: 没有数据文件\n运行 'jixiao help score' 查看它的选项。\n");
  auto o = test::run_jixiao("score " + kExample + " --output x.pdf --lang zh");
  CHECK(o.exit_code == 1);
  CHECK(has(o.err, "jixiao: score 没有选项 '--output'（它是 render 的选项）\n"));
  auto e = test::run_command("env -u LC_ALL -u LC_MESSAGES LANG=zh_CN.UTF-8 " + std::string(JIXIAO_BINARY) +
                             " frobnicate x.json");
  CHECK(e.exit_code == 1);
  CHECK(e.err == "jixiao: 未知命令 'frobnicate'\n运行 'jixiao help' 查看所有命令。\n");
  CHECK(test::run_jixiao("score --lang en").err == test::run_jixiao("score").err);
}

namespace {

// A copy of the 苏州 form as suzhou-variant-2022 with rule set suzhou-variant (as
// tests/check/templates_check_test.cpp makes one), the form's text and the rule set's changed.
std::string variant_dir(const std::string& name, const std::function<std::string(std::string)>& edit_form,
                        const std::function<std::string(std::string)>& edit_rules) {
  auto replace = [](std::string s, const std::string& from, const std::string& to) {
    auto at = s.find(from);
    REQUIRE(at != std::string::npos);
    return s.replace(at, from.size(), to);
  };
  std::string dir = test::temp_dir("lang-" + name);
  fs::create_directories(dir + "/forms");
  fs::create_directories(dir + "/rules");
  std::string xml = test::slurp(test::source_path("templates/forms/suzhou-project-selfeval-2021.xml"));
  xml = replace(xml, "id=\"suzhou-project-selfeval-2021\"", "id=\"suzhou-variant-2022\"");
  xml = replace(xml, "rules=\"suzhou-2021\"", "rules=\"suzhou-variant\"");
  std::ofstream(dir + "/forms/suzhou-variant-2022.xml") << edit_form(xml);
  std::string rules = test::slurp(test::source_path("templates/rules/suzhou-2021.json"));
  rules = replace(rules, "\"id\": \"suzhou-2021\"", "\"id\": \"suzhou-variant\"");
  std::ofstream(dir + "/rules/suzhou-variant.json") << edit_rules(rules);
  return dir;
}

std::string unchanged(std::string s) { return s; }

}  // namespace

TEST_CASE("lang: templates --check --lang zh names a misspelt field at the same line:col", "[cli][lang][check]") {
  std::string dir = variant_dir("check-field", [](std::string xml) {
    auto at = xml.find("{p.budget.initial");
    REQUIRE(at != std::string::npos);
    return xml.replace(at, 17, "{p.budget.inital");
  }, unchanged);
  auto en = test::run_jixiao("templates --check --lang en --templates " + dir);
  auto zh = test::run_jixiao("templates --check --lang zh --templates " + dir);
  INFO(en.err << zh.err);
  CHECK(en.exit_code == 2);
  CHECK(zh.exit_code == 2);
  // The column is the misspelt name's own, in either language.
  std::string text = test::slurp(dir + "/forms/suzhou-variant-2022.xml");
  std::string form = dir + "/forms/suzhou-variant-2022.xml:" + to_string(line_col(text, text.find("inital |"))) + ":";
  CHECK(has(en.err, ": error: no field 'inital' in 'p.budget' ("));
  CHECK(has(zh.err, ": 错误：'p.budget' 中没有字段 'inital'（"));
  CHECK(has(zh.err, "；应为 以下之一：adjustment, appropriation, balance, initial，实为 'inital'"));
  CHECK(has(zh.err, "  提示：是不是要写 'initial'？"));
  CHECK(has(zh.err, "1 个错误"));
  CHECK(!has(zh.err, "no field"));
  REQUIRE(places(en.err).size() == 1);
  CHECK(places(en.err)[0] == form);
  CHECK(places(en.err) == places(zh.err));
}

TEST_CASE("lang: a rule set's pool errors in Chinese, at the same places", "[cli][lang][check]") {
  // A pool over two categories that keep their own points, one of them named twice, and a
  // misspelt remainder place.
  std::string dir = variant_dir("check-pool", unchanged, [](std::string rules) {
    auto at = rules.find("  \"categories\": [");
    REQUIRE(at != std::string::npos);
    return rules.insert(at, "  \"pools\": [{ \"categories\": [\"产出目标\", \"结果目标\", \"产出目标\"], \"points\": 48, "
                            "\"remainder\": \"frist\" }],\n");
  });
  auto en = test::run_jixiao("templates --check --lang en --templates " + dir);
  auto zh = test::run_jixiao("templates --check --lang zh --templates " + dir);
  INFO(en.err << zh.err);
  CHECK(zh.exit_code == 2);
  std::string rules = dir + "/rules/suzhou-variant.json";  // errors at line:col, then the pointer
  CHECK(test::has_placed(en.err, rules, "/categories/1/points: error: category '产出目标' shares the points of pool "
                            "'产出目标+结果目标+产出目标'; expected no 'points' (give it on the pool)"));
  CHECK(test::has_placed(zh.err, rules, "/categories/1/points: 错误：指标类别 '产出目标' 与共享分值组 '产出目标+结果目标+产出目标' "
                            "共用分值；应为 不写 'points'（写在共享分值组上）"));
  CHECK(test::has_placed(zh.err, rules, "/pools/0/categories/2: 错误：指标类别 '产出目标' 在两个共享分值组中"));
  CHECK(test::has_placed(zh.err, rules, "/pools/0/remainder: 错误：未知的尾差位置 'frist'；应为 以下之一：first, middle, last, spread"));
  CHECK(has(zh.err, "  提示：是不是要写 'first'？"));
  CHECK(!has(zh.err, " pool"));
  CHECK(places(en.err).size() >= 4);
  CHECK(places(en.err) == places(zh.err));
}

TEST_CASE("lang: the numbers of a points finding named in Chinese", "[cli][lang]") {
  CHECK(translate("scoring.category-points",
                  "分值 of 产出目标 do not add up to the category's points (points 26, sum of 分值 25.5)", "zh") ==
        "产出目标 各指标分值之和不等于该类指标的分值（该类分值 26，各指标分值之和 25.5）");
  CHECK(translate("scoring.category-points",
                  "分值 of pool 产出+效益 do not add up to the pool's points (points 55, sum of 分值 54)", "zh") ==
        "共享分值组 产出+效益 各指标分值之和不等于该组的分值（该组分值 55，各指标分值之和 54）");
  CHECK(translate("scoring.weight-sum", "分值 do not add up to the total points (total 100, sum of 分值 99)", "zh") ==
        "各指标分值之和不等于总分（总分 100，各指标分值之和 99）");
  CHECK(translate("rules.id", "the rule set's id 'suzhou-2021' is not its file name 'suzhou-variant'", "zh") ==
        "评分规则的 id 'suzhou-2021' 与文件名 'suzhou-variant' 不一致");
}

TEST_CASE("lang: templates --check's types and the places fields come from, in Chinese", "[cli][lang][check]") {
  // A list of the schema's types ("number {1}", a number's description, must not take it).
  CHECK(translate("check.type", "'p.budget.initial' is number or null (s.json #/a), not an object with field 'y'", "zh") ==
        "'p.budget.initial' 是 数字 或 null（s.json #/a），不是含字段 'y' 的对象");
  CHECK(translate("check.field", "no field 'totl' in 'p.evaluation' (the scores of the rule set #)", "zh") ==
        "'p.evaluation' 中没有字段 'totl'（评分规则算出的得分 #）");
  CHECK(translate("check.field", "no field 'adjustmnt' in 'values' (rules/x.json values #)", "zh") ==
        "'values' 中没有字段 'adjustmnt'（rules/x.json 中的 values #）");
  CHECK(translate("check.field", "no field 'projets' in 'the data' (s.json #)", "zh") == "数据中没有字段 'projets'（s.json #）");
}
