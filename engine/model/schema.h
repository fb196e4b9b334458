// Data validation against the form's JSON Schema (templates/schemas/*.schema.json), so a
// new form's data shape is a file, not C++. The subset of draft 2020-12 understood:
// type (one or a list), required, properties, additionalProperties (false or a schema),
// items, minItems, minLength, minimum, maximum, enum, const, $ref to "#/$defs/…"; title,
// description and examples are documentation. Every problem is reported with its JSON pointer.
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "diag/diag.h"

namespace jixiao::model {

class Schema {
 public:
  // Reads a schema file; a malformed one is reported (code "schema.*") with its pointer.
  static std::unique_ptr<Schema> load(const std::string& path, DiagnosticSink& sink);
  static std::unique_ptr<Schema> from_json(nlohmann::json schema, const std::string& path,
                                           DiagnosticSink& sink);

  // Reports every way data differs from the schema; data_file names the data in messages.
  void validate(const nlohmann::json& data, const std::string& data_file,
                DiagnosticSink& sink) const;

  const std::string& file() const { return file_; }

 private:
  Schema() = default;
  std::string file_;
  nlohmann::json schema_;
};

}  // namespace jixiao::model
