// Numbers at the edge (issue 20, class 8): amounts beyond the plausible range, rule-set
// points that are negative or absurd, ratios that are not ratios. Each is refused or
// reported with its file and pointer, through the real CLI, within the hostile budget; none
// scores silently and none prints a 309-digit or saturated figure.
#include <catch2/catch.hpp>

#include <fstream>
#include <functional>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;
using nlohmann::ordered_json;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The national example (财预〔2020〕10号) with its first project's funds or its rule set
// changed; run with score or render, with the changed rule set's folder as --templates.
struct Edge {
  std::string dir = test::temp_dir("number-edges");
  ordered_json data = ordered_json::parse(test::slurp(test::source_path("examples/mof-2020-project-selfeval.json")));
  ordered_json rules = ordered_json::parse(test::slurp(test::source_path("templates/rules/mof-2020.json")));

  Edge() { test::run_command("mkdir -p " + dir + "/rules"); }
  std::string data_file() const { return dir + "/data.json"; }
  std::string rules_file() const { return dir + "/rules/mof-2020.json"; }
  std::string out() const { return dir + "/out.pdf"; }
  ordered_json& total() { return data["projects"][0]["funds"]["total"]; }
  // total and fiscal alike, so that the example's sum checks still hold.
  void funds(const char* key, const ordered_json& v) {
    total()[key] = v;
    data["projects"][0]["funds"]["fiscal"][key] = v;
  }

  test::BoundedResult run(const std::string& command) {
    std::ofstream(data_file(), std::ios::binary) << data.dump(2);
    std::ofstream(rules_file(), std::ios::binary) << rules.dump(2);
    std::string output = command == "render" ? " -o " + out() + " --date 0" : "";
    auto r = test::run_jixiao_bounded(command + " " + data_file() + output + " --templates " + dir);
    INFO(r.err.substr(0, 2000));
    CHECK(r.signal == 0);
    CHECK(r.seconds < test::hostile_seconds());
    CHECK(r.max_rss_mib < test::hostile_mib());
    return r;
  }
  // A refused render: exit 2, the message at its place, no PDF, no 309-digit figure.
  // place: "/pointer: error: …" in the data file, at some line:col.
  void refused(const std::string& place, const std::string& words) {
    auto r = run("render");
    INFO(r.err.substr(0, 2000));
    CHECK(r.exit_code == 2);
    CHECK(test::has_placed(r.err, data_file(), place));
    CHECK(has(r.err, words));
    CHECK_FALSE(test::file_exists(out()));
    CHECK_FALSE(has(r.err + r.out, "0000000000000000000"));
    auto s = run("score");
    CHECK(s.exit_code == 2);
  }
};

}  // namespace

TEST_CASE("number edges: an executed amount of 1e308 is refused at its pointer, not scored 10/10",
          "[cli][edges]") {
  Edge e;
  e.funds("executed", 1e308);
  e.refused("/projects/0/funds/total/executed: error: 'executed' is out of range",
            "at most 1000000000000000");
}

TEST_CASE("number edges: 10^15 yuan is the ceiling, 10^15 + 1 is beyond it", "[cli][edges]") {
  Edge e;
  e.funds("annual", 1e15);
  e.funds("initial", 1e15);
  e.funds("executed", 1e15);
  auto ok = e.run("score");
  CHECK(ok.exit_code == 0);
  CHECK(has(ok.out, "执行率 1.00"));
  e.funds("annual", 1000000000000001.0);
  e.refused("/projects/0/funds/total/annual: error: 'annual' is out of range", "at most 1000000000000000");
}

TEST_CASE("number edges: a budget of 4.9e-324 (or 1e-7) is refused, not printed 0.00 and scored 10/10",
          "[cli][edges]") {
  for (double tiny : {4.9e-324, 1e-7, 0.009}) {
    INFO(tiny);
    Edge e;
    e.funds("annual", tiny);
    e.funds("executed", tiny);
    e.refused("/projects/0/funds/total/annual: error: 'annual' is out of range",
              "expected 0, or a number whose magnitude is at least 0.01");
  }
  Edge cent;  // one fen is an amount
  cent.funds("annual", 0.01);
  cent.funds("initial", 0.01);
  cent.funds("executed", 0.01);
  CHECK(cent.run("score").exit_code == 0);
}

TEST_CASE("number edges: a budget of 0 or -0 stays legal and is reported, not divided by", "[cli][edges]") {
  for (double zero : {0.0, -0.0}) {
    INFO(zero);
    Edge e;
    e.funds("annual", zero);
    e.funds("initial", zero);
    e.funds("executed", zero);
    auto r = e.run("score");
    CHECK(r.exit_code == 2);  // the rule set's own check: 执行率 cannot be computed
    CHECK(has(r.out, "error: /projects/0/funds/total/annual: 全年预算数 is zero: 预算执行率 cannot be computed"));
  }
}

TEST_CASE("number edges: a ratio beyond 1000 never scores full marks through min(…, 1)", "[cli][edges]") {
  Edge e;  // both amounts within range: 10^5 yuan against one fen is a ratio of 10^7
  e.funds("annual", 0.01);
  e.funds("initial", 0.01);
  e.funds("executed", 1e5);
  auto r = e.run("score");
  CHECK(r.exit_code == 2);
  CHECK(has(r.out, "error: /projects/0/funds/total: 执行率 of 预算执行率 is 10000000, outside 0 to 1000: "
                   "check the figures at /projects/0/funds/total it is computed from"));
  CHECK(has(r.out, "预算执行率                10  formula     0.00"));  // not scored on it
  auto render = e.run("render");
  CHECK(render.exit_code == 2);
  CHECK(test::has_placed(render.err, e.data_file(), "/projects/0/funds/total: error: 执行率 of 预算执行率 is 10000000"));
  CHECK_FALSE(test::file_exists(e.out()));
  // 10^15 against one fen: the ratio itself (10^17) is beyond any figure, refused as a value.
  e.funds("executed", 1e15);
  auto far = e.run("score");
  CHECK(far.exit_code == 2);
  CHECK(has(far.out, "cannot compute value 'rate_total' (rule " + e.rules_file() + " /values/rate_total)"));
  CHECK(has(far.out, "e+17, beyond any figure of a form (magnitude below 10^16)"));
}

TEST_CASE("number edges: 0/0 in a rule's value is an error naming the rule, not a score", "[cli][edges]") {
  Edge e;
  e.rules["values"]["rate_total"] = "funds.total.executed / funds.total.annual";
  e.funds("annual", 0);
  e.funds("initial", 0);
  e.funds("executed", 0);
  auto r = e.run("score");
  CHECK(r.exit_code == 2);
  CHECK(has(r.out, "cannot compute value 'rate_total' (rule " + e.rules_file() + " /values/rate_total)"));
  CHECK(has(r.out, "division by zero in 'funds.total.executed / funds.total.annual'"));
  CHECK(has(r.out, "预算执行率                10  formula     0.00"));
}

TEST_CASE("number edges: rule-set points must be finite, positive and at most 10000", "[cli][edges]") {
  struct Bad {
    const char* place;
    std::function<void(ordered_json&)> edit;
  };
  const Bad cases[] = {
      {"/categories/0/points", [](ordered_json& j) { j["categories"][0]["points"] = 1e300; }},
      {"/total", [](ordered_json& j) { j["total"] = -100; }},
      {"/categories/1/points", [](ordered_json& j) { j["categories"][1]["points"] = -30; }},
      {"/lines/0/weight", [](ordered_json& j) { j["lines"][0]["weight"] = 0; }},
      {"/grades/0/min", [](ordered_json& j) { j["grades"][0]["min"] = 900; }},
      {"/grades/3/min", [](ordered_json& j) { j["grades"][3]["min"] = -1; }},
  };
  for (const auto& c : cases) {
    INFO(c.place);
    Edge e;
    c.edit(e.rules);
    auto r = e.run("score");
    CHECK(r.exit_code == 2);
    CHECK(test::has_placed(r.err, e.rules_file(), std::string(c.place) + ": error: '"));
    CHECK(has(r.err, "is out of range; expected a number"));
    CHECK_FALSE(has(r.out, "90000000000000"));
    CHECK_FALSE(has(r.out, "/ -100"));
  }
}

TEST_CASE("number edges: a declared 分值 or 得分 of 1e300 is reported, not saturated", "[cli][edges]") {
  Edge e;
  e.data["projects"][0]["indicators"][0]["weight"] = 1e300;
  e.data["projects"][0]["indicators"][1]["score"] = 1e300;
  auto r = e.run("score");
  CHECK(r.exit_code == 2);
  CHECK_FALSE(has(r.out, "90000000000000"));
  CHECK_FALSE(has(r.out + r.err, "0000000000000000000"));
}

TEST_CASE("number edges: the same in Chinese", "[cli][edges][zh]") {
  Edge e;
  e.rules["total"] = -100;
  e.run("score");  // writes the files
  std::string args = "score " + e.data_file() + " --templates " + e.dir + " --lang zh";
  auto zh = test::run_jixiao(args);
  CHECK(zh.exit_code == 2);
  CHECK(test::has_placed(zh.err, e.rules_file(), "/total: 错误：'total' 超出范围；应为 大于 0 且不超过 10000 的数"));
  Edge tiny;
  tiny.funds("annual", 1e-7);
  tiny.run("score");
  auto t = test::run_jixiao("score " + tiny.data_file() + " --lang zh");
  CHECK(t.exit_code == 2);
  CHECK(test::has_placed(t.err, tiny.data_file(), "/projects/0/funds/total/annual: 错误：'annual' 超出范围；应为 0，或绝对值不小于 0.01 的数"));
}
