#include "model/schema_messages.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "diag/suggest.h"
#include "model/model.h"
#include "model/reader.h"
#include "model/schema_subjects.h"

namespace jixiao::model {
namespace {

using json = nlohmann::json;

// Findings reported from one validation; the rest are counted.
constexpr std::size_t kSchemaFindings = 200;

bool starts(const std::string& s, const char* prefix) { return s.rfind(prefix, 0) == 0; }

// How a schema's expected value reads in a message: "a number", "a non-empty string" …
std::string expected_text(const json* s) {
  if (!s || !s->is_object()) return "a value the schema allows";
  if (s->contains("const")) return (*s)["const"].dump();
  if (s->contains("enum") && (*s)["enum"].is_array()) {
    std::string list;
    for (const auto& v : (*s)["enum"]) list += (list.empty() ? "" : ", ") + v.dump();
    return "one of: " + list;
  }
  auto one = [&](const std::string& t) -> std::string {
    if (t == "string") return s->value("minLength", 0) > 0 ? "a non-empty string" : "a string";
    if (t == "number") return "a number";
    if (t == "integer") return "an integer";
    if (t == "boolean") return "true or false";
    if (t == "null") return "null";
    if (t == "object") return "an object";
    if (t == "array") return s->value("minItems", 0) > 0 ? "an array with at least one element" : "an array";
    return "a value";
  };
  if (!s->contains("type")) return "a value the schema allows";
  const json& type = (*s)["type"];
  if (type.is_string()) return one(type.get<std::string>());
  std::string out;
  for (const auto& t : type)
    if (t.is_string()) out += (out.empty() ? "" : " or ") + one(t.get<std::string>());
  return out;
}

bool wants_number(const json* s) {
  if (!s || !s->is_object() || !s->contains("type")) return false;
  const json& t = (*s)["type"];
  auto number = [](const json& x) { return x == "number" || x == "integer"; };
  if (t.is_string()) return number(t);
  return t.is_array() && std::any_of(t.begin(), t.end(), number);
}

// The last quoted name in a description: "Missing required property 'name'." → name.
std::string quoted_name(const std::string& d) {
  auto close = d.rfind('\'');
  if (close == std::string::npos || close == 0) return "";
  auto open = d.rfind('\'', close - 1);
  return open == std::string::npos ? "" : d.substr(open + 1, close - open - 1);
}

// valijson's context ("<root>", "[projects]", "[0]") as a JSON pointer into data.
std::string pointer_of(const std::vector<std::string>& context, const json& data) {
  std::string ptr;
  const json* v = &data;
  for (const auto& step : context) {
    if (step.size() < 2 || step.front() != '[' || step.back() != ']') continue;
    std::string token = step.substr(1, step.size() - 2);
    if (v && v->is_array()) {
      ptr = child(ptr, static_cast<std::size_t>(std::stoul(token)));
      std::size_t i = std::stoul(token);
      v = i < v->size() ? &(*v)[i] : nullptr;
    } else {
      ptr = child(ptr, token);
      v = v && v->is_object() && v->contains(token) ? &(*v)[token] : nullptr;
    }
  }
  return ptr;
}

// Pointer order with array indexes compared as numbers.
bool natural_less(const std::string& a, const std::string& b) {
  std::size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    bool da = std::isdigit(static_cast<unsigned char>(a[i])), db = std::isdigit(static_cast<unsigned char>(b[j]));
    if (da && db) {
      std::size_t ei = a.find_first_not_of("0123456789", i), ej = b.find_first_not_of("0123456789", j);
      std::string na = a.substr(i, ei - i), nb = b.substr(j, ej - j);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei == std::string::npos ? a.size() : ei;
      j = ej == std::string::npos ? b.size() : ej;
      continue;
    }
    if (a[i] != b[j]) return a[i] < b[j];
    ++i, ++j;
  }
  return a.size() - i < b.size() - j;
}

// Findings that only say a finding further down failed.
bool is_wrapper(const std::string& d) {
  for (const char* w : {"Failed to validate against schema associated with property name",
                        "Failed to validate item #", "Failed to validate against child schema #",
                        "Failed to validate against additional properties schema",
                        "Failed to validate against schema associated with pattern",
                        "Failed to validate against dependent schema"})
    if (starts(d, w)) return true;
  return false;
}


class Reporter {
 public:
  Reporter(const json& data, const json& schema, const std::string& file, DiagnosticSink& sink)
      : data_(data), schema_(schema), file_(file), sink_(sink) {}

  void report(const std::string& ptr, const std::string& d) {
    const json* value = nullptr;
    try {
      json::json_pointer p(ptr);
      value = data_.contains(p) ? &data_.at(p) : nullptr;
    } catch (const json::exception&) {
    }
    std::string parent = ptr.substr(0, ptr.empty() ? 0 : ptr.rfind('/'));
    const json* s = schema_at(schema_, data_, ptr);
    std::string got = value ? describe(*value) : "";
    if (starts(d, "Value type not permitted")) {
      Diagnostic diag{Severity::Error, "model.type", file_, ptr.empty() ? "/" : ptr,
                      "wrong type for " + field_name(ptr), expected_text(s), got, {}};
      if (value && value->is_string() && wants_number(s)) diag.hints.push_back("write the number without quotes");
      return sink_.report(std::move(diag));
    }
    if (starts(d, "Missing required property"))
      return sink_.error("model.missing", file_, ptr, "missing required field '" + quoted_name(d) + "'",
                         expected_text(s));
    if (starts(d, "Object contains a property that could not be validated"))
      return unknown_field(ptr, quoted_name(d), schema_at(schema_, data_, parent));
    if (starts(d, "Failed to match against any enum") || starts(d, "Failed to match expected value set by 'const'")) {
      Diagnostic diag{Severity::Error, "model.value", file_, ptr, "unexpected value for " + field_name(ptr),
                      expected_text(s), got, {}};
      if (value && value->is_string() && s && s->contains("enum") && (*s)["enum"].is_array()) {
        std::vector<std::string> names;
        for (const auto& e : (*s)["enum"])
          if (e.is_string()) names.push_back(e.get<std::string>());
        suggest(diag.hints, value->get_ref<const std::string&>(), names);
      }
      return sink_.report(std::move(diag));
    }
    if (starts(d, "Expected number")) return range(ptr, s, got, d);
    if (starts(d, "String should be no fewer than"))
      return sink_.error("model.empty", file_, ptr, field_name(ptr) + " is empty", expected_text(s), got);
    if (starts(d, "String should be no more than") && value && value->is_string())
      return sink_.error("model.too-long", file_, ptr, field_name(ptr) + " is too long",
                         "at most " + std::to_string(s ? s->value("maxLength", 0) : 0) + " characters",
                         std::to_string(char_count(value->get_ref<const std::string&>())) + " characters");
    if (starts(d, "Array should contain no fewer"))
      return sink_.error("model.empty", file_, ptr, "empty " + field_name(ptr), expected_text(s),
                         value && !value->empty() ? std::to_string(value->size()) + " elements" : "an empty array");
    if (starts(d, "Array should contain no more than"))
      return sink_.error("model.too-many", file_, ptr, "too many elements in " + field_name(ptr),
                         "at most " + (s && s->contains("maxItems") ? (*s)["maxItems"].dump() : "fewer"),
                         value ? std::to_string(value->size()) + " elements" : "");
    if (starts(d, "Failed to match regex specified by 'pattern'"))
      return sink_.error("model.pattern", file_, ptr, field_name(ptr) + " does not have the form the schema asks for",
                         "text matching /" + (s && s->contains("pattern") ? (*s)["pattern"].get<std::string>() : "…") + "/",
                         got);
    if (starts(d, "String should be a valid ")) {
      std::string format = d.substr(std::char_traits<char>::length("String should be a valid "));
      std::string example = format == "date" ? " (YYYY-MM-DD, e.g. 2021-12-03)"
                            : format == "time" ? " (HH:MM:SS with a zone, e.g. 08:30:00+08:00)"
                                               : " (e.g. 2021-12-03T08:30:00+08:00)";
      return sink_.error("model.format", file_, ptr, field_name(ptr) + " is not a valid " + format,
                         "a " + format + example, got);
    }
    // A `not` of open intervals is a range with a hole (amounts: 0, or at least one fen).
    if (starts(d, "Target should not validate against schema specified in 'not' constraint"))
      if (std::string expected = hole_text(s); !expected.empty())
        return sink_.error("model.range", file_, ptr, field_name(ptr) + " is out of range", expected, got);
    // Combinations (oneOf, anyOf, if/then, not, contains …): valijson's words are the message.
    std::string message = d;
    if (!message.empty() && message.back() == '.') message.pop_back();
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(message[0])));
    sink_.error("model.schema", file_, ptr.empty() ? "/" : ptr, field_name(ptr) + ": " + message,
                "a value the schema allows", got);
  }

 private:
  void unknown_field(const std::string& ptr, const std::string& key, const json* s) {
    std::vector<std::string> names;
    if (s && s->contains("properties") && (*s)["properties"].is_object())
      for (auto p = (*s)["properties"].begin(); p != (*s)["properties"].end(); ++p)
        if (p.key() != "$schema") names.push_back(p.key());
    std::string list;
    for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
    Diagnostic diag{Severity::Error, "model.unknown-field", file_, ptr,
                    "unknown field '" + key + "'", list.empty() ? "no other fields" : "one of: " + list, "", {}};
    suggest(diag.hints, key, names);
    sink_.report(std::move(diag));
  }

  // "at least 0 and at most 1000000000000000": the schema's own bounds of a number.
  static std::string range_text(const json* s) {
    std::string expected;
    auto bound = [&](const char* key, const char* words) {
      if (s && s->contains(key)) expected += (expected.empty() ? "" : " and ") + std::string(words) + (*s)[key].dump();
    };
    bound("minimum", "at least "), bound("exclusiveMinimum", "more than ");
    bound("maximum", "at most "), bound("exclusiveMaximum", "less than ");
    return expected;
  }

  // What a `not` of open intervals ({exclusiveMinimum, exclusiveMaximum}, alone or in an anyOf)
  // leaves; "" when the `not` is anything else (valijson's words are then the message).
  static std::string hole_text(const json* s) {
    if (!s || !s->contains("not") || !(*s)["not"].is_object()) return "";
    const json& n = (*s)["not"];
    std::vector<const json*> holes;
    if (n.contains("anyOf") && n["anyOf"].is_array())
      for (const auto& h : n["anyOf"]) holes.push_back(&h);
    else holes.push_back(&n);
    double magnitude = -1;
    for (const json* h : holes) {
      if (!h->is_object() || !h->contains("exclusiveMinimum") || !h->contains("exclusiveMaximum") ||
          !(*h)["exclusiveMinimum"].is_number() || !(*h)["exclusiveMaximum"].is_number())
        return "";
      double lo = (*h)["exclusiveMinimum"], hi = (*h)["exclusiveMaximum"];
      double m = lo == 0 ? hi : hi == 0 ? -lo : -1;  // (0, x) or (-x, 0)
      if (m <= 0 || (magnitude > 0 && m != magnitude)) magnitude = -2;
      else if (magnitude != -2) magnitude = m;
    }
    if (magnitude > 0) {
      const json* h = holes.front();
      const json& bound = (*h)["exclusiveMinimum"] == 0 ? (*h)["exclusiveMaximum"] : (*h)["exclusiveMinimum"];
      std::string x = bound.dump();
      if (!x.empty() && x[0] == '-') x.erase(0, 1);
      return "0, or a number whose magnitude is at least " + x;
    }
    return "a number not strictly between " + (*holes.front())["exclusiveMinimum"].dump() + " and " +
           (*holes.front())["exclusiveMaximum"].dump();
  }

  void range(const std::string& ptr, const json* s, const std::string& got, const std::string& d) {
    std::string expected = range_text(s);
    sink_.error("model.range", file_, ptr, field_name(ptr) + " is out of range",
                expected.empty() ? d : "a number " + expected, got);
  }

  const json& data_;
  const json& schema_;
  const std::string& file_;
  DiagnosticSink& sink_;
};

}  // namespace

void report_schema_findings(const std::vector<SchemaFinding>& findings, const json& data,
                            const json& schema, const std::string& data_file, DiagnosticSink& sink) {
  Reporter reporter(data, schema, data_file, sink);
  std::set<std::pair<std::string, std::string>> seen;
  std::vector<std::pair<std::string, std::string>> list;
  for (const auto& f : findings) {
    if (is_wrapper(f.description)) continue;
    std::pair<std::string, std::string> key{pointer_of(f.context, data), f.description};
    // A missing or unknown field is reported at the field's own pointer.
    if (starts(key.second, "Missing required property") || starts(key.second, "Object contains a property"))
      key.first = child(key.first, quoted_name(key.second));
    if (seen.insert(key).second) list.push_back(std::move(key));  // oneOf branches repeat
  }
  // In the data's order ("/projects/2" before "/projects/10"), whatever order the
  // validator's keywords ran in.
  std::stable_sort(list.begin(), list.end(), [](const auto& a, const auto& b) {
    return natural_less(a.first, b.first);
  });
  bool reported = false;
  std::size_t shown = 0, more = 0;
  for (const auto& key : list) {
    reported = true;
    // A file wrong in every one of 10,000 rows needs the first few to be fixed, not all.
    if (shown == kSchemaFindings) { ++more; continue; }
    reporter.report(key.first, key.second);
    ++shown;
  }
  if (more)
    sink.report({Severity::Error, "model.more", data_file, "/",
                 std::to_string(more) + " more problems like these not shown", "", "", {}});
  if (!reported && !findings.empty())
    reporter.report(pointer_of(findings.front().context, data), findings.front().description);
}

}  // namespace jixiao::model
