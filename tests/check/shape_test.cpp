// Schema shapes: what names a JSON Schema lets a path have, through $ref, allOf/anyOf/oneOf,
// then/else, items, patternProperties and additionalProperties.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "check/shape.h"

using jixiao::check::Shape;
using nlohmann::json;

namespace {

const json kSchema = json::parse(R"({
  "type": "object", "additionalProperties": false,
  "properties": {
    "projects": {"type": "array", "items": {"$ref": "#/definitions/project"}},
    "open": {"type": "object"},
    "name": {"type": "string"}
  },
  "definitions": {
    "project": {
      "allOf": [{"$ref": "#/definitions/base"}],
      "properties": {
        "kind": {"oneOf": [{"enum": ["a", "b"]}, {"const": "c"}]},
        "inputs": {"type": "object", "additionalProperties": {"type": "number"}},
        "codes": {"type": "object", "patternProperties": {"^q[0-9]$": {"type": "number"}}, "additionalProperties": false},
        "pair": {"type": "array", "items": [{"type": "string"}, {"$ref": "#/definitions/base"}], "additionalItems": false}
      },
      "additionalProperties": false,
      "if": {"properties": {"kind": {"const": "c"}}},
      "then": {"properties": {"extra": {"type": "string"}}}
    },
    "base": {"type": "object", "properties": {"id": {"type": "string"}}}
  }
})");

}  // namespace

TEST_CASE("shape: $ref, items and allOf give a project's fields", "[check]") {
  Shape root = Shape::of(kSchema, "s.json");
  auto projects = root.member("projects");
  REQUIRE(projects);
  auto project = projects->element();
  REQUIRE(project);
  CHECK_FALSE(project->is_any());
  CHECK(project->member("id"));      // from allOf → $ref base
  CHECK(project->member("kind"));
  CHECK(project->member("extra"));   // then adds it
  CHECK_FALSE(project->member("kinds"));
  auto names = project->member_names();
  CHECK(std::find(names.begin(), names.end(), "kind") != names.end());
  CHECK(std::find(names.begin(), names.end(), "id") != names.end());
  CHECK_FALSE(root.member("nmae"));
}

TEST_CASE("shape: oneOf enums and const are the values allowed", "[check]") {
  auto project = Shape::of(kSchema, "s.json").member("projects")->element();
  auto values = project->member("kind")->allowed_values();
  REQUIRE(values);
  CHECK(*values == std::vector<json>{"a", "b", "c"});
  CHECK_FALSE(project->member("id")->allowed_values());
}

TEST_CASE("shape: open objects, additionalProperties and patternProperties", "[check]") {
  Shape root = Shape::of(kSchema, "s.json");
  auto open = root.member("open");
  REQUIRE(open);
  CHECK(open->member("anything"));          // no additionalProperties: any name
  CHECK(open->member("anything")->is_any());
  auto project = root.member("projects")->element();
  auto inputs = project->member("inputs");
  REQUIRE(inputs->member("q1"));             // additionalProperties: a schema
  CHECK(inputs->member("q1")->types() == std::vector<std::string>{"number"});
  auto codes = project->member("codes");
  CHECK(codes->member("q4"));
  CHECK_FALSE(codes->member("x4"));         // neither pattern nor additional
  auto pair = project->member("pair")->element();
  REQUIRE(pair);
  CHECK(pair->member("id"));                 // a tuple's elements: any of its item schemas
  CHECK_FALSE(root.member("name")->element());  // a string has no elements
}

TEST_CASE("shape: a $ref cycle ends", "[check]") {
  json s = json::parse(R"({"definitions": {"a": {"$ref": "#/definitions/a"}}, "$ref": "#/definitions/a"})");
  Shape root = Shape::of(s, "cycle.json");
  CHECK(root.member("x"));  // nothing closes it
}
