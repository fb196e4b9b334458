#include "model/schema.h"

#include <cmath>

#include "diag/json.h"
#include "model/reader.h"

namespace jixiao::model {

namespace {

using json = nlohmann::json;

// How a schema's expected value reads in a message: "a number", "a non-empty string" …
std::string expected_text(const json& s) {
  if (s.contains("const")) return s["const"].dump();
  if (s.contains("enum")) {
    std::string list;
    for (const auto& v : s["enum"]) list += (list.empty() ? "" : ", ") + v.dump();
    return "one of: " + list;
  }
  auto one = [&](const std::string& t) -> std::string {
    if (t == "string") return s.value("minLength", 0) > 0 ? "a non-empty string" : "a string";
    if (t == "number") return "a number";
    if (t == "integer") return "an integer";
    if (t == "boolean") return "true or false";
    if (t == "null") return "null";
    if (t == "object") return "an object";
    if (t == "array")
      return s.value("minItems", 0) > 0 ? "an array with at least one element" : "an array";
    return "a value";
  };
  if (!s.contains("type")) return "a value";
  if (s["type"].is_string()) return one(s["type"].get<std::string>());
  std::string out;
  for (const auto& t : s["type"]) {
    if (!t.is_string()) continue;
    out += (out.empty() ? "" : " or ") + one(t.get<std::string>());
  }
  return out;
}

bool has_type(const json& v, const std::string& t) {
  if (t == "string") return v.is_string();
  if (t == "number") return v.is_number() && std::isfinite(v.get<double>());
  if (t == "integer") return v.is_number_integer() || (v.is_number_float() && std::floor(v.get<double>()) == v.get<double>());
  if (t == "boolean") return v.is_boolean();
  if (t == "null") return v.is_null();
  if (t == "object") return v.is_object();
  if (t == "array") return v.is_array();
  return false;
}

// The last token of a pointer, for "wrong type for 'weight'".
std::string field_name(const std::string& ptr) {
  if (ptr.empty()) return "the document";
  auto pos = ptr.rfind('/');
  std::string key = ptr.substr(pos + 1);
  if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos)
    return "element " + key + " of " + field_name(ptr.substr(0, pos));
  return "'" + key + "'";
}

class Validator {
 public:
  Validator(const json& root, const std::string& file, DiagnosticSink& sink)
      : root_(root), file_(file), sink_(sink) {}

  void check(const json& v, const json& s, const std::string& ptr) {
    const json& schema = resolve(s);
    if (schema.contains("type") && !type_ok(v, schema["type"])) {
      Diagnostic d{Severity::Error, "model.type", file_, ptr.empty() ? "/" : ptr,
                   "wrong type for " + strip_quotes_for_root(ptr), expected_text(schema),
                   describe(v), {}};
      if (v.is_string() && wants_number(schema["type"])) d.hints.push_back("write the number without quotes");
      sink_.report(std::move(d));
      return;
    }
    if (schema.contains("const") && v != schema["const"]) {
      sink_.error("model.value", file_, ptr, "unexpected value for " + field_name(ptr),
                  expected_text(schema), describe(v));
      return;
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const auto& e : schema["enum"]) found = found || e == v;
      if (!found) {
        sink_.error("model.value", file_, ptr, "unexpected value for " + field_name(ptr),
                    expected_text(schema), describe(v));
        return;
      }
    }
    if (v.is_number() && (schema.contains("minimum") || schema.contains("maximum"))) {
      double x = v.get<double>();
      bool low = schema.contains("minimum") && x < schema["minimum"].get<double>();
      bool high = schema.contains("maximum") && x > schema["maximum"].get<double>();
      if (low || high) {
        std::string range = schema.contains("minimum") ? "at least " + schema["minimum"].dump() : "";
        if (schema.contains("maximum"))
          range += (range.empty() ? "" : " and ") + std::string("at most ") + schema["maximum"].dump();
        sink_.error("model.range", file_, ptr, field_name(ptr) + " is out of range", "a number " + range,
                    describe(v));
        return;
      }
    }
    if (v.is_string() && schema.contains("minLength") &&
        v.get<std::string>().find_first_not_of(" \t\r\n") == std::string::npos &&
        schema["minLength"].get<int>() > 0) {
      sink_.error("model.empty", file_, ptr, field_name(ptr) + " is empty", expected_text(schema),
                  describe(v));
    }
    if (v.is_string() && schema.contains("maxLength") && schema["maxLength"].is_number_unsigned()) {
      std::size_t chars = 0;
      for (unsigned char c : v.get_ref<const std::string&>()) chars += (c & 0xC0) != 0x80;
      std::size_t most = schema["maxLength"].get<std::size_t>();
      if (chars > most)
        sink_.error("model.too-long", file_, ptr, field_name(ptr) + " is too long",
                    "at most " + std::to_string(most) + " characters", std::to_string(chars) + " characters");
    }
    if (v.is_array()) check_array(v, schema, ptr);
    if (v.is_object()) check_object(v, schema, ptr);
  }

 private:
  const json& resolve(const json& s) {
    const json* cur = &s;
    for (int depth = 0; depth < 16 && cur->contains("$ref"); ++depth) {
      std::string ref = (*cur)["$ref"].get<std::string>();
      if (ref.rfind("#/", 0) != 0) break;
      json::json_pointer p(ref.substr(1));
      if (!root_.contains(p)) break;
      cur = &root_.at(p);
    }
    return *cur;
  }

  static bool type_ok(const json& v, const json& t) {
    if (t.is_string()) return has_type(v, t.get<std::string>());
    for (const auto& one : t)
      if (one.is_string() && has_type(v, one.get<std::string>())) return true;
    return false;
  }

  static bool wants_number(const json& t) {
    if (t.is_string()) return t == "number" || t == "integer";
    for (const auto& one : t)
      if (one == "number" || one == "integer") return true;
    return false;
  }

  static std::string strip_quotes_for_root(const std::string& ptr) { return field_name(ptr); }

  void check_array(const json& v, const json& s, const std::string& ptr) {
    if (s.contains("minItems") && v.size() < s["minItems"].get<std::size_t>()) {
      sink_.error("model.empty", file_, ptr, "empty " + field_name(ptr), expected_text(s),
                  v.empty() ? "an empty array" : std::to_string(v.size()) + " elements");
    }
    if (s.contains("maxItems") && s["maxItems"].is_number_unsigned() &&
        v.size() > s["maxItems"].get<std::size_t>()) {
      // Forms bound their lists (docs/limits.md): past this, data is not a real form.
      sink_.error("model.too-many", file_, ptr, "too many elements in " + field_name(ptr),
                  "at most " + s["maxItems"].dump(), std::to_string(v.size()) + " elements");
      return;
    }
    if (!s.contains("items")) return;
    for (std::size_t i = 0; i < v.size(); ++i) check(v[i], s["items"], child(ptr, i));
  }

  void check_object(const json& v, const json& s, const std::string& ptr) {
    static const json kEmpty = json::object();
    const json& props = s.contains("properties") ? s["properties"] : kEmpty;
    if (s.contains("required")) {
      for (const auto& r : s["required"]) {
        std::string key = r.get<std::string>();
        if (v.contains(key)) continue;
        std::string expected = props.contains(key) ? expected_text(resolve(props[key])) : "a value";
        sink_.error("model.missing", file_, child(ptr, key), "missing required field '" + key + "'",
                    expected);
      }
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
      std::string cp = child(ptr, it.key());
      if (props.contains(it.key())) {
        check(it.value(), props[it.key()], cp);
      } else if (s.contains("additionalProperties")) {
        const json& extra = s["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          std::string list;
          for (auto p = props.begin(); p != props.end(); ++p)
            if (p.key() != "$schema") list += (list.empty() ? "" : ", ") + p.key();
          sink_.error("model.unknown-field", file_, cp, "unknown field '" + it.key() + "'",
                      "one of: " + list);
        } else if (extra.is_object()) {
          check(it.value(), extra, cp);
        }
      }
    }
  }

  const json& root_;
  const std::string& file_;
  DiagnosticSink& sink_;
};

}  // namespace

std::unique_ptr<Schema> Schema::from_json(nlohmann::json schema, const std::string& path,
                                          DiagnosticSink& sink) {
  if (!schema.is_object()) {
    sink.error("schema.type", path, "/", "a schema must be an object", "a JSON Schema object");
    return nullptr;
  }
  std::unique_ptr<Schema> s(new Schema());
  s->file_ = path;
  s->schema_ = std::move(schema);
  return s;
}

std::unique_ptr<Schema> Schema::load(const std::string& path, DiagnosticSink& sink) {
  std::string text = read_file(path);
  nlohmann::json j;
  if (!parse_json(path, text, j, sink, {"schema.json", "schema"})) return nullptr;
  return from_json(std::move(j), path, sink);
}

void Schema::validate(const nlohmann::json& data, const std::string& data_file,
                      DiagnosticSink& sink) const {
  Validator(schema_, data_file, sink).check(data, schema_, "");
}

}  // namespace jixiao::model
