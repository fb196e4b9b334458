// Where a form's files are, and the errors of not finding them: one code each, used by
// every run and by `templates --check`.
#include <algorithm>
#include <filesystem>

#include "catalog/catalog.h"
#include "catalog/roots.h"
#include "model/model.h"
#include "template/template.h"

namespace jixiao {

namespace fs = std::filesystem;

namespace {

struct PartInfo {
  const char* sub;
  const char* ext;
  const char* code;
  const char* what;
};

PartInfo info(Catalog::Part part) {
  switch (part) {
    case Catalog::Part::Rules: return {"rules", ".json", "template.rules", "rule set"};
    case Catalog::Part::Schema: return {"schemas", ".schema.json", "template.schema", "schema"};
    case Catalog::Part::Prefill: break;
  }
  return {"prefill", ".json", "template.prefill", "prefill map"};
}

}  // namespace

std::string Catalog::fonts_dir() const { return (fs::path(options_.data_dir) / "fonts").string(); }

std::string Catalog::font_manifest() const { return (fs::path(fonts_dir()) / "fonts.json").string(); }

std::vector<std::string> Catalog::watched_dirs() const {
  std::vector<std::string> out;
  for (const auto& root : roots_)
    for (const char* sub : {"forms", "rules", "schemas", "prefill"}) out.push_back((fs::path(root) / sub).string());
  return out;
}

std::string Catalog::find(const std::string& sub, const std::string& id, const std::string& ext) const {
  if (!model::is_form_id(id)) return {};  // never a path out of sub/
  const std::string key = sub + '/' + id + ext;
  {
    std::lock_guard<std::mutex> lock(found_mutex_);
    if (auto it = found_.find(key); it != found_.end()) return it->second;
  }
  std::string path;  // a Failure (outside its root) is not kept: it is said every time
  for (const auto& root : roots_)
    if (path = file_in_root(root, sub, id + ext); !path.empty()) break;
  std::lock_guard<std::mutex> lock(found_mutex_);
  found_.emplace(key, path);
  return path;
}

std::string Catalog::find(Part part, const std::string& name) const {
  PartInfo p = info(part);
  return find(p.sub, name, p.ext);
}

std::vector<std::pair<std::string, std::string>> Catalog::files(const std::string& sub, const std::string& ext,
                                                                 DiagnosticSink& sink) const {
  return files_found(roots_, sub, ext, sink);
}

// Form files other than self named id.xml or declaring <form id="id">, in every root:
// what a copy's stale id collides with. Parses templates, so only once an id is wrong.
std::vector<std::string> Catalog::others_with_id(const std::string& id, const std::string& self) const {
  std::vector<std::string> out;
  for (const auto& root : roots_) {
    std::vector<fs::path> found;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(fs::path(root) / "forms", ec))
      if (e.path().extension() == ".xml" && inside_root(e.path().string(), root)) found.push_back(e.path());
    std::sort(found.begin(), found.end());
    for (const auto& f : found) {
      if (fs::equivalent(f, self, ec)) continue;
      DiagnosticSink ignored;  // a broken file is reported where it is used
      std::unique_ptr<tmpl::Template> t;
      if (f.stem() == id || ((t = tmpl::Template::load(f.string(), ignored)) && t->form_id() == id))
        out.push_back(f.string());
    }
  }
  return out;
}

Diagnostic Catalog::form_id_error(const std::string& path, const std::string& id) const {
  std::string named = fs::path(path).stem().string();
  Diagnostic d{Severity::Error, "template.id", path, "", "the template's id is '" + id + "'",
               "id=\"" + named + "\", the name of the file", {}, {}};
  for (const auto& other : others_with_id(id, path))
    d.hints.push_back("'" + id + "' is also the id of " + other + ": give a copy an id of its own");
  return d;
}

Diagnostic Catalog::rules_id_error(const std::string& path, const std::string& id) const {
  std::string named = fs::path(path).stem().string();
  Diagnostic d{Severity::Error, "rules.id", path, "/id",
               "the rule set's id '" + id + "' is not its file name '" + named + "'",
               "\"" + named + "\"", "\"" + id + "\"", {}};
  if (std::string other = find("rules", id, ".json"); !other.empty() && other != path)
    d.hints.push_back("'" + id + "' is the id of " + other + ": give a copy an id of its own");
  return d;
}

Diagnostic Catalog::missing(Part part, const std::string& name, const std::string& form_file) const {
  PartInfo p = info(part);
  return Diagnostic{Severity::Error, p.code, form_file, "", std::string(p.what) + " '" + name + "' not found",
                    std::string("a file ") + p.sub + "/" + name + p.ext + " in a template directory", {}, {}};
}

std::optional<std::string> Catalog::prefill_map(const tmpl::Template& t, const std::string& id,
                                                DiagnosticSink& sink) const {
  // The map the form names (prefill="…"), else the one of its id; both only in prefill/.
  std::string map = find(Part::Prefill, t.prefill().empty() ? id : t.prefill());
  if (map.empty() && !t.prefill().empty()) {
    sink.report(missing(Part::Prefill, t.prefill(), t.file()));
    return std::nullopt;
  }
  return map;
}

}  // namespace jixiao
