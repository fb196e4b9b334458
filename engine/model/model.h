// Data files: JSON read with exact error places, then checked against the form's schema
// (model/schema.h). The data stays JSON: forms differ in shape (a Shenzhen project table,
// a Suzhou project report, a department report), and a new form or variant is a schema,
// a template and a rule set under templates/, never C++. Stages address data by JSON
// pointer ("/projects/0/indicators/3/weight"), which is also how findings name it.
#pragma once
#include <string>

#include <nlohmann/json.hpp>

#include "diag/diag.h"

namespace jixiao::model {

// One data file as read.
struct Dossier {
  std::string file;
  std::string form;    // "form": picks template, schema and rule set
  std::string title;   // optional "title" ("" when absent)
  nlohmann::json source;
};

// Parses a data file. Malformed JSON is reported with line:col; a root that is not an
// object or lacks "form" with its pointer. The dossier is usable only when the sink has no
// errors. The file must be a regular file of at most limits::kDataFileBytes; the JSON is
// read strictly (diag/json.h: no duplicate keys, NUL, excessive nesting).
Dossier load_dossier(const std::string& path, DiagnosticSink& sink);
// quote_content false: messages never quote the text (a file the data named, not the user).
Dossier parse_dossier(const std::string& path, const std::string& text, DiagnosticSink& sink,
                      bool quote_content = true);

// A form, rule-set or schema id names a file: letters, digits, '-', '_', '.', not leading '.'.
bool is_form_id(const std::string& id);

// "string \"abc\"", "number 12.5", "object", … — how a JSON value is named in messages.
std::string describe(const nlohmann::json& value);

}  // namespace jixiao::model
