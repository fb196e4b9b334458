// The catalog's loaded definitions: one shelf per kind, each entry loaded once.
#include "catalog/catalog.h"

#include <filesystem>
#include <mutex>
#include <set>

#include "catalog/roots.h"
#include "diag/suggest.h"
#include "layout/fonts.h"
#include "layout/shape_cache.h"
#include "model/schema.h"
#include "pdf/subset_cache.h"
#include "scoring/scoring.h"
#include "template/template.h"

namespace jixiao {

namespace fs = std::filesystem;

std::string default_data_dir() { return JIXIAO_DATA_DIR; }

struct Catalog::FontFiles {
  std::mutex mutex;
  std::set<std::string> files;  // of the library loaded last
};

namespace {

// An unreadable file is a failed load like any other: kept until the file is forgotten.
template <class T, class F>
Loaded<T> guarded(F&& load) {
  Loaded<T> l;
  try {
    load(l);
  } catch (const Failure& f) {
    l.value.reset();
    l.diagnostics.report(f.diagnostic());
  }
  return l;
}

template <class T>
std::shared_ptr<const T> replay(const std::shared_ptr<const Loaded<T>>& loaded, DiagnosticSink& sink) {
  for (const auto& d : loaded->diagnostics.all()) sink.report(d);
  return loaded->value;
}

// Absolute and normalised, symbolic links resolved where the file exists: a watcher names
// files by the directory it watches, the catalog by the template root it found them in.
std::string same(const std::string& p) {
  std::error_code ec;
  fs::path a = fs::weakly_canonical(fs::absolute(p, ec), ec);
  return (ec ? fs::path(p) : a).lexically_normal().string();
}

}  // namespace

Catalog::Catalog(CatalogOptions options) : options_(std::move(options)), font_files_(std::make_unique<FontFiles>()) {
  if (options_.data_dir.empty()) options_.data_dir = default_data_dir();
  roots_ = jixiao::template_roots(options_);
}

Catalog::~Catalog() = default;

std::shared_ptr<const tmpl::Template> Catalog::form(const std::string& id, const std::string& data_file,
                                                    DiagnosticSink& sink, std::string* found) {
  std::string path = find("forms", id, ".xml");
  if (found) *found = path;
  if (path.empty()) {
    std::string list;
    std::vector<std::string> names;
    DiagnosticSink elsewhere;  // another form's link out of its root is not this data's problem
    for (auto& [name, file] : files("forms", ".xml", elsewhere)) {
      list += (list.empty() ? "" : ", ") + name;
      names.push_back(name);
    }
    Diagnostic d{Severity::Error, "model.unknown-form", data_file, "/form", "unknown form '" + id + "'",
                 "one of: " + list, "", {}};
    suggest(d.hints, id, names);
    sink.report(std::move(d));
    return nullptr;
  }
  return form_at(path, sink);
}

std::shared_ptr<const tmpl::Template> Catalog::form_at(const std::string& path, DiagnosticSink& sink) {
  return replay(templates_.get(path, [&] {
    return guarded<tmpl::Template>([&](Loaded<tmpl::Template>& l) {
      std::shared_ptr<const tmpl::Template> t = tmpl::Template::load(path, l.diagnostics);
      // The file name is how data finds a form, the id what the form says it is.
      if (t && t->form_id() != fs::path(path).stem().string()) {
        l.diagnostics.report(form_id_error(path, t->form_id()));
        t.reset();
      }
      l.value = std::move(t);
    });
  }), sink);
}

template <class T>
std::shared_ptr<const T> Catalog::named(Part part, const std::string& name, const tmpl::Template& t, Shelf<T>& shelf,
                                        const std::function<void(const std::string&, Loaded<T>&)>& load,
                                        DiagnosticSink& sink, std::string* found) {
  std::string path = find(part, name);
  if (found) *found = path;
  if (path.empty()) {
    sink.report(missing(part, name, t.file()));
    return nullptr;
  }
  return replay(shelf.get(path, [&] { return guarded<T>([&](Loaded<T>& l) { load(path, l); }); }), sink);
}

std::shared_ptr<const scoring::RuleSet> Catalog::rules(const tmpl::Template& t, DiagnosticSink& sink,
                                                       std::string* found) {
  auto load = [this](const std::string& path, Loaded<scoring::RuleSet>& l) {
    std::shared_ptr<const scoring::RuleSet> rs = scoring::load_rule_set(path, l.diagnostics);
    if (l.diagnostics.has_errors()) return;
    if (rs->id != fs::path(path).stem().string())  // found by its file name: the id must say the same
      l.diagnostics.report(rules_id_error(path, rs->id));
    else
      l.value = std::move(rs);
  };
  return named<scoring::RuleSet>(Part::Rules, t.rule_set(), t, rule_sets_, load, sink, found);
}

std::shared_ptr<const model::Schema> Catalog::schema(const tmpl::Template& t, DiagnosticSink& sink,
                                                     std::string* found) {
  auto load = [](const std::string& path, Loaded<model::Schema>& l) { l.value = model::Schema::load(path, l.diagnostics); };
  return named<model::Schema>(Part::Schema, t.schema(), t, schemas_, load, sink, found);
}

std::shared_ptr<const FontSet> Catalog::fonts(DiagnosticSink& sink) {
  auto loaded = fonts_.get("", [&] {
    return guarded<FontSet>([&](Loaded<FontSet>& l) {
      std::shared_ptr<const layout::FontLibrary> lib =
          layout::FontLibrary::load(font_manifest(), options_.font_dirs, l.diagnostics);
      auto set = std::make_shared<FontSet>();
      if (lib && !l.diagnostics.has_errors()) {
        set->shapes = std::make_shared<layout::ShapeCache>(*lib);
        set->subsets = std::make_shared<pdf::SubsetCache>(*lib);
        set->library = lib;
      }
      if (lib) {  // a face file that changes must reload the library, loaded or not
        std::lock_guard<std::mutex> lock(font_files_->mutex);
        font_files_->files.clear();
        for (std::size_t i = 0; i < lib->face_count(); ++i)
          font_files_->files.insert(same(lib->info(static_cast<layout::FontId>(i)).file));
      }
      l.value = std::move(set);
    });
  });
  for (const auto& d : loaded->diagnostics.all()) sink.report(d);
  if (loaded->value) return loaded->value;
  return std::make_shared<const FontSet>();  // an unreadable manifest: no library
}

void Catalog::forget(const std::vector<std::string>& changed) {
  {
    std::lock_guard<std::mutex> lock(found_mutex_);
    found_.clear();
  }
  std::set<std::string> gone, dirs;
  for (const auto& c : changed) {
    gone.insert(same(c));
    dirs.insert(fs::path(same(c)).parent_path().string());
  }
  auto is_gone = [&](const std::string& path) { return gone.count(same(path)) > 0; };
  templates_.drop(is_gone);
  rule_sets_.drop(is_gone);
  schemas_.drop(is_gone);
  // Fonts: a face file or the manifest changed, or a file came or went in a font directory
  // (a face the manifest names may have been missing).
  bool fonts = false;
  std::vector<std::string> font_dirs = options_.font_dirs;
  font_dirs.push_back(fonts_dir());
  for (const auto& dir : font_dirs) fonts = fonts || dirs.count(same(dir));
  {
    std::lock_guard<std::mutex> lock(font_files_->mutex);
    for (const auto& f : font_files_->files) fonts = fonts || gone.count(f);
  }
  if (fonts) fonts_.drop([](const std::string&) { return true; });
}

std::size_t Catalog::loads() const {
  return templates_.loads() + rule_sets_.loads() + schemas_.loads() + fonts_.loads();
}

}  // namespace jixiao
