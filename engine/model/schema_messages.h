// valijson's findings turned into jixiao's diagnostics: a JSON pointer, the message, what
// was expected (read from the schema at that place) and what was found, with the hints
// users rely on ("write the number without quotes", the nearest field names).
#pragma once
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diag.h"

namespace jixiao::model {

struct SchemaFinding {
  std::vector<std::string> context;  // valijson's path: "<root>", "[projects]", "[0]" …
  std::string description;           // valijson's English description
};

// Reports the findings of one validation run (wrappers such as "failed to validate item
// #3" are dropped when a finding below them says what is wrong).
void report_schema_findings(const std::vector<SchemaFinding>& findings,
                            const nlohmann::json& data, const nlohmann::json& schema,
                            const std::string& data_file, DiagnosticSink& sink);

}  // namespace jixiao::model
