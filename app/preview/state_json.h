// GET /state as JSON (docs/preview.md): render numbers, diagnostics with the line they point
// at, the scored documents and the last good page map.
#pragma once
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "jixiao.h"

namespace jixiao::preview {

// One diagnostic; source_line and marker_col only when its file is one of sources and its
// place is line:col, or a JSON pointer found in that JSON file.
nlohmann::json diagnostic_json(const Diagnostic& d, const std::set<std::string>& sources);

nlohmann::json documents_json(const std::vector<ScoredDocument>& documents);

struct State {
  int n = 0;
  bool ok = false;
  int good = 0;
  std::string data_file;
  std::string lang;     // the preview's language (--lang, LANG): the page's default
  std::string wording;  // the language of this state's messages (?lang=)
  std::string editor;   // --editor URL pattern ("" → null)
  std::set<std::string> watching;
  std::set<std::string> sources;  // what /source serves: watched files inside a root (session.h)
  std::vector<Diagnostic> diagnostics;
  nlohmann::json documents = nlohmann::json::array();
  std::string page_map;  // the engine's JSON text, put in as it is ("" → null)
};

std::string state_json(const State& s);

}  // namespace jixiao::preview
