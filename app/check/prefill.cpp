// The prefill half of the check (engine/prefill.h): a mapping copies fields of a
// declaration's project into a self-evaluation's; both ends must exist in their schemas,
// and a category map must give values the self-evaluation's enum allows.
#include "check/parts.h"
#include "diag/json.h"

namespace jixiao::check {

namespace {

std::string text(const json& obj, const char* key, const std::string& fallback) {
  auto it = obj.find(key);
  return it != obj.end() && it->is_string() ? it->get<std::string>() : fallback;
}

class PrefillWalk {
 public:
  PrefillWalk(const std::string& path, const json& map, const JsonPlaces& places, PathCheck& check)
      : path_(path), map_(map), places_(places), check_(check) {}

  // The project of a data file: root[documents][…].
  std::optional<Shape> document(const SchemaFile* schema, const char* key, const std::string& fallback) {
    if (!schema || !schema->ok) return std::nullopt;
    std::string docs = text(map_, key, fallback);
    auto list = check_.field(Shape::of(schema->doc, schema->path), "the data", docs, path_, places_.place(std::string("/") + key));
    if (!list) return std::nullopt;
    return check_.elements(*list, docs, path_, places_.place(std::string("/") + key));
  }

  // A field path "narratives/overview" (keys between slashes), as prefill walks it.
  std::optional<Shape> walk(const Shape& from, std::string path, const std::string& fields, const std::string& at) {
    Shape s = from;
    std::size_t start = 0;
    for (;;) {
      std::size_t slash = fields.find('/', start);
      std::string key = fields.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      auto next = check_.field(s, path, key, path_, places_.place_of(at, key));
      if (!next) return std::nullopt;
      s = *next;
      path += "." + key;
      if (slash == std::string::npos) return s;
      start = slash + 1;
    }
  }

  void run(const std::optional<Shape>& doc, const std::optional<Shape>& decl, const std::string& doc_path,
           const std::string& decl_path) {
    if (doc && map_.contains("link")) walk(*doc, doc_path, text(map_, "link", ""), "/link");
    const json& copy = map_.contains("copy") && map_["copy"].is_array() ? map_["copy"] : kEmpty;
    for (std::size_t i = 0; i < copy.size(); ++i) {
      std::string cp = "/copy/" + std::to_string(i);
      if (!copy[i].is_object()) continue;
      if (decl && copy[i].contains("from")) walk(*decl, decl_path, text(copy[i], "from", ""), cp + "/from");
      if (doc && copy[i].contains("to")) walk(*doc, doc_path, text(copy[i], "to", ""), cp + "/to");
    }
    if (map_.contains("indicators") && map_["indicators"].is_object()) indicators(doc, decl, doc_path, decl_path);
  }

 private:
  std::optional<Shape> list_items(const std::optional<Shape>& s, const std::string& path, const json& spec,
                                  const char* key, const std::string& at) {
    if (!s) return std::nullopt;
    auto list = walk(*s, path, text(spec, key, "indicators"), at);
    if (!list) return std::nullopt;
    return check_.elements(*list, path + "." + text(spec, key, "indicators"), path_, places_.place(at));
  }

  void indicators(const std::optional<Shape>& doc, const std::optional<Shape>& decl, const std::string& doc_path,
                  const std::string& decl_path) {
    const json& spec = map_["indicators"];
    auto from = list_items(decl, decl_path, spec, "from", "/indicators/from");
    auto to = list_items(doc, doc_path, spec, "to", "/indicators/to");
    std::string to_path = doc_path + "." + text(spec, "to", "indicators") + "[…]";
    std::string from_path = decl_path + "." + text(spec, "from", "indicators") + "[…]";
    for (const char* key : {"match", "category"})
      if (to && spec.contains(key))
        check_.field(*to, to_path, text(spec, key, ""), path_, places_.place(std::string("/indicators/") + key));
    const json& fields = spec.contains("fields") && spec["fields"].is_array() ? spec["fields"] : kEmpty;
    for (std::size_t i = 0; i < fields.size(); ++i) {
      const json& f = fields[i];
      if (!f.is_object()) continue;
      std::string fp = "/indicators/fields/" + std::to_string(i);
      std::optional<Shape> src, dst;
      if (from && f.contains("from")) src = check_.field(*from, from_path, text(f, "from", ""), path_, places_.place(fp + "/from"));
      if (to && f.contains("to")) dst = check_.field(*to, to_path, text(f, "to", ""), path_, places_.place(fp + "/to"));
      if (!f.contains("map") || !f["map"].is_object()) continue;
      for (auto it = f["map"].begin(); it != f["map"].end(); ++it) {
        std::string at = fp + "/map/" + it.key();
        if (src) check_.allowed(*src, from_path + "." + text(f, "from", ""), it.key(), path_, places_.place(at));
        if (dst && it->is_string())
          check_.allowed(*dst, to_path + "." + text(f, "to", ""), it->get<std::string>(), path_, places_.place(at));
      }
    }
  }

  static inline const json kEmpty = json::array();
  const std::string& path_;
  const json& map_;
  const JsonPlaces& places_;
  PathCheck& check_;
};

}  // namespace

void check_prefill(const std::string& path, const SchemaFile* target,
                   const std::function<const SchemaFile*(const std::string& form)>& schema_of,
                   PathCheck& check, DiagnosticSink& sink) {
  std::string raw = read_file(path);
  json map;
  if (!parse_json(path, raw, map, sink, {"prefill.json", "prefill mapping"})) return;
  JsonPlaces places(raw);
  if (!map.is_object()) {
    sink.error("prefill.json", path, places.place(""), "a prefill mapping must be an object", "a JSON object");
    return;
  }
  PrefillWalk walk(path, map, places, check);
  const SchemaFile* decl_schema = nullptr;
  std::string decl_form = text(map, "declaration_form", "");
  if (!decl_form.empty()) {
    decl_schema = schema_of(decl_form);
    if (!decl_schema)
      sink.error("check.form", path, places.place("/declaration_form"),
                 "no form '" + decl_form + "' with a schema in the template directories",
                 "the id of a declaration form (forms/<id>.xml naming a schema)");
  }
  auto doc = walk.document(target, "documents", "projects");
  auto decl = walk.document(decl_schema, "declaration_documents", "projects");
  walk.run(doc, decl, text(map, "documents", "projects") + "[…]", text(map, "declaration_documents", "projects") + "[…]");
}

}  // namespace jixiao::check
