// Prefill maps are found by form id, so a variant (a copy under another id) gets none —
// unless its <form> names the original's map with prefill="…".
#include <catch2/catch.hpp>

#include <fstream>
#include <map>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string replace_once(std::string s, const std::string& from, const std::string& to) {
  auto at = s.find(from);
  REQUIRE(at != std::string::npos);
  return s.replace(at, from.size(), to);
}

// A variant of the 苏州 self-evaluation (its own id and schema, the same rules) whose
// <form> carries attrs, and a self-evaluation of it that leaves the narratives and targets
// to its declaration (as tests/cli/prefill_test.cpp does for the original).
std::string variant_with_data(const std::string& attrs) {
  auto dir = test::temp_dir("prefill-variant");
  test::run_command("mkdir -p " + dir + "/forms " + dir + "/schemas");
  std::string xml = test::slurp(test::source_path("templates/forms/suzhou-project-selfeval-2021.xml"));
  xml = replace_once(xml, "id=\"suzhou-project-selfeval-2021\"", "id=\"suzhou-variant-2022\"" + attrs);
  xml = replace_once(xml, "schema=\"suzhou-project-selfeval\"", "schema=\"suzhou-variant\"");
  std::ofstream(dir + "/forms/suzhou-variant-2022.xml") << xml;
  auto schema = nlohmann::json::parse(test::slurp(test::source_path("templates/schemas/suzhou-project-selfeval.schema.json")));
  schema["properties"]["form"]["enum"] = {"suzhou-variant-2022"};
  std::ofstream(dir + "/schemas/suzhou-variant.schema.json") << schema.dump(2);

  auto decl_text = test::slurp(test::source_path("examples/suzhou-2021-project-declaration.json"));
  auto decl = nlohmann::json::parse(decl_text);
  auto d = nlohmann::json::parse(test::slurp(test::source_path("examples/suzhou-2021-project-selfeval.json")));
  d["form"] = "suzhou-variant-2022";
  d.erase("$schema");
  auto& p = d["projects"][0];
  p["declaration"] = "declaration.json";
  for (const char* f : {"overview", "goal", "annual_goal"}) p["narratives"].erase(f);
  const std::map<std::string, std::string> category = {
      {"投入", "投入目标"}, {"产出", "产出目标"}, {"结果", "结果目标"}, {"影响力", "影响力目标"}};
  p["indicators"] = nlohmann::json::array();
  for (auto& di : decl["projects"][0]["indicators"])
    p["indicators"].push_back({{"category", category.at(di["category"])}, {"name", di["name"]},
                               {"target", di["target"]}, {"actual", ""}, {"score", 0}});
  std::ofstream(dir + "/self.json") << d.dump(2);
  std::ofstream(dir + "/declaration.json") << decl_text;
  return dir;
}

}  // namespace

TEST_CASE("a variant gets no prefill of the original's map by itself", "[check][prefill]") {
  auto dir = variant_with_data("");
  // The schema still says the narratives are given: without prefill they are missing.
  auto r = test::run_jixiao("check " + dir + "/self.json --lang en --templates " + dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/projects/0/narratives/overview: error: missing required field 'overview'") != std::string::npos);
}

TEST_CASE("prefill=\"…\" on <form> names the map a variant uses", "[check][prefill]") {
  auto dir = variant_with_data(" prefill=\"suzhou-project-selfeval-2021\"");
  auto r = test::run_jixiao("check " + dir + "/self.json --lang en --templates " + dir);
  INFO(r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.err.find("narratives") == std::string::npos);
  auto c = test::run_jixiao("templates --check --lang en --templates " + dir);
  INFO(c.err);
  CHECK(c.exit_code == 0);
}

TEST_CASE("a prefill map that is not there is an error, in render and in the check", "[check][prefill]") {
  auto dir = variant_with_data(" prefill=\"no-such-map\"");
  auto r = test::run_jixiao("check " + dir + "/self.json --lang en --templates " + dir);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("prefill map 'no-such-map' not found") != std::string::npos);
  auto c = test::run_jixiao("templates --check --lang en --templates " + dir);
  INFO(c.err);
  CHECK(c.exit_code == 2);
  std::string xml = test::slurp(dir + "/forms/suzhou-variant-2022.xml");
  std::string place = to_string(line_col(xml, xml.find("no-such-map")));
  CHECK(c.err.find(dir + "/forms/suzhou-variant-2022.xml:" + place + ": error: prefill map 'no-such-map' not found") !=
        std::string::npos);
  // A path is no map name: prefill maps are looked for only in prefill/ of the template directories.
  auto escape = variant_with_data(" prefill=\"../rules/suzhou-2021\"");
  auto e = test::run_jixiao("check " + escape + "/self.json --lang en --templates " + escape);
  CHECK(e.exit_code == 2);
  CHECK(e.err.find("prefill map '../rules/suzhou-2021' not found") != std::string::npos);
}
