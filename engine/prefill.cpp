#include "prefill.h"

#include <deque>
#include <filesystem>

#include "model/reader.h"

namespace jixiao {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

bool blank(const json* v) {
  return !v || v->is_null() || (v->is_string() && v->get<std::string>().empty());
}

class Prefill {
 public:
  Prefill(model::Dossier& d, const json& map, const std::string& map_file, DiagnosticSink& sink)
      : d_(d), map_(map), map_file_(map_file), sink_(sink) {}

  void run() {
    std::string docs = map_.value("documents", "projects");
    std::string link = map_.value("link", "declaration");
    auto it = d_.source.find(docs);
    if (it == d_.source.end() || !it->is_array()) return;
    for (std::size_t i = 0; i < it->size(); ++i) {
      json& doc = (*it)[i];
      std::string ptr = model::child("/" + docs, i);
      auto l = doc.find(link);
      if (l == doc.end()) continue;
      std::string lp = model::child(ptr, link);
      if (!l->is_string()) {
        sink_.error("prefill.link", d_.file, lp, "wrong type for '" + link + "'",
                    "the path of a declaration data file", model::describe(*l));
        continue;
      }
      const json* decl = declaration(l->get<std::string>(), lp);
      if (decl) fill(doc, *decl, ptr);
    }
  }

 private:
  // The declaration's document: the one with the same name, or the only one.
  const json* declaration(const std::string& rel, const std::string& link_ptr) {
    fs::path path = fs::path(rel).is_absolute() ? fs::path(rel) : fs::path(d_.file).parent_path() / rel;
    DiagnosticSink local;
    model::Dossier decl;
    try {
      decl = model::load_dossier(path.string(), local);
    } catch (const Failure& f) {
      sink_.error("prefill.declaration", d_.file, link_ptr, "cannot read the declaration " + path.string(),
                  "a declaration data file", f.diagnostic().message);
      return nullptr;
    }
    for (const auto& diag : local.all()) sink_.report(diag);
    if (local.has_errors()) return nullptr;
    std::string want = map_.value("declaration_form", "");
    if (!want.empty() && decl.form != want) {
      sink_.error("prefill.declaration", d_.file, link_ptr, "the declaration is not of the expected form",
                  "form " + want, "form " + decl.form);
      return nullptr;
    }
    decls_.push_back(std::move(decl.source));
    const json& root = decls_.back();
    auto docs = root.find(map_.value("declaration_documents", "projects"));
    if (docs == root.end() || !docs->is_array() || docs->empty()) {
      sink_.error("prefill.declaration", d_.file, link_ptr, "the declaration holds no project", "a project");
      return nullptr;
    }
    return &(*docs)[0];
  }

  // Sets target[key] from the declaration; a different value already there is a conflict.
  void take(json& target, const std::string& key, const json& value, const std::string& ptr) {
    auto it = target.find(key);
    if (it != target.end() && !blank(&*it) && *it != value) {
      sink_.report({Severity::Warning, "prefill.conflict", d_.file, model::child(ptr, key),
                    "differs from the declaration; the declaration's value is used",
                    text_of(value), text_of(*it), {}});
    }
    target[key] = value;
  }

  void fill(json& doc, const json& decl, const std::string& ptr) {
    for (const auto& c : map_.value("copy", json::array())) {
      auto from = decl.find(c.value("from", ""));
      if (from == decl.end()) continue;
      // "to" is a path of keys: "narratives/overview".
      std::string to = c.value("to", "");
      json* node = &doc;
      std::string node_ptr = ptr;
      std::size_t start = 0;
      for (auto slash = to.find('/'); slash != std::string::npos; slash = to.find('/', start)) {
        std::string key = to.substr(start, slash - start);
        if (!node->contains(key) || !(*node)[key].is_object()) (*node)[key] = json::object();
        node = &(*node)[key];
        node_ptr = model::child(node_ptr, key);
        start = slash + 1;
      }
      take(*node, to.substr(start), *from, node_ptr);
    }
    if (map_.contains("indicators")) fill_indicators(doc, decl, ptr, map_["indicators"]);
  }

  void fill_indicators(json& doc, const json& decl, const std::string& ptr, const json& spec) {
    auto from = decl.find(spec.value("from", "indicators"));
    if (from == decl.end() || !from->is_array()) return;
    std::string to = spec.value("to", "indicators");
    std::string match = spec.value("match", "name");
    if (!doc.contains(to) || !doc[to].is_array()) doc[to] = json::array();
    json& list = doc[to];
    std::string list_ptr = model::child(ptr, to);
    for (const auto& di : *from) {
      json mapped = json::object();
      for (const auto& f : spec.value("fields", json::array())) {
        auto v = di.find(f.value("from", ""));
        if (v == di.end()) continue;
        json value = *v;
        if (f.contains("map") && value.is_string() && f["map"].contains(value.get<std::string>()))
          value = f["map"][value.get<std::string>()];
        mapped[f.value("to", "")] = value;
      }
      std::size_t at = list.size();
      for (std::size_t k = 0; k < list.size(); ++k)
        if (list[k].value(match, "") == mapped.value(match, "")) at = k;
      if (at < list.size()) {
        for (auto m = mapped.begin(); m != mapped.end(); ++m)
          take(list[at], m.key(), m.value(), model::child(list_ptr, at));
        continue;
      }
      // Not in the self-evaluation yet: after the last indicator of its category.
      std::string category_field = spec.value("category", "category");
      std::size_t insert = list.size();
      for (std::size_t k = 0; k < list.size(); ++k)
        if (list[k].value(category_field, "") == mapped.value(category_field, "")) insert = k + 1;
      list.insert(list.begin() + static_cast<long>(insert), mapped);
    }
  }

  model::Dossier& d_;
  const json& map_;
  const std::string& map_file_;
  DiagnosticSink& sink_;
  std::deque<json> decls_;  // keeps declarations alive (and in place) while they are read
};

}  // namespace

void prefill(model::Dossier& d, const std::string& mapping_file, DiagnosticSink& sink) {
  if (mapping_file.empty()) return;
  std::string text = read_file(mapping_file);
  json map;
  try {
    map = json::parse(text);
  } catch (const json::parse_error& e) {
    sink.error("prefill.json", mapping_file, to_string(line_col(text, e.byte > 0 ? e.byte - 1 : 0)),
               "malformed prefill mapping", "well-formed JSON", e.what());
    return;
  }
  Prefill(d, map, mapping_file, sink).run();
}

}  // namespace jixiao
