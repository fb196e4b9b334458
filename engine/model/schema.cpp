#include "model/schema.h"


#include <functional>

// valijson reports what it refuses in a schema ("type": "objekt") by throwing only when
// asked to; otherwise it prints and aborts. This is the one file that includes it.
#define VALIJSON_USE_EXCEPTIONS 1
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "model/valijson_re2.h"

#include "diag/json.h"
#include "model/reader.h"
#include "diag/stack.h"
#include "model/schema_keywords.h"
#include "model/schema_messages.h"
#include "model/schema_subjects.h"

namespace jixiao::model {

Schema::Schema() = default;
Schema::~Schema() = default;

std::unique_ptr<Schema> Schema::from_json(nlohmann::json schema, const std::string& path,
                                          DiagnosticSink& sink) {
  if (!schema.is_object() && !schema.is_boolean()) {
    sink.error("schema.type", path, "/", "a schema must be an object (or true/false)", "a JSON Schema object");
    return nullptr;
  }
  auto patterns = std::make_unique<PatternSet>();
  if (!check_schema_keywords(schema, path, sink, *patterns)) return nullptr;
  std::unique_ptr<Schema> s(new Schema());
  s->patterns_ = std::move(patterns);
  s->file_ = path;
  s->schema_ = std::move(schema);
  s->compiled_ = std::make_unique<valijson::Schema>();
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(s->schema_);
    parser.populateSchema(adapter, *s->compiled_);
  } catch (const std::exception& e) {
    // What the keyword check let through but valijson still refuses (a value of the wrong
    // type for a keyword, say): its message is all there is to say.
    sink.error("schema.invalid", path, "/", std::string("not a valid JSON Schema: ") + e.what(),
               "a JSON Schema draft 7 document");
    return nullptr;
  }
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
  if (!check_text_subjects(data, schema_, *patterns_, data_file, sink)) return;
  std::vector<SchemaFinding> findings;
  bool valid = true;
  std::string failure;
  run_with_large_stack([&] {
    try {
      ActivePatterns patterns(*patterns_);  // this thread's: the validator's visitor reads them
      valijson::Validator validator(valijson::Validator::kStrongTypes);
      valijson::ValidationResults results;
      valijson::adapters::NlohmannJsonAdapter target(data);
      valid = validator.validate(*compiled_, target, &results);
      valijson::ValidationResults::Error e;
      while (results.popError(e)) findings.push_back({std::move(e.context), std::move(e.description)});
    } catch (const std::exception& e) {
      failure = e.what();
    }
  });
  if (!failure.empty()) {
    sink.error("model.schema", data_file, "/", "the data could not be validated: " + failure,
               "data the schema " + file_ + " can check");
    return;
  }
  if (!valid) report_schema_findings(findings, data, schema_, data_file, sink);
}

}  // namespace jixiao::model
