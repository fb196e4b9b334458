// Fuzz target: the form template loader (XML, elements, attributes, expressions, lengths)
// and, when a template loads, its instantiation with the view of the example data of its
// form (or of the first example when its id names no known form): the document tree.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "common.h"
#include "jixiao.h"
#include "model/model.h"
#include "scoring/scoring.h"
#include "template/template.h"
#include "run/view.h"

using namespace jixiao;

namespace {

// form id → the view of its example (examples/*.json), as the engine builds it.
std::map<std::string, nlohmann::json>& views() {
  static std::map<std::string, nlohmann::json> all = [] {
    std::map<std::string, nlohmann::json> out;
    Engine engine(Options{});
    DiagnosticSink sink;
    auto infos = engine.forms(sink);
    for (const auto& entry : std::filesystem::directory_iterator(fuzz::source_path("examples"))) {
      if (entry.path().extension() != ".json") continue;
      DiagnosticSink local;
      model::Dossier d = model::load_dossier(entry.path().string(), local);
      if (local.has_errors()) continue;
      std::unique_ptr<scoring::RuleSet> rules;
      for (const auto& info : infos)
        if (info.id == d.form && !info.rules.empty())
          rules = scoring::load_rule_set(fuzz::source_path("templates/rules/" + info.rules + ".json"), local);
      std::vector<scoring::DocumentScore> scores;
      if (rules) scores = scoring::score_all(d.source, *rules);
      out[d.form] = make_view(d, rules.get(), scores);
    }
    if (out.empty()) {
      std::fprintf(stderr, "fuzz: no example view\n");
      std::abort();
    }
    return out;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  views();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string path = fuzz::write_temp("forms/fuzz.xml", data, size);
  DiagnosticSink sink;
  try {
    auto t = tmpl::Template::load(path, sink);
    if (!t || sink.has_errors()) return 0;
    auto& all = views();
    auto it = all.find(t->form_id());
    const nlohmann::json& view = it != all.end() ? it->second : all.begin()->second;
    DiagnosticSink inst;
    doc::Document document = t->instantiate(view, inst);
    (void)document;
  } catch (const Failure&) {
    return 0;
  }
  return 0;
}
