// Load-time check of a JSON Schema file. A keyword the validator does not check is a check
// the author wrote and would silently not get, so every keyword must be one of draft 7's
// (validated or an annotation) and every value well-formed; a misspelt one ("minimun") is
// an error naming its pointer and the nearest keyword.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "model/schema_pattern.h"

namespace jixiao::model {

// The "$schema" a schema may declare (or leave out).
inline constexpr const char* kDraft7 = "http://json-schema.org/draft-07/schema#";

// Reports every problem (codes "schema.keyword", "schema.format", "schema.ref",
// "schema.pattern", "schema.value", "schema.dialect") with file and pointer; true when none.
// Every "pattern" and "patternProperties" name is compiled into patterns (schema_pattern.h).
bool check_schema_keywords(const nlohmann::json& schema, const std::string& file,
                           DiagnosticSink& sink, PatternSet& patterns);

// The formats checked (valijson's): date, time, date-time.
bool is_checked_format(const std::string& format);

}  // namespace jixiao::model
