// Where the strict JSON reader finds the values JSON pointers name: what places a data
// error at file:line:col.
#include <catch2/catch.hpp>

#include "diag/json.h"

using jixiao::json_value_offsets;
using jixiao::JsonSpot;

namespace {

std::string lc(const std::string& json, std::size_t offset) {
  return offset == std::string::npos ? "none" : jixiao::to_string(jixiao::line_col(json, offset));
}
// line:col of the member's key (an array element's first character) at pointer.
std::string key(const std::string& json, const std::string& pointer) {
  return lc(json, json_value_offsets(json, {pointer}).front().key);
}
std::string value(const std::string& json, const std::string& pointer) {
  return lc(json, json_value_offsets(json, {pointer}).front().at);
}

const std::string kJson =
    "{\n"
    "  \"a\": {\"skip\": [1, {\"x\": \"}]\\\"\"}], \"b/c\": [10, 20,\n"
    "    {\"名\": \"值\", \"k~\": true}]},\n"
    "  \"\\u540d\": null\n"
    "}\n";

}  // namespace

TEST_CASE("value offsets: nested objects and arrays, escaped keys, characters not bytes") {
  CHECK(key(kJson, "") == "1:1");
  CHECK(key(kJson, "/a") == "2:3");
  CHECK(value(kJson, "/a") == "2:8");
  CHECK(key(kJson, "/a/skip/1/x") == "2:22");
  CHECK(value(kJson, "/a/skip/1/x") == "2:27");
  CHECK(key(kJson, "/a/b~1c") == "2:37");         // '/' in a key is ~1
  CHECK(key(kJson, "/a/b~1c/1") == "2:49");
  CHECK(value(kJson, "/a/b~1c/1") == "2:49");     // an element: key and value are one
  CHECK(key(kJson, "/a/b~1c/2/名") == "3:6");
  CHECK(value(kJson, "/a/b~1c/2/名") == "3:11");  // "名" is one column, three bytes
  CHECK(key(kJson, "/a/b~1c/2/k~0") == "3:16");   // '~' is ~0
  CHECK(value(kJson, "/a/b~1c/2/k~0") == "3:22");
  CHECK(key(kJson, "/名") == "4:3");              // the key written as \u540d
}

TEST_CASE("value offsets: several pointers in one reading, in any order") {
  auto spots = json_value_offsets(kJson, {"/名", "/a/b~1c/0", "/a"});
  REQUIRE(spots.size() == 3);
  CHECK(lc(kJson, spots[0].key) == "4:3");
  CHECK(lc(kJson, spots[1].at) == "2:45");
  CHECK(lc(kJson, spots[2].key) == "2:3");
  for (const JsonSpot& s : spots) CHECK(s.found);
}

TEST_CASE("value offsets: a pointer not found gives the nearest enclosing value") {
  JsonSpot missing = json_value_offsets(kJson, {"/a/b~1c/2/missing"}).front();
  CHECK_FALSE(missing.found);
  CHECK(lc(kJson, missing.key) == "3:5");  // its object
  CHECK(key(kJson, "/a/b~1c/7") == "2:37");
  CHECK(key(kJson, "/a/skip/0/deeper") == "2:18");  // a scalar has no members
  CHECK(key(kJson, "/nothing") == "1:1");
  CHECK(key("", "/a") == "none");
  CHECK(key("{\"a\": [1, 2", "/a/5") == "1:2");  // cut short: as far as it goes
  CHECK(key("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]", "/1") == "1:1");
}

TEST_CASE("value offsets: numbers, literals and a byte-order mark") {
  const std::string json = "\xEF\xBB\xBF{\"n\":12 , \"t\":true,\"f\" :\n -1.5e3,\"z\":null}";
  CHECK(value(json, "/n") == "1:7");  // the BOM is one character
  CHECK(key(json, "/t") == "1:12");
  CHECK(value(json, "/t") == "1:16");
  CHECK(value(json, "/f") == "2:2");
  CHECK(key(json, "/z") == "2:9");
}

TEST_CASE("elements handed out one at a time come with their offset in the text") {
  const std::string text = "{\"t\": \"名\", \"docs\": [ {\"a\": 1},\n  \"二\" , 3.5e1 ,[[]] ], \"z\": 0}";
  std::vector<std::size_t> at;
  nlohmann::json rest;
  jixiao::DiagnosticSink sink;
  auto keep = [&](std::size_t, nlohmann::json&&, std::size_t offset) {
    at.push_back(offset);
    return true;
  };
  REQUIRE(jixiao::parse_json_elements("d.json", text, "docs", rest, keep, sink));
  REQUIRE(at.size() == 4);
  CHECK(text.compare(at[0], 3, "{\"a") == 0);
  CHECK(text.compare(at[1], 4, "\"二") == 0);
  CHECK(text.compare(at[2], 5, "3.5e1") == 0);
  CHECK(text.compare(at[3], 4, "[[]]") == 0);
}
