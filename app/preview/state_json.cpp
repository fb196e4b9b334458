#include "preview/state_json.h"

#include <filesystem>
#include <map>
#include <optional>

#include "diag/json.h"
#include "preview/locate.h"

namespace jixiao::preview {
namespace {

// The text of a file /source may serve, read once per state (several diagnostics often
// share one).
class Texts {
 public:
  explicit Texts(const std::set<std::string>& sources) : sources_(sources) {}
  const std::string* get(const std::string& file) {
    // A message naming another file (a font, a link out of its root) shows no line of it.
    if (!sources_.count(file) && !sources_.count(std::filesystem::path(file).lexically_normal().string()))
      return nullptr;
    auto it = texts_.find(file);
    if (it == texts_.end()) {
      std::optional<std::string> text;
      try {
        text = read_file(file, limits::kDataFileBytes);
      } catch (const std::exception&) {  // gone or too large since: no line to show
      }
      it = texts_.emplace(file, std::move(text)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

 private:
  const std::set<std::string>& sources_;
  std::map<std::string, std::optional<std::string>> texts_;
};

bool is_json_file(const std::string& file) {
  return file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0;
}

nlohmann::json diagnostic_json(const Diagnostic& d, Texts& texts) {
  nlohmann::json j = {{"severity", severity_name(d.severity)},
                      {"code", d.code},
                      {"file", d.file},
                      {"place", d.place.text()},
                      {"pointer", d.place.pointer},
                      {"line", nullptr},
                      {"col", nullptr},
                      {"message", d.message},
                      {"expected", d.expected},
                      {"got", d.got},
                      {"hints", d.hints},
                      {"source_line", nullptr},
                      {"marker_col", nullptr}};
  std::optional<std::pair<int, int>> at;
  if (d.place.has_line()) at = std::make_pair(d.place.line, d.place.col);
  const std::string* text = nullptr;
  bool pointer = !d.place.pointer.empty() && d.place.pointer[0] == '/';
  if (at || (is_json_file(d.file) && (d.place.empty() || pointer))) text = texts.get(d.file);
  if (!at && text && pointer) {  // a file the engine did not place (a rule set, a schema)
    JsonSpot spot = json_value_offsets(*text, {d.place.pointer}).front();
    if (spot.key != std::string::npos) {
      LineCol lc = line_col(*text, spot.key);
      at = std::make_pair(lc.line, lc.col);
    }
  }
  if (!at) return j;
  j["line"] = at->first;
  j["col"] = at->second;
  if (!text) return j;
  if (std::optional<SourceLine> line = source_line(*text, at->first, at->second)) {
    j["source_line"] = line->text;
    j["marker_col"] = line->marker_col;
  }
  return j;
}

}  // namespace

nlohmann::json diagnostic_json(const Diagnostic& d, const std::set<std::string>& sources) {
  Texts texts(sources);
  return diagnostic_json(d, texts);
}

nlohmann::json documents_json(const std::vector<ScoredDocument>& documents) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& doc : documents) {
    nlohmann::json findings = nlohmann::json::array();
    for (const auto& f : doc.findings)
      findings.push_back({{"severity", severity_name(f.severity)}, {"code", f.code}, {"pointer", f.pointer},
                          {"line", f.line > 0 ? nlohmann::json(f.line) : nlohmann::json()},
                          {"col", f.col > 0 ? nlohmann::json(f.col) : nlohmann::json()},
                          {"message", f.message}, {"computed", f.computed}, {"declared", f.declared}});
    out.push_back({{"title", doc.title}, {"unit", doc.unit}, {"pointer", doc.pointer}, {"total", doc.total},
                   {"max", doc.max}, {"grade", doc.grade}, {"findings", std::move(findings)}});
  }
  return out;
}

std::string state_json(const State& s) {
  // Locating a pointer scans its file: for the first diagnostics only, which the page shows
  // (a data file of thousands of errors would otherwise cost seconds per render).
  constexpr std::size_t kPlaced = 100;
  Texts texts(s.sources);
  std::set<std::string> none;
  Texts no_texts(none);
  nlohmann::json diagnostics = nlohmann::json::array();
  for (const auto& d : s.diagnostics)
    diagnostics.push_back(diagnostic_json(d, diagnostics.size() < kPlaced ? texts : no_texts));
  nlohmann::json j = {{"n", s.n},
                      {"ok", s.ok},
                      {"good", s.good},
                      {"data_file", s.data_file},
                      {"lang", s.lang},
                      {"wording", s.wording},
                      {"editor", s.editor.empty() ? nlohmann::json() : nlohmann::json(s.editor)},
                      {"watching", s.watching},
                      {"diagnostics", std::move(diagnostics)},
                      {"documents", s.documents}};
  // The page map goes in as the engine wrote it: parsing and dumping it again costs time
  // on every render for nothing. Invalid UTF-8 in messages is replaced, never thrown.
  std::string out = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out.pop_back();  // the closing '}'
  out += ",\"page_map\":";
  out += s.page_map.empty() ? "null" : s.page_map;
  out += "}";
  return out;
}

}  // namespace jixiao::preview
