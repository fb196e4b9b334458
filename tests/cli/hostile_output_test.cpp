// Hostile input for scoring, layout and PDF output (issue 9): long unbreakable text, room
// that nothing fits in, non-finite scores, values out of order or in a cycle, characters no
// font has, metadata beyond libharu's limits. Each runs the real CLI within the hostile
// budget; errors give exit 2, name the file and place, and leave nothing behind.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;

namespace {

const std::string kForm = "mof-project-selfeval-2020";

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

// A run: DIR/run/data.json (the national example, changed by edit), with DIR as --templates
// holding what the case puts in forms/ and rules/.
struct Case {
  std::string dir = test::temp_dir("hostile-output");
  nlohmann::ordered_json data =
      nlohmann::ordered_json::parse(test::slurp(test::source_path("examples/mof-2020-project-selfeval.json")));
  std::string data_file() const { return dir + "/run/data.json"; }
  std::string out() const { return dir + "/run/out.pdf"; }

  Case() { test::run_command("mkdir -p " + dir + "/run " + dir + "/forms " + dir + "/rules"); }

  // The national form with from replaced by to.
  void form(const std::string& from, const std::string& to) {
    write(dir + "/forms/" + kForm + ".xml",
          replace(test::slurp(test::source_path("templates/forms/" + kForm + ".xml")), from, to));
  }
  // The national rule set, changed by edit.
  template <class F>
  void rules(F edit) {
    auto j = nlohmann::ordered_json::parse(test::slurp(test::source_path("templates/rules/mof-2020.json")));
    edit(j);
    write(dir + "/rules/mof-2020.json", j.dump(2));
  }
  std::string rules_file() const { return dir + "/rules/mof-2020.json"; }
  std::string form_file() const { return dir + "/forms/" + kForm + ".xml"; }

  test::BoundedResult render() {
    write(data_file(), data.dump(2));
    auto r = test::run_jixiao_bounded("render " + data_file() + " -o " + out() + " --templates " + dir +
                                      " --date 0");
    INFO(r.err.substr(0, 3000));
    INFO("seconds " << r.seconds << ", MiB " << r.max_rss_mib);
    CHECK(r.signal == 0);
    CHECK_FALSE(r.timed_out);
    CHECK(r.seconds < test::hostile_seconds());
    CHECK(r.max_rss_mib < test::hostile_mib());
    return r;
  }
  // An error run: exit 2 and nothing but the data in run/.
  test::BoundedResult fails() {
    auto r = render();
    INFO(r.err.substr(0, 3000));
    CHECK(r.exit_code == 2);
    CHECK(test::run_command("ls " + dir + "/run").out == "data.json\n");
    return r;
  }
};

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("hostile output: 20,000 letters without a space in a narrow cell render in linear time", "[cli][hostile][layout]") {
  Case c;
  c.form("<td colspan=\"4\" align=\"justify\">{p.goals.actual}</td>",
         "<td align=\"justify\">{p.goals.actual}</td><td colspan=\"3\"></td>");
  c.data["projects"][0]["goals"]["actual"] = std::string(20000, 'a');
  auto r = c.render();
  INFO(r.err.substr(0, 2000));
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  CHECK(test::file_exists(c.out()));
}

TEST_CASE("hostile output: a cell's text beyond the limit names the template place", "[cli][hostile][layout]") {
  Case c;
  std::string six;
  for (int i = 0; i < 6; ++i) six += "{p.goals.actual}";
  c.form("<td colspan=\"4\" align=\"justify\">{p.goals.actual}</td>", "<td colspan=\"4\">" + six + "</td>");
  c.data["projects"][0]["goals"]["actual"] = std::string(20000, 'a');
  auto r = c.fails();
  CHECK(has(r.err, c.form_file() + ":100:"));
  // The six bindings show one value of the data: the message names it.
  CHECK(has(r.err, "text too long for one paragraph or cell (/projects/0/goals/actual); expected at most 100000 "
                   "characters, got 120000 characters"));
}

TEST_CASE("hostile output: padding or margins leaving no room end in an error, not a page loop", "[cli][hostile][layout]") {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"padding=\"3pt\"", "padding=\"2147483647pt 2\""},
           {"padding=\"3pt\"", "padding=\"400pt 2\""},
           {"margin=\"20mm 15mm\"", "margin=\"2147483647pt 15mm\""},
           {"margin=\"20mm 15mm\"", "margin=\"140mm 15mm\""},
           {"size=\"小五\"", "size=\"1e20pt\""}}) {
    INFO(to);
    Case c;
    c.form(from, to);
    auto r = c.fails();
    CHECK(has(r.err, c.form_file() + ":"));
    CHECK(has(r.err, "expected"));
  }
}

TEST_CASE("hostile output: a rule set dividing by zero is an error naming the data and the rule", "[cli][hostile][scoring]") {
  Case c;
  c.rules([](auto& j) {
    j["values"]["rate_total"] = "funds.total.executed / (funds.total.annual - funds.total.annual)";
  });
  auto r = c.fails();
  CHECK(test::has_placed(r.err, c.data_file(), "/projects/0: error: cannot compute value 'rate_total' (rule " +
                                                  c.rules_file() + " /values/rate_total)"));
  // Never full marks from inf: the budget line is not scored at all.
  auto s = test::run_jixiao("score " + c.data_file() + " --json --templates " + c.dir);
  CHECK(s.exit_code == 2);
  auto j = nlohmann::json::parse(s.out);
  CHECK(j["documents"][0]["indicators"][0]["score"] == 0);
}

TEST_CASE("hostile output: a ratio of huge amounts is an error, not a full score", "[cli][hostile][scoring]") {
  Case c;
  const std::string huge = "1" + std::string(300, '0') + ".0";  // 1e300: the language has no exponents
  c.rules([&](auto& j) {
    j["values"]["rate_total"] = "funds.total.executed * " + huge + " * " + huge + " / funds.total.annual";
  });
  auto r = c.fails();
  CHECK(has(r.err, "/projects/0: error: cannot compute value 'rate_total' (rule " + c.rules_file() +
                       " /values/rate_total)"));
}

TEST_CASE("hostile output: values are computed after the values they use, whatever the order", "[cli][hostile][scoring]") {
  Case c;
  // File order puts the user first and alphabetical order too: only dependency order works.
  c.rules([](auto& j) {
    nlohmann::ordered_json values;
    values["a_rate"] = "values.z_executed / values.y_annual";
    values["rate_total"] = "values.a_rate";
    values["z_executed"] = "funds.total.executed";
    values["y_annual"] = "funds.total.annual";
    for (const char* k : {"rate_fiscal", "rate_carryover", "rate_other"}) values[k] = j["values"][k];
    j["values"] = values;
  });
  auto r = c.render();
  CHECK(r.exit_code == 0);
  auto mine = test::run_jixiao("score " + c.data_file() + " --json --templates " + c.dir);
  auto base = test::run_jixiao("score " + c.data_file() + " --json");
  CHECK(mine.exit_code == 0);
  CHECK(nlohmann::json::parse(mine.out)["documents"][0]["total"] ==
        nlohmann::json::parse(base.out)["documents"][0]["total"]);
}

TEST_CASE("hostile output: values in a cycle are an error naming the rule file and the values", "[cli][hostile][scoring]") {
  Case c;
  c.rules([](auto& j) {
    j["values"]["rate_total"] = "values.loop_b";
    j["values"]["loop_b"] = "values.rate_total + 1";
  });
  auto r = c.fails();
  CHECK(test::has_placed(r.err, c.rules_file(), "/values: error: values that depend on each other in a cycle (or on one): rate_total, loop_b"));
}

TEST_CASE("hostile output: two characters no font has copy out as themselves, not as the first", "[cli][hostile][pdf]") {
  Case c;
  c.data["projects"][0]["name"] = "档案\uE000甲\uE001乙";
  auto r = c.render();
  CHECK(r.exit_code == 3);  // rendered, with a warning per character naming its pointer
  CHECK(has(r.err, "(U+E000) in /projects/0/name"));
  CHECK(has(r.err, "(U+E001) in /projects/0/name"));
  auto text = test::run_command("pdftotext -enc UTF-8 " + c.out() + " -").out;
  CHECK(has(text, "档案\uE000甲\uE001乙"));
  CHECK_FALSE(has(text, "档案\uE000甲\uE000乙"));
  CHECK(test::run_command("qpdf --check " + c.out()).exit_code == 0);
}

TEST_CASE("hostile output: a title over 64 KB is cut in the PDF properties, the file is whole", "[cli][hostile][pdf]") {
  Case c;
  c.form("title=\"{title}\"", "title=\"{title}{title}{title}{title}\"");
  c.data["title"] = std::string(20000, 'T');  // 80,000 characters of /Title
  auto r = c.render();
  CHECK((r.exit_code == 0 || r.exit_code == 3));
  CHECK(test::run_command("qpdf --check " + c.out()).exit_code == 0);
  auto info = test::run_command("pdfinfo " + c.out()).out;
  CHECK(has(info, std::string(16000, 'T')));
  CHECK_FALSE(has(info, std::string(16001, 'T')));
}
