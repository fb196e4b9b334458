// Fuzz target: a schema's "pattern" (model/schema_pattern.h), from the load-time check to
// matching. The input is a pattern, a newline, and a subject. The pattern is translated from
// ECMAScript and compiled by RE2; then a schema using it as "pattern", as a
// "patternProperties" name and under "propertyNames" is loaded (model::Schema::from_json)
// and data holding the subject as a value and as a field name is validated.
// Besides crashes and slow inputs (-timeout), stops when the two paths disagree: a pattern
// the compiler accepts must load in a schema (and one it refuses must not), and validation
// must say "pattern" about the subject exactly when the compiled pattern does not match it.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>

#include <nlohmann/json.hpp>

#include "common.h"
#include "diag/utf8.h"
#include "model/schema.h"
#include "model/schema_pattern.h"

using namespace jixiao;
using nlohmann::json;

namespace {

// JSON text is UTF-8: a schema or data file could not hold anything else.
bool utf8(std::string_view s) {
  char32_t cp;
  for (std::size_t i = 0; i < s.size();)
    if (!next_code_point(s, i, cp)) return false;
  return true;
}

[[noreturn]] void disagree(const char* what, const std::string& pattern, const DiagnosticSink& sink) {
  std::fprintf(stderr, "schema_pattern: %s for pattern %s\n", what, json(pattern).dump().c_str());
  for (const auto& d : sink.all()) std::fprintf(stderr, "  %s\n", format(d).c_str());
  std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  std::size_t nl = text.find('\n');
  std::string pattern = text.substr(0, nl);
  std::string subject = nl == std::string::npos ? "" : text.substr(nl + 1);

  model::Pattern compiled(pattern);
  bool matched = compiled.search(subject);
  if (!utf8(pattern) || !utf8(subject)) return 0;

  json schema = {{"type", "object"},
                 {"properties", {{"s", {{"type", "string"}, {"pattern", pattern}}}}},
                 {"patternProperties", {{pattern, {{"type", "string"}}}}},
                 {"propertyNames", {{"pattern", pattern}}}};
  DiagnosticSink load_sink;
  auto s = model::Schema::from_json(schema, "fuzz.schema.json", load_sink);
  if (compiled.ok() != (s != nullptr)) disagree("the load-time check and the compiler disagree", pattern, load_sink);
  if (!s) return 0;

  DiagnosticSink sink;
  s->validate({{"s", subject}}, "fuzz.json", sink);
  fuzz::abort_on_internal(sink);
  bool said_pattern = false, too_long = false;
  for (const auto& d : sink.all()) {
    said_pattern |= d.place.pointer == "/s" && d.code == "model.pattern";
    too_long |= d.code == "model.too-long";
  }
  if (!too_long && said_pattern == matched) disagree("validation and the compiled pattern disagree", pattern, sink);

  DiagnosticSink names;  // the subject as a field name: patternProperties and propertyNames
  s->validate({{subject, "x"}}, "fuzz.json", names);
  fuzz::abort_on_internal(names);
  return 0;
}
