// A variant author's own schema uses the JSON Schema keywords beyond the shipped ones
// (pattern, maxLength, oneOf, if/then, format): each is checked, with a pointer; a
// misspelt keyword is refused at load instead of being silently skipped.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

// A copy of the Shenzhen project form, id variant-schema-2022, with the schema given.
std::string variant_dir(const json& schema) {
  auto dir = test::temp_dir("variant-schema");
  test::run_command("mkdir -p " + dir + "/forms " + dir + "/schemas");
  std::string xml = test::slurp(test::source_path("templates/forms/shenzhen-project-selfeval-2021.xml"));
  xml = test::replace_all(xml, "id=\"shenzhen-project-selfeval-2021\"", "id=\"variant-schema-2022\"");
  xml = test::replace_all(xml, "schema=\"shenzhen-project-selfeval\"", "schema=\"variant-schema\"");
  std::ofstream(dir + "/forms/variant-schema-2022.xml") << xml;
  std::ofstream(dir + "/schemas/variant-schema.schema.json") << schema.dump(2);
  return dir;
}

json shipped_schema() {
  return json::parse(test::slurp(test::source_path("templates/schemas/shenzhen-project-selfeval.schema.json")));
}

// The author's checks: a name starting 档案 of at most 10 characters; a department code of
// seven digits or 无; a reason whenever the score is 0; a filing date.
json variant_schema() {
  json s = shipped_schema();
  json& project = s["definitions"]["project"]["properties"];
  project["name"]["pattern"] = "^档案";
  project["name"]["maxLength"] = 10;
  project["department"]["oneOf"] = json::parse(R"([{"pattern": "^[0-9]{7}$"}, {"const": "无"}])");
  project["filed"] = json::parse(R"({"type": "string", "format": "date", "title": "填报日期"})");
  s["definitions"]["indicator"]["if"] = json::parse(R"({"properties": {"score": {"const": 0}}})");
  s["definitions"]["indicator"]["then"] =
      json::parse(R"({"properties": {"deviation_reason": {"minLength": 1}}})");
  return s;
}

json valid_data() {
  json d = json::parse(test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json")));
  d.erase("$schema");
  d["form"] = "variant-schema-2022";
  d["projects"] = json::array({d["projects"][0]});
  d["projects"][0]["filed"] = "2022-01-15";
  return d;
}

test::CommandResult check(const std::string& dir, const json& data) {
  std::ofstream(dir + "/data.json") << data.dump(2);
  return test::run_jixiao("check " + dir + "/data.json --templates " + dir);
}

}  // namespace

TEST_CASE("a variant schema's pattern, maxLength, oneOf, if/then and format are checked", "[cli][schema]") {
  auto dir = variant_dir(variant_schema());
  auto ok = check(dir, valid_data());
  INFO(ok.err);
  CHECK(ok.exit_code == 0);

  json bad = valid_data();
  auto& p = bad["projects"][0];
  p["name"] = "整理档案";                         // pattern
  p["department"] = "01-02";                      // neither alternative of oneOf
  p["filed"] = "2022-13-45";                      // format date
  p["indicators"][0]["score"] = 0;                // if score is 0 …
  p["indicators"][0]["deviation_reason"] = "";    // … then a reason
  auto r = check(dir, bad);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/projects/0/name: error: 'name' does not have the form the schema asks for; expected text matching /^档案/") != std::string::npos);
  CHECK(r.err.find("/projects/0/department: error:") != std::string::npos);
  CHECK(r.err.find("/projects/0/filed: error: 'filed' is not a valid date; expected a date (YYYY-MM-DD") != std::string::npos);
  CHECK(r.err.find("/projects/0/indicators/0/deviation_reason: error: 'deviation_reason' is empty") != std::string::npos);

  json too_long = valid_data();
  too_long["projects"][0]["name"] = "档案整理与数字化加工项目二期";
  r = check(dir, too_long);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/projects/0/name: error: 'name' is too long; expected at most 10 characters, got 14 characters") != std::string::npos);
}

TEST_CASE("a misspelt schema keyword is refused at load, with file and pointer", "[cli][schema]") {
  json s = shipped_schema();
  s["definitions"]["indicator"]["properties"]["weight"]["minimun"] = 0;
  auto dir = variant_dir(s);
  auto r = check(dir, valid_data());
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find(dir + "/schemas/variant-schema.schema.json: /definitions/indicator/properties/weight/minimun: "
                   "error: unknown keyword 'minimun'; expected a JSON Schema draft 7 keyword") != std::string::npos);
  CHECK(r.err.find("hint: did you mean 'minimum'?") != std::string::npos);
}

TEST_CASE("a $ref chain that comes back to itself is refused at load, never a crash", "[cli][schema][hostile]") {
  json s = shipped_schema();
  s["definitions"]["a"] = {{"$ref", "#/definitions/b"}};
  s["definitions"]["b"] = {{"$ref", "#/definitions/a"}};
  s["definitions"]["project"]["properties"]["implementer"] = {{"$ref", "#/definitions/a"}};
  auto dir = variant_dir(s);
  for (const std::string& command : {"check " + dir + "/data.json --templates " + dir,
                                     "templates --check --templates " + dir}) {
    if (command.rfind("check", 0) == 0) std::ofstream(dir + "/data.json") << valid_data().dump();
    auto r = test::run_jixiao_bounded(command, 10);
    INFO(command << "\n" << r.err);
    CHECK(r.signal == 0);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find("/definitions/a/$ref: error: a chain of references that leads back to itself") != std::string::npos);
  }

  // A chain that ends, but only after more steps than JSON may nest, is refused too.
  json long_chain = shipped_schema();
  for (int i = 0; i < 100; ++i) long_chain["definitions"]["r" + std::to_string(i)] = {{"$ref", "#/definitions/r" + std::to_string(i + 1)}};
  long_chain["definitions"]["r100"] = {{"type", "string"}};
  auto r = test::run_jixiao_bounded("templates --check --templates " + variant_dir(long_chain), 10);
  INFO(r.err);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("error: a chain of references more than 64 long") != std::string::npos);
}

TEST_CASE("a format jixiao does not check is refused, not skipped", "[cli][schema]") {
  json s = shipped_schema();
  s["definitions"]["project"]["properties"]["implementer"]["format"] = "email";
  auto r = check(variant_dir(s), valid_data());
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/definitions/project/properties/implementer/format: error: format jixiao does not check") != std::string::npos);
}

TEST_CASE("a long text under a pattern is refused before the regex engine sees it", "[cli][schema][hostile]") {
  auto dir = variant_dir(variant_schema());
  json d = valid_data();
  d["projects"][0]["filed"] = std::string(60000, '1');  // std::regex would recurse 60,000 deep
  std::ofstream(dir + "/data.json") << d.dump();
  auto r = test::run_jixiao_bounded("check " + dir + "/data.json --templates " + dir, 10);
  INFO(r.err);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/projects/0/filed: error: text too long to check against the schema's format; expected at most 10000 characters, got 60000 characters") != std::string::npos);
}

TEST_CASE("a pattern is matched against the longest text data may hold without overflowing the stack", "[cli][schema][hostile]") {
  json s = variant_schema();
  s["definitions"]["project"]["properties"]["implementer"]["pattern"] = "^(1|2)*$";  // std::regex recursed per character
  s["definitions"]["project"]["properties"]["implementer"].erase("maxLength");
  auto dir = variant_dir(s);
  json d = valid_data();
  d["projects"][0]["implementer"] = std::string(1000000, '1');
  std::ofstream(dir + "/data.json") << d.dump();
  auto r = test::run_jixiao_bounded("check " + dir + "/data.json --templates " + dir, 30);
  INFO(r.err);
  CHECK(r.signal == 0);
  CHECK(r.exit_code == 0);  // it matches: valid, and checked all the way
}

// Issue 20, class 5: std::regex took 25 s on "^(a+)+$" against 30 characters (×1.8 a
// character). Patterns are matched by RE2, in linear time.
TEST_CASE("a backtracking pattern is matched in linear time, through the CLI", "[cli][schema][hostile]") {
  json s = shipped_schema();
  s["definitions"]["project"]["properties"]["code"] = {{"type", "string"}, {"pattern", "^(a+)+$"}};
  auto dir = variant_dir(s);
  for (std::size_t n : {30, 1000, 100000}) {
    json d = valid_data();
    d["projects"][0]["code"] = std::string(n, 'a') + "!";
    std::ofstream(dir + "/data.json") << d.dump();
    auto r = test::run_jixiao_bounded("check " + dir + "/data.json --templates " + dir, 30);
    INFO(n << " characters: " << r.seconds << " s, " << r.max_rss_mib << " MiB\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(test::has_placed(r.err, "data.json", "/projects/0/code: error: 'code' does not have the form the schema "
                                               "asks for; expected text matching /^(a+)+$/"));
    CHECK(r.seconds < test::hostile_seconds());
    CHECK(r.max_rss_mib < test::hostile_mib());
  }
}

TEST_CASE("a backreference or lookahead pattern is refused at load, by check and templates --check", "[cli][schema]") {
  json s = shipped_schema();
  s["definitions"]["project"]["properties"]["code"] = {{"type", "string"}, {"pattern", "^(\\d)\\1$"}};
  s["definitions"]["project"]["patternProperties"] = {{"^x-(?=a)", {{"type", "string"}}}};
  auto dir = variant_dir(s);
  std::ofstream(dir + "/data.json") << valid_data().dump();
  std::string file = dir + "/schemas/variant-schema.schema.json";
  for (const std::string& command : {"check " + dir + "/data.json --templates " + dir, "templates --check --templates " + dir}) {
    auto r = test::run_jixiao_bounded(command, 10);
    INFO(command << "\n" << r.err);
    CHECK(r.exit_code == 2);
    CHECK(r.err.find(file + ": /definitions/project/properties/code/pattern: error: a backreference \\1 in a pattern; "
                     "expected a pattern without backreferences, lookahead or lookbehind (patterns are matched in "
                     "linear time), got \"^(\\\\d)\\\\1$\"") != std::string::npos);
    CHECK(r.err.find(file + ": /definitions/project/patternProperties/^x-(?=a): error: a lookahead (?=…) in a pattern") !=
          std::string::npos);
  }
  auto zh = test::run_jixiao("templates --check --lang zh --templates " + dir);
  CHECK(zh.err.find("/definitions/project/properties/code/pattern: 错误：pattern 中有反向引用 \\1；应为 不含反向引用") !=
        std::string::npos);
}

TEST_CASE("a unicode escape in a pattern means its character", "[cli][schema]") {
  json s = shipped_schema();
  s["definitions"]["project"]["properties"]["name"]["pattern"] = "^\\u6863\\u6848";  // 档案
  auto dir = variant_dir(s);
  json d = valid_data();
  d["projects"][0].erase("filed");  // the variant's own field, not in the shipped schema
  d["projects"][0]["name"] = "档案整理";
  CHECK(check(dir, d).exit_code == 0);
  d["projects"][0]["name"] = "整理档案";
  auto r = check(dir, d);
  INFO(r.err);
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("/projects/0/name: error: 'name' does not have the form the schema asks for") != std::string::npos);
}
