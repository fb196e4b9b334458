// Bad data gets a clear error naming the file and the place, never a silent default.
#include <catch2/catch.hpp>

#include "model/model.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string example_text() {
  return test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json"));
}

// Parses text and returns "place | message | expected | got" of each error.
std::vector<std::string> errors(const std::string& text) {
  DiagnosticSink sink;
  model::parse_dossier("data.json", text, sink);
  std::vector<std::string> out;
  for (auto& d : sink.all()) {
    CHECK(d.file == "data.json");
    out.push_back(d.place + " | " + d.message + " | " + d.expected + " | " + d.got);
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
  CHECK_FALSE(sink.has_errors());
  CHECK(d.form == "shenzhen-project-selfeval-2021");
  REQUIRE(d.projects.size() == 9);
  CHECK(d.projects[0].name == "档案整理");
  CHECK(d.projects[0].amount.value == 3700700);
  CHECK(d.projects[0].funds.total.executed == 870996.00);
  CHECK(d.projects[3].indicators[2].score.integral);
  CHECK_FALSE(d.projects[0].indicators[0].weight.integral);
  CHECK(d.projects[0].indicators[7].level2.empty());
  CHECK(d.projects[0].indicators[3].pointer == "/projects/0/indicators/3");
}

TEST_CASE("malformed JSON names line and column", "[model]") {
  auto e = errors("{\n  \"form\": \"x\",\n  \"projects\": [,]\n}\n");
  REQUIRE(e.size() == 1);
  CHECK(e[0].rfind("3:16 | malformed JSON: syntax error while parsing value - unexpected ','", 0) == 0);
  CHECK(e[0].find("well-formed JSON") != std::string::npos);
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
  CHECK(e[1].rfind("/projects/0/indicators/0/weigth | unknown field 'weigth' | one of: level1,", 0) == 0);
}

TEST_CASE("every error is reported, not just the first", "[model]") {
  auto text = replace(example_text(), "\"name\": \"档案整理\"", "\"name\": \"\"");
  text = replace(text, "\"executed\": 870996.00", "\"executed\": null");
  auto e = errors(text);
  REQUIRE(e.size() == 2);
  CHECK(e[0] == "/projects/0/name | 'name' is empty | a non-empty string | string \"\"");
  CHECK(e[1] == "/projects/0/funds/total/executed | wrong type for 'executed' | a number | null");
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
