// Schema patterns are matched by RE2 in linear time, with ECMAScript's meaning; what RE2
// cannot match so (backreferences, lookaround) or too large a pattern is refused at load,
// naming the schema file and the pattern's pointer (issue 20, class 5).
#include <catch2/catch.hpp>

#include <chrono>

#include "model/schema.h"
#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

std::unique_ptr<model::Schema> load(const json& schema, DiagnosticSink& sink) {
  return model::Schema::from_json(schema, "my.schema.json", sink);
}

// A schema whose "code" must match pattern.
json code_schema(const std::string& pattern) {
  return {{"type", "object"}, {"properties", {{"code", {{"type", "string"}, {"pattern", pattern}}}}}};
}

// Validates data; "place: message" of each diagnostic.
std::vector<std::string> problems(const model::Schema& s, const json& data) {
  DiagnosticSink sink;
  s.validate(data, "data.json", sink);
  std::vector<std::string> out;
  for (const auto& d : sink.all()) out.push_back(d.place.text() + ": " + d.message);
  return out;
}

bool matches(const std::string& pattern, const std::string& text) {
  DiagnosticSink sink;
  auto s = load(code_schema(pattern), sink);
  REQUIRE(s);
  return problems(*s, {{"code", text}}).empty();
}

// The load-time error for a schema: "place | message | expected".
std::string load_error(const json& schema) {
  DiagnosticSink sink;
  CHECK_FALSE(load(schema, sink));
  REQUIRE(sink.all().size() == 1);
  const auto& d = sink.all()[0];
  CHECK(d.file == "my.schema.json");
  CHECK(d.code == "schema.pattern");
  return d.place.text() + " | " + d.message + " | " + d.expected;
}

}  // namespace

TEST_CASE("a backtracking pattern is matched in linear time", "[model][schema][hostile]") {
  DiagnosticSink sink;
  auto s = load(code_schema("^(a+)+$"), sink);
  REQUIRE(s);
  for (std::size_t n : {30, 1000, 100000}) {
    INFO(n << " characters");
    auto start = std::chrono::steady_clock::now();
    auto found = problems(*s, {{"code", std::string(n, 'a') + "!"}});
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < test::hostile_seconds());
    REQUIRE(found.size() == 1);
    CHECK(found[0] == "/code: 'code' does not have the form the schema asks for");
    CHECK(problems(*s, {{"code", std::string(n, 'a')}}).empty());
  }
}

TEST_CASE("backreferences and lookaround are refused at load, with the pattern's pointer", "[model][schema]") {
  const std::string linear =
      "a pattern without backreferences, lookahead or lookbehind (patterns are matched in linear time)";
  CHECK(load_error(code_schema("^(a)\\1$")) == "/properties/code/pattern | a backreference \\1 in a pattern | " + linear);
  CHECK(load_error(code_schema("^(?<y>a)\\k<y>$")) ==
        "/properties/code/pattern | a backreference \\k<…> in a pattern | " + linear);
  CHECK(load_error(code_schema("^(?=a)")) == "/properties/code/pattern | a lookahead (?=…) in a pattern | " + linear);
  CHECK(load_error(code_schema("^(?!a)")) == "/properties/code/pattern | a lookahead (?!…) in a pattern | " + linear);
  CHECK(load_error(code_schema("(?<=a)b")) == "/properties/code/pattern | a lookbehind (?<=…) in a pattern | " + linear);
  // patternProperties: the name is the pattern; '/' in it is "~1" in the pointer.
  json props = {{"type", "object"}, {"patternProperties", {{"^a/(?!b)", {{"type", "number"}}}}}};
  CHECK(load_error(props) == "/patternProperties/^a~1(?!b) | a lookahead (?!…) in a pattern | " + linear);
  // Inside propertyNames too.
  json names = {{"type", "object"}, {"propertyNames", {{"pattern", "(x)\\1"}}}};
  CHECK(load_error(names) == "/propertyNames/pattern | a backreference \\1 in a pattern | " + linear);
}

TEST_CASE("a pattern RE2 cannot read, or too large a one, is refused at load", "[model][schema]") {
  CHECK(load_error(code_schema("(?i)abc")) ==
        "/properties/code/pattern | a group ECMAScript does not have: (?i… | an ECMAScript regular expression");
  CHECK(load_error(code_schema("[a-")) ==
        "/properties/code/pattern | a character class '[' without its closing ']' | an ECMAScript regular expression");
  CHECK(load_error(code_schema("(ab")).find("/properties/code/pattern | invalid regular expression: missing ): (ab") == 0);
  CHECK(load_error(code_schema("\\uD83D")).find("a lone surrogate \\x{D83D} in a pattern") != std::string::npos);
  CHECK(load_error(code_schema("\\q")).find("unknown escape \\q in a pattern") != std::string::npos);
  // fuzz/findings/schema_pattern-1: valijson would have seen only "a(7=…" (a C string).
  CHECK(load_error(code_schema(std::string("a(7=F\0b)0$", 11))) ==
        "/properties/code/pattern | a NUL character in a pattern | a pattern without NUL characters");
  // 1000 repeats of a class of CJK characters: 9,002 steps compiled.
  CHECK(load_error(code_schema("^[\\u4e00-\\u9fa5]{1000}$")) ==
        "/properties/code/pattern | pattern too large: 9002 steps compiled | a pattern of at most 5000 steps compiled");
  json many = {{"type", "object"}, {"properties", json::object()}};
  for (int i = 0; i <= 100; ++i) many["properties"]["f" + std::to_string(i)] = {{"pattern", "^" + std::to_string(i) + "$"}};
  CHECK(load_error(many).find(" | more than 100 different patterns | at most 100 per schema") != std::string::npos);
}

TEST_CASE("patterns mean what ECMAScript means", "[model][schema]") {
  CHECK(matches("^\\u6863\\u6848", "档案整理"));          // \uXXXX
  CHECK_FALSE(matches("^\\u6863\\u6848", "整理档案"));
  CHECK(matches("^\\uD83D\\uDE00$", "😀"));               // a surrogate pair is one character
  CHECK(matches("^\\u{1F600}$", "😀"));
  CHECK(matches("b", "abc"));                            // unanchored: anywhere
  CHECK_FALSE(matches("^b", "abc"));
  CHECK(matches("^a\\sb$", "a\u3000b"));                  // \s: the ideographic space too
  CHECK(matches("^a\\sb$", "a\vb"));
  CHECK_FALSE(matches("^a\\Sb$", "a\u3000b"));
  CHECK(matches("^[\\S]$", "档"));
  CHECK_FALSE(matches("^[x\\S]$", "\u00a0"));
  CHECK_FALSE(matches("^\\d$", "\u0663"));                // \d: ASCII digits only
  CHECK_FALSE(matches("^\\w$", "档"));
  CHECK_FALSE(matches("^.$", "\u2028"));                  // "." stops at line terminators
  CHECK(matches("^.$", "档"));
  CHECK_FALSE(matches("[]", "a"));                        // [] nothing, [^] anything
  CHECK(matches("^[^]$", "\n"));
  CHECK(matches("^a{$", "a{"));                           // a "{" that repeats nothing
  CHECK(matches("^[[:alpha:]]+$", "a]"));                 // "[[:alpha:]" is a class, "]" a literal
  CHECK_FALSE(matches("^[[:alpha:]]+$", "a"));
  CHECK(matches("^(?<year>\\d{4})-\\d{2}$", "2021-12"));
  CHECK(matches("^1[3-9]\\d{9}$", "13812345678"));
}

TEST_CASE("patternProperties decide by RE2 which schema a field gets", "[model][schema]") {
  DiagnosticSink sink;
  auto s = load(json::parse(R"({"type": "object",
      "patternProperties": {"^\\u6307\\u6807\\d+$": {"type": "number"}, "^(a+)+$": {"type": "string"}},
      "additionalProperties": false})"),
                sink);
  REQUIRE(s);
  CHECK(problems(*s, {{"指标1", 3}, {"aaa", "x"}}).empty());
  auto found = problems(*s, {{"指标2", "x"}, {std::string(100000, 'a') + "!", 1}});
  REQUIRE(found.size() >= 2);
  CHECK(std::find(found.begin(), found.end(), "/指标2: wrong type for '指标2'") != found.end());
}

TEST_CASE("text too long for a pattern's worst case is refused before matching", "[model][schema][hostile]") {
  DiagnosticSink sink;
  auto s = load(code_schema("^[\\u4e00-\\u9fa5]{2,50}$"), sink);  // 500 steps: 100,000 characters
  REQUIRE(s);
  std::string text;
  for (int i = 0; i < 100001; ++i) text += "档";
  DiagnosticSink data_sink;
  s->validate({{"code", text}}, "data.json", data_sink);
  REQUIRE(data_sink.all().size() == 1);
  const auto& d = data_sink.all()[0];
  CHECK(d.code == "model.too-long");
  CHECK(d.place == "/code");
  CHECK(d.message == "text too long to check against the schema's pattern");
  CHECK(d.expected == "at most 100000 characters");
}
