// Data validation against the form's JSON Schema (templates/schemas/*.schema.json), so a
// new form's data shape is a file, not C++. JSON Schema draft 7, validated by valijson
// (Debian libvalijson-dev), its patterns matched by RE2 (schema_pattern.h); a schema that
// uses a keyword it does not check is refused at load (schema_keywords.h). Every problem is reported with its JSON pointer, what was
// expected and what was found (schema_messages.cpp).
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "diag/diag.h"

namespace valijson {
class Schema;
}

namespace jixiao::model {

class PatternSet;

class Schema {
 public:
  // Reads a schema file; a malformed one is reported (code "schema.*") with its pointer.
  static std::unique_ptr<Schema> load(const std::string& path, DiagnosticSink& sink);
  static std::unique_ptr<Schema> from_json(nlohmann::json schema, const std::string& path,
                                           DiagnosticSink& sink);
  ~Schema();

  // Reports every way data differs from the schema; data_file names the data in messages.
  // Safe to call from several threads at once.
  void validate(const nlohmann::json& data, const std::string& data_file,
                DiagnosticSink& sink) const;

  const std::string& file() const { return file_; }

 private:
  Schema();
  std::string file_;
  nlohmann::json schema_;
  std::unique_ptr<valijson::Schema> compiled_;
  // "pattern" and "patternProperties", compiled for RE2 at load (schema_pattern.h).
  std::unique_ptr<PatternSet> patterns_;
};

}  // namespace jixiao::model
