// Bad data gets a clear error naming the file and the place, never a silent default.
#include <catch2/catch.hpp>

#include "model/model.h"
#include "model/schema.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string example_text() {
  return test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json"));
}

const model::Schema& schema() {
  static std::unique_ptr<model::Schema> s = [] {
    DiagnosticSink sink;
    auto loaded = model::Schema::load(test::source_path("templates/schemas/shenzhen-project-selfeval.schema.json"), sink);
    REQUIRE(loaded);
    return loaded;
  }();
  return *s;
}

// Parses text, validates it against the Shenzhen project schema and returns
// "place | message | expected | got" of each error.
std::vector<std::string> errors(const std::string& text) {
  DiagnosticSink sink;
  auto d = model::parse_dossier("data.json", text, sink);
  if (!sink.has_errors()) schema().validate(d.source, "data.json", sink);
  std::vector<std::string> out;
  for (auto& d : sink.all()) {
    CHECK(d.file == "data.json");
    out.push_back(d.place.text() + " | " + d.message + " | " + d.expected + " | " + d.got);
  }
  return out;
}

std::string replace(std::string s, const std::string& from, const std::string& to) {
  auto pos = s.find(from);
  REQUIRE(pos != std::string::npos);
  return s.replace(pos, from.size(), to);
}

}  // namespace

TEST_CASE("the example data validates", "[model]") {
  DiagnosticSink sink;
  auto d = model::parse_dossier("x.json", example_text(), sink);
  schema().validate(d.source, "x.json", sink);
  for (auto& x : sink.all()) INFO(format(x));
  CHECK_FALSE(sink.has_errors());
  CHECK(d.form == "shenzhen-project-selfeval-2021");
  CHECK(d.title == "2021年度项目支出绩效自评表");
  REQUIRE(d.source["projects"].size() == 9);
  CHECK(d.source["projects"][3]["indicators"][2]["score"].is_number_integer());
}

TEST_CASE("malformed JSON names line and column", "[model]") {
  auto e = errors("{\n  \"form\": \"x\",\n  \"projects\": [,]\n}\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].rfind("3:16 | malformed JSON: a value is missing | a value | ','", 0) == 0);
}

TEST_CASE("truncated JSON names where it ends", "[model]") {
  auto e = errors("{\"form\": \"x\",\n\"projects\": [");
  REQUIRE(e.size() == 1);
  CHECK(e[0].rfind("2:14 | malformed JSON", 0) == 0);
}

TEST_CASE("a missing required field names its pointer", "[model]") {
  auto text = replace(example_text(), "\"weight\": 12.5,", "");
  auto e = errors(text);
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "/projects/0/indicators/0/weight | missing required field 'weight' | a number | ");
}

TEST_CASE("a string where a number belongs", "[model]") {
  auto text = replace(example_text(), "\"weight\": 12.5,", "\"weight\": \"12.5\",");
  auto e = errors(text);
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "/projects/0/indicators/0/weight | wrong type for 'weight' | a number | string \"12.5\"");
}

TEST_CASE("a number where a string belongs", "[model]") {
  auto text = replace(example_text(), "\"department\": \"0102013\"", "\"department\": 102013");
  auto e = errors(text);
  REQUIRE(e.size() == 1);
  CHECK(e[0] == "/projects/0/department | wrong type for 'department' | a string | number 102013");
}

TEST_CASE("an unknown field is a typo, not ignored", "[model]") {
  auto text = replace(example_text(), "\"weight\": 12.5,", "\"weigth\": 12.5,");
  auto e = errors(text);
  REQUIRE(e.size() == 2);
  CHECK(e[0].rfind("/projects/0/indicators/0/weight | missing", 0) == 0);
  CHECK(e[1] == "/projects/0/indicators/0/weigth | unknown field 'weigth' | one of: actual, deviation_reason, "
                "level1, level2, name, score, target, weight | ");
}

TEST_CASE("every error is reported, not just the first", "[model]") {
  auto text = replace(example_text(), "\"name\": \"档案整理\"", "\"name\": \"\"");
  text = replace(text, "\"executed\": 870996.00", "\"executed\": null");
  auto e = errors(text);
  REQUIRE(e.size() == 2);  // in the order of the data's fields, sorted
  CHECK(e[0] == "/projects/0/funds/total/executed | wrong type for 'executed' | a number | null");
  CHECK(e[1] == "/projects/0/name | 'name' is empty | a non-empty string | string \"\"");
}

TEST_CASE("empty project and indicator lists are errors", "[model]") {
  CHECK(errors(R"({"form": "f", "projects": []})") ==
        std::vector<std::string>{"/projects | empty 'projects' | an array with at least one element | an empty array"});
  CHECK(errors(R"({"form": "f"})") ==
        std::vector<std::string>{"/projects | missing required field 'projects' | an array with at least one element | "});
  CHECK(errors(R"([1, 2])") == std::vector<std::string>{"/ | wrong type for the document | an object | array"});
}

TEST_CASE("an unreadable file is a failure naming it", "[model]") {
  DiagnosticSink sink;
  try {
    model::load_dossier("/nonexistent/data.json", sink);
    FAIL("no failure");
  } catch (const Failure& f) {
    CHECK(f.diagnostic().file == "/nonexistent/data.json");
    CHECK(f.diagnostic().code == "io.read");
  }
}

TEST_CASE("schema: types, enums, $ref and additionalProperties schemas", "[model][schema]") {
  DiagnosticSink sink;
  auto s = model::Schema::from_json(nlohmann::json::parse(R"({
    "type": "object", "required": ["a"], "additionalProperties": false,
    "properties": {"a": {"$ref": "#/$defs/n"}, "b": {"enum": ["x", "y"]}, "c": {"type": "integer"},
                   "d": {"type": "object", "additionalProperties": {"type": "number"}},
                   "e": {"type": ["number", "null"]}, "f": {"const": 1}},
    "$defs": {"n": {"type": "array", "minItems": 2, "items": {"type": "number"}}}})"), "s.json", sink);
  REQUIRE(s);
  auto check = [&](const char* data) {
    DiagnosticSink out;
    s->validate(nlohmann::json::parse(data), "d.json", out);
    std::vector<std::string> got;
    for (auto& d : out.all()) got.push_back(d.place.text() + " | " + d.message + " | " + d.expected + " | " + d.got);
    return got;
  };
  CHECK(check(R"({"a": [1, 2], "e": null})").empty());
  CHECK(check(R"({"a": [1]})") == std::vector<std::string>{"/a | empty 'a' | an array with at least one element | 1 elements"});
  CHECK(check(R"({"a": [1, "x"]})") == std::vector<std::string>{"/a/1 | wrong type for element 1 of 'a' | a number | string \"x\""});
  CHECK(check(R"({"a": [1, 2], "b": "z"})") == std::vector<std::string>{"/b | unexpected value for 'b' | one of: \"x\", \"y\" | string \"z\""});
  CHECK(check(R"({"a": [1, 2], "c": 1.5})") == std::vector<std::string>{"/c | wrong type for 'c' | an integer | number 1.5"});
  CHECK(check(R"({"a": [1, 2], "d": {"q1": 1, "q2": "x"}})") == std::vector<std::string>{"/d/q2 | wrong type for 'q2' | a number | string \"x\""});
  CHECK(check(R"({"a": [1, 2], "e": "1"})") == std::vector<std::string>{"/e | wrong type for 'e' | a number or null | string \"1\""});
  CHECK(check(R"({"a": [1, 2], "f": 2})") == std::vector<std::string>{"/f | unexpected value for 'f' | 1 | number 2"});
}

TEST_CASE("a negative weight is out of range, not a silent score", "[model][schema]") {
  auto text = replace(example_text(), "\"weight\": 12.5,", "\"weight\": -12.5,");
  CHECK(errors(text) == std::vector<std::string>{
                            "/projects/0/indicators/0/weight | 'weight' is out of range | a number at least 0 | number -12.5"});
}
