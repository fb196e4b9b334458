// A rule set written as JSON to a temp file and loaded, with what loading it reported: for
// the tests of rule-set loading (split_test, rule_weights_test).
#pragma once
#include <fstream>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "scoring/scoring.h"
#include "support/support.h"

namespace jixiao::test {

struct LoadedRules {
  std::unique_ptr<scoring::RuleSet> rules;
  DiagnosticSink sink;
  std::string path;
};

inline std::unique_ptr<LoadedRules> load_rules(const nlohmann::json& rules, const std::string& name) {
  auto out = std::make_unique<LoadedRules>();
  out->path = temp_dir(name) + "/" + name + ".json";
  std::ofstream(out->path) << rules.dump(2);
  out->rules = scoring::load_rule_set(out->path, out->sink);
  return out;
}

// Every diagnostic formatted, one a line (for INFO).
inline std::string all_formatted(const DiagnosticSink& sink) {
  std::string out;
  for (const auto& d : sink.all()) out += format(d) + "\n";
  return out;
}

}  // namespace jixiao::test
