// A pass over the data before the JSON Schema validator runs, for what the validator
// cannot be trusted with or does not say as users need it.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "model/schema_pattern.h"

namespace jixiao::model {

// Finds the schemas that may apply to each data value (through properties, items, $ref and
// every branch of allOf/anyOf/oneOf/if/then/else) and reports
// - "model.too-long": a string or object key a format applies to that is longer than
//   kFormatSubjectChars (valijson's std::regex would overflow the stack on it); the
//   validator must not run when there is one (returns false);
// - "model.empty": text of only white space where the schema, on the value's own path,
//   wants a non-empty string (minLength ≥ 1): a blank 项目名称 is as empty as "".
// patterns: the schema's, compiled at load (patternProperties decide which schema applies).
bool check_text_subjects(const nlohmann::json& data, const nlohmann::json& schema,
                         const PatternSet& patterns, const std::string& data_file, DiagnosticSink& sink);

// The schema on a value's own path (properties, patternProperties, additionalProperties,
// items, additionalItems; $ref followed), or nullptr: for the wording of messages.
const nlohmann::json* schema_at(const nlohmann::json& root, const nlohmann::json& data,
                                const std::string& pointer);

// Characters (code points) of UTF-8 text, as maxLength and the limits count them.
std::size_t char_count(const std::string& s);

// The last token of a pointer as messages name it: "'weight'", "element 3 of 'projects'".
std::string field_name(const std::string& pointer);

// Follows local "$ref"s ("#/…") from s; s itself when it has none or they lead nowhere.
const nlohmann::json& resolve_ref(const nlohmann::json& root, const nlohmann::json& s);

}  // namespace jixiao::model
