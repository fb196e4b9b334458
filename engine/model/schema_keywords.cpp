#include "model/schema_keywords.h"

#include <array>
#include <set>
#include <string_view>

#include "diag/limits.h"
#include "diag/suggest.h"
#include "model/reader.h"

namespace jixiao::model {
namespace {

using json = nlohmann::json;

// Keywords whose value is one schema, a list of schemas, or a map of names to schemas.
constexpr std::array<std::string_view, 9> kOneSchema{
    "additionalItems", "additionalProperties", "contains", "else", "if", "not",
    "propertyNames",   "then",                 "items"};
constexpr std::array<std::string_view, 3> kSchemaList{"allOf", "anyOf", "oneOf"};
constexpr std::array<std::string_view, 4> kSchemaMap{"definitions", "$defs", "properties",
                                                     "patternProperties"};
// Keywords that check the value itself.
constexpr std::array<std::string_view, 19> kAssertions{
    "type",      "enum",      "const",           "multipleOf",       "maximum",
    "minimum",   "maxLength", "exclusiveMaximum", "exclusiveMinimum", "minLength",
    "pattern",   "maxItems",  "minItems",        "uniqueItems",      "maxProperties",
    "minProperties", "required", "format",       "dependencies"};
// Annotations: documentation for people and editors, no check.
constexpr std::array<std::string_view, 12> kAnnotations{
    "$schema", "$id",      "$comment",  "$ref",            "title",           "description",
    "default", "examples", "readOnly",  "writeOnly",       "contentMediaType", "contentEncoding"};

template <std::size_t N>
bool in(const std::array<std::string_view, N>& list, std::string_view k) {
  for (auto x : list)
    if (x == k) return true;
  return false;
}

std::vector<std::string> all_keywords() {
  std::vector<std::string> out;
  auto add = [&](auto& list) {
    for (auto k : list) out.emplace_back(k);
  };
  add(kOneSchema), add(kSchemaList), add(kSchemaMap), add(kAssertions), add(kAnnotations);
  return out;
}

class KeywordCheck {
 public:
  KeywordCheck(const json& root, const std::string& file, DiagnosticSink& sink, PatternSet& patterns)
      : root_(root), file_(file), sink_(sink), patterns_(patterns) {}

  void schema(const json& s, const std::string& ptr) {
    if (s.is_boolean()) return;
    if (!s.is_object()) return error("schema.value", ptr, "not a schema", "an object or true/false", s);
    for (auto it = s.begin(); it != s.end(); ++it) keyword(it.key(), it.value(), child(ptr, it.key()));
  }

  bool ok() const { return ok_; }

 private:
  void keyword(const std::string& k, const json& v, const std::string& ptr) {
    if (in(kOneSchema, k)) {
      if (k == "items" && v.is_array()) return list(v, ptr, false);
      return schema(v, ptr);
    }
    if (in(kSchemaList, k)) return list(v, ptr, true);
    if (in(kSchemaMap, k)) {
      if (!v.is_object()) return error("schema.value", ptr, "'" + k + "' must map names to schemas", "an object", v);
      for (auto it = v.begin(); it != v.end(); ++it) {
        if (k == "patternProperties") regex(it.key(), child(ptr, it.key()));
        schema(it.value(), child(ptr, it.key()));
      }
      return;
    }
    if (k == "dependencies" && v.is_object()) {
      for (auto it = v.begin(); it != v.end(); ++it)
        if (!it.value().is_array()) schema(it.value(), child(ptr, it.key()));
      return;
    }
    if (k == "pattern") {
      if (!v.is_string()) return error("schema.value", ptr, "'pattern' must be a string", "a regular expression", v);
      return regex(v.get<std::string>(), ptr);
    }
    if (k == "format") {
      if (!v.is_string() || !is_checked_format(v.get<std::string>()))
        return error("schema.format", ptr, "format jixiao does not check", "\"date\", \"time\" or \"date-time\"", v);
      return;
    }
    if (k == "$ref") return ref(v, ptr);
    if (k == "$schema") {
      if (ptr != "/$schema" || v != kDraft7)
        return error("schema.dialect", ptr, "schemas are JSON Schema draft 7", std::string("\"") + kDraft7 + "\"", v);
      return;
    }
    if (in(kAssertions, k) || in(kAnnotations, k)) return;
    Diagnostic d{Severity::Error, "schema.keyword", file_, ptr, "unknown keyword '" + k + "'",
                 "a JSON Schema draft 7 keyword", "", {}};
    if (!suggest(d.hints, k, all_keywords()))
      d.hints.push_back("annotations of your own belong in \"description\" or \"$comment\"");
    report(std::move(d));
  }

  void list(const json& v, const std::string& ptr, bool non_empty) {
    if (!v.is_array() || (non_empty && v.empty()))
      return error("schema.value", ptr, "expected a list of schemas", "a non-empty array of schemas", v);
    for (std::size_t i = 0; i < v.size(); ++i) schema(v[i], ptr + "/" + std::to_string(i));
  }

  void ref(const json& v, const std::string& ptr) {
    if (!v.is_string() || v.get<std::string>().rfind('#', 0) != 0)
      return error("schema.ref", ptr, "only references inside the same file are followed",
                   "\"#/…\" (a JSON pointer into this file)", v);
    std::string target = v.get<std::string>().substr(1);
    bool found = false;
    try {
      found = target.empty() || root_.contains(json::json_pointer(target));
    } catch (const json::exception&) {
    }
    if (!found) return error("schema.ref", ptr, "reference to nothing in this file", "a JSON pointer to a schema in this file", v);
    chain(target, ptr, v);
  }

  // A reference whose target is itself only a reference, and so on: valijson resolves such
  // a chain by recursion, so one that comes back to where it started ("a": {"$ref":
  // "#/definitions/a"}) or runs very long would never end. Refused at load.
  void chain(std::string target, const std::string& ptr, const json& v) {
    std::set<std::string> seen;
    while (seen.insert(target).second) {
      const json* next = nullptr;
      try {
        next = &root_.at(json::json_pointer(target));
      } catch (const json::exception&) {
        return;  // reported where that reference stands
      }
      auto ref = next->is_object() ? next->find("$ref") : next->end();
      if (!next->is_object() || ref == next->end() || !ref->is_string() || ref->get<std::string>().rfind('#', 0) != 0)
        return;  // a schema of its own: the chain ends
      if (seen.size() > static_cast<std::size_t>(limits::kJsonDepth))
        return error("schema.ref", ptr, "a chain of references more than " + std::to_string(limits::kJsonDepth) + " long",
                     "a reference reaching a schema within " + std::to_string(limits::kJsonDepth) + " steps", v);
      target = ref->get<std::string>().substr(1);
    }
    error("schema.ref", ptr, "a chain of references that leads back to itself",
          "a reference reaching a schema of its own (not only another reference)", v);
  }

  // Compiled now, for validation to use: a pattern RE2 cannot match in linear time, or in
  // bounded memory, is refused here rather than found out on a user's data.
  void regex(const std::string& pattern, const std::string& ptr) {
    if (!patterns_.find(pattern) && patterns_.size() >= limits::kSchemaPatterns)
      return error("schema.pattern", ptr, "more than " + std::to_string(limits::kSchemaPatterns) + " different patterns",
                   "at most " + std::to_string(limits::kSchemaPatterns) + " per schema", json(pattern));
    const Pattern& p = patterns_.add(pattern);
    if (!p.ok()) error("schema.pattern", ptr, p.problem().message, p.problem().expected, json(pattern));
  }

  void error(const std::string& code, const std::string& ptr, const std::string& message,
             const std::string& expected, const json& got) {
    std::string shown = got.dump();
    if (shown.size() > 80) shown = shown.substr(0, 77) + "...";
    report({Severity::Error, code, file_, ptr, message, expected, shown, {}});
  }
  void report(Diagnostic d) {
    ok_ = false;
    sink_.report(std::move(d));
  }

  const json& root_;
  const std::string& file_;
  DiagnosticSink& sink_;
  PatternSet& patterns_;
  bool ok_ = true;
};

}  // namespace

bool is_checked_format(const std::string& format) {
  return format == "date" || format == "time" || format == "date-time";
}

bool check_schema_keywords(const json& schema, const std::string& file, DiagnosticSink& sink,
                           PatternSet& patterns) {
  KeywordCheck check(schema, file, sink, patterns);
  check.schema(schema, "");
  return check.ok();
}

}  // namespace jixiao::model
