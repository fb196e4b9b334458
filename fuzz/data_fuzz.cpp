// Fuzz target: the data reader, schema validation and scoring. The input is a data file's
// bytes; it is read as the engine reads data (model::parse_dossier: strict JSON, "form"),
// validated against the schema of the form it names (or, for an unknown form, of one
// chosen by the input's size, so that every schema and rule set gets mutated data), and
// when valid scored by that form's rule set, printed as JSON and as a table.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "common.h"
#include "jixiao.h"
#include "model/model.h"
#include "model/schema.h"
#include "scoring/scoring.h"

using namespace jixiao;

namespace {

struct Form {
  std::string id;
  std::unique_ptr<model::Schema> schema;
  std::unique_ptr<scoring::RuleSet> rules;  // null: not scored (the declaration)
};

std::vector<Form>& forms() {
  static std::vector<Form> all = [] {
    std::vector<Form> out;
    Engine engine(Options{});
    DiagnosticSink sink;
    for (const auto& info : engine.forms(sink)) {
      Form f;
      f.id = info.id;
      if (!info.schema.empty())
        f.schema = model::Schema::load(fuzz::source_path("templates/schemas/" + info.schema + ".schema.json"), sink);
      if (!info.rules.empty())
        f.rules = scoring::load_rule_set(fuzz::source_path("templates/rules/" + info.rules + ".json"), sink);
      out.push_back(std::move(f));
    }
    if (sink.has_errors() || out.empty()) {
      for (const auto& d : sink.all()) std::fprintf(stderr, "%s\n", format(d).c_str());
      std::abort();
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  forms();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string text(reinterpret_cast<const char*>(data), size);
  DiagnosticSink sink;
  model::Dossier d;
  try {
    d = model::parse_dossier("fuzz.json", text, sink);
  } catch (const Failure&) {
    return 0;  // reported and refused: fine
  }
  if (sink.has_errors()) return 0;
  auto& all = forms();
  const Form* form = &all[size % all.size()];
  for (const auto& f : all)
    if (f.id == d.form) form = &f;
  try {
    if (form->schema) {
      form->schema->validate(d.source, d.file, sink);
      if (sink.has_errors()) return 0;
    }
    if (!form->rules) return 0;
    auto scores = scoring::score_all(d.source, *form->rules);
    std::string json = scoring::to_json(scores);
    std::string table = scoring::to_table(scores);
    if (json.empty() && table.empty()) std::abort();  // keeps them computed
  } catch (const Failure&) {
    return 0;
  }
  return 0;
}
