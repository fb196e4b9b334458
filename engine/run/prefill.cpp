#include "run/prefill.h"

#include <deque>
#include <filesystem>

#include "diag/json.h"
#include "model/reader.h"

namespace jixiao {

namespace {

using json = nlohmann::json;
namespace fs = std::filesystem;

std::string text_of(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

bool blank(const json* v) {
  return !v || v->is_null() || (v->is_string() && v->get<std::string>().empty());
}

// obj[key] as a string, or fallback when obj is no object or the field no string: prefill
// runs before validation and must not trip over data of the wrong shape.
std::string str(const json& obj, const char* key, const std::string& fallback) {
  if (!obj.is_object()) return fallback;
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

const json& list(const json& obj, const char* key) {
  static const json kNone = json::array();
  if (!obj.is_object()) return kNone;
  auto it = obj.find(key);
  return it != obj.end() && it->is_array() ? *it : kNone;
}

class Prefill {
 public:
  Prefill(model::Dossier& d, const json& map, const PrefillContext& context, DiagnosticSink& sink,
          std::vector<std::string>& inputs)
      : d_(d), map_(map), context_(context), sink_(sink), inputs_(inputs) {}

  void run() {
    std::string docs = str(map_, "documents", "projects");
    std::string link = str(map_, "link", "declaration");
    auto it = d_.source.find(docs);
    if (it == d_.source.end() || !it->is_array()) return;  // validation reports it
    for (std::size_t i = 0; i < it->size(); ++i) {
      json& doc = (*it)[i];
      if (!doc.is_object()) continue;
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
  void refuse(const std::string& link_ptr, const std::string& given, const std::string& why,
              const std::string& expected) {
    sink_.error("prefill.declaration", d_.file, link_ptr, "the declaration '" + given + "' " + why, expected);
  }

  // The declaration's document: its first (a declaration is of one project).
  const json* declaration(const std::string& given, const std::string& link_ptr) {
    std::string why;
    std::string path = confined_path(given, fs::path(d_.file).parent_path().string(),
                                     context_.declaration_dirs, why);
    if (path.empty()) {
      refuse(link_ptr, given, why, "a path relative to the data file, inside its directory (or a --declaration-dir)");
      return nullptr;
    }
    std::string text;
    try {
      text = read_file(path, limits::kDeclarationFileBytes);
    } catch (const Failure& f) {
      refuse(link_ptr, given, "cannot be read: " + f.diagnostic().message,
             f.diagnostic().expected.empty() ? "a declaration data file" : f.diagnostic().expected);
      return nullptr;
    }
    inputs_.push_back(path);
    DiagnosticSink local;
    model::Dossier decl = model::parse_dossier(given, text, local, /*quote_content=*/false);
    std::string want = str(map_, "declaration_form", "");
    if (!local.has_errors() && !want.empty() && decl.form != want) {
      refuse(link_ptr, given, "is not of the declaration form", "a data file of form " + want);
      return nullptr;
    }
    if (!local.has_errors() && context_.validate_declaration) context_.validate_declaration(decl, local);
    for (const auto& diag : local.all()) sink_.report(diag);
    if (local.has_errors()) {
      refuse(link_ptr, given, "is not a valid declaration (see above)", "a declaration data file");
      return nullptr;
    }
    decls_.push_back(std::move(decl.source));
    const json& docs = list(decls_.back(), str(map_, "declaration_documents", "projects").c_str());
    if (docs.empty() || !docs[0].is_object()) {
      refuse(link_ptr, given, "holds no project", "a declaration with one project");
      return nullptr;
    }
    return &docs[0];
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
    for (const auto& c : list(map_, "copy")) {
      auto from = decl.find(str(c, "from", ""));
      if (from == decl.end()) continue;
      // "to" is a path of keys: "narratives/overview". A node of another type is left for
      // validation to report.
      std::string to = str(c, "to", "");
      json* node = &doc;
      std::string node_ptr = ptr;
      std::size_t start = 0;
      for (auto slash = to.find('/'); node && slash != std::string::npos; slash = to.find('/', start)) {
        std::string key = to.substr(start, slash - start);
        if (!node->contains(key)) (*node)[key] = json::object();
        node = (*node)[key].is_object() ? &(*node)[key] : nullptr;
        node_ptr = model::child(node_ptr, key);
        start = slash + 1;
      }
      if (node) take(*node, to.substr(start), *from, node_ptr);
    }
    if (map_.contains("indicators") && map_["indicators"].is_object())
      fill_indicators(doc, decl, ptr, map_["indicators"]);
  }

  void fill_indicators(json& doc, const json& decl, const std::string& ptr, const json& spec) {
    const json& from = list(decl, str(spec, "from", "indicators").c_str());
    std::string to = str(spec, "to", "indicators");
    std::string match = str(spec, "match", "name");
    std::string category_field = str(spec, "category", "category");
    if (!doc.contains(to)) doc[to] = json::array();
    if (!doc[to].is_array()) return;
    json& items = doc[to];
    std::string list_ptr = model::child(ptr, to);
    for (const auto& di : from) {
      json mapped = json::object();
      for (const auto& f : list(spec, "fields")) {
        if (!di.is_object()) break;
        auto v = di.find(str(f, "from", ""));
        if (v == di.end()) continue;
        json value = *v;
        if (f.is_object() && f.contains("map") && f["map"].is_object() && value.is_string() &&
            f["map"].contains(value.get<std::string>()))
          value = f["map"][value.get<std::string>()];
        mapped[str(f, "to", "")] = value;
      }
      std::size_t at = items.size();
      for (std::size_t k = 0; k < items.size(); ++k)
        if (str(items[k], match.c_str(), "\x01") == str(mapped, match.c_str(), "")) at = k;
      if (at < items.size()) {
        if (!items[at].is_object()) continue;
        for (auto m = mapped.begin(); m != mapped.end(); ++m)
          take(items[at], m.key(), m.value(), model::child(list_ptr, at));
        continue;
      }
      // Not in the self-evaluation yet: after the last indicator of its category.
      std::size_t insert = items.size();
      for (std::size_t k = 0; k < items.size(); ++k)
        if (str(items[k], category_field.c_str(), "\x01") == str(mapped, category_field.c_str(), "")) insert = k + 1;
      items.insert(items.begin() + static_cast<long>(insert), mapped);
    }
  }

  model::Dossier& d_;
  const json& map_;
  const PrefillContext& context_;
  DiagnosticSink& sink_;
  std::vector<std::string>& inputs_;
  std::deque<json> decls_;  // keeps declarations alive (and in place) while they are read
};

}  // namespace

void prefill(model::Dossier& d, const std::string& mapping_file, const PrefillContext& context,
             DiagnosticSink& sink, std::vector<std::string>& inputs) {
  if (mapping_file.empty()) return;
  inputs.push_back(mapping_file);
  std::string text = read_file(mapping_file);
  json map;
  if (!parse_json(mapping_file, text, map, sink, {"prefill.json", "prefill mapping"})) return;
  if (!map.is_object()) {
    sink.error("prefill.json", mapping_file, "/", "a prefill mapping must be an object", "a JSON object");
    return;
  }
  Prefill(d, map, context, sink, inputs).run();
}

}  // namespace jixiao
