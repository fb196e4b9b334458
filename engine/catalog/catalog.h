// The catalog: where a form's files are found and the definitions loaded from them —
// templates, rule sets, schemas, the font library — held immutable and shared by every run.
// Render, score, check, `templates --check`, bulk and the preview all find files here, so a
// missing or misnamed file gets the same code and words wherever it is met.
//
// A run takes the shared_ptrs it needs and holds them to its end; forget() only replaces
// entries, so it may run at any time, also while runs are under way (the preview after a
// save, with bulk-style workers rendering). Failed loads are kept too, until forgotten.
#pragma once
#include <functional>
#include <memory>
#include <mutex>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "catalog/options.h"
#include "catalog/shelf.h"
#include "diag/diag.h"

namespace jixiao {

namespace tmpl { class Template; }
namespace scoring { struct RuleSet; }
namespace model { class Schema; }
namespace layout { class FontLibrary; class ShapeCache; }
namespace pdf { class SubsetCache; }

// The fonts and what is worked out from their faces once for all documents. The caches
// are declared after the library so they go first: they must not outlive it.
struct FontSet {
  std::shared_ptr<const layout::FontLibrary> library;  // null when the fonts do not load
  std::shared_ptr<layout::ShapeCache> shapes;          // internally locked
  std::shared_ptr<pdf::SubsetCache> subsets;           // internally locked
};

class Catalog {
 public:
  // What a form names besides its template, each in its own directory of a template root.
  enum class Part { Rules, Schema, Prefill };

  explicit Catalog(CatalogOptions options);  // an empty data_dir is the built-in one
  ~Catalog();

  // --- Where things are -----------------------------------------------------------------
  const std::vector<std::string>& template_roots() const { return roots_; }
  const CatalogOptions& options() const { return options_; }
  std::string fonts_dir() const;      // data_dir/fonts
  std::string font_manifest() const;  // data_dir/fonts/fonts.json
  // The directories whose files count before any run reads them: each root's forms/,
  // rules/, schemas/, prefill/ (what the preview watches for new files).
  std::vector<std::string> watched_dirs() const;

  // The first root's <sub>/<id><ext>, "" when none (or id is not a form id, so never a
  // path out of sub/). Throws Failure when the file leads outside its root (roots.h).
  std::string find(const std::string& sub, const std::string& id, const std::string& ext) const;
  std::string find(Part part, const std::string& name) const;
  // Every <sub>/<name><ext> of the roots as (name, path), a user's shadowing a built-in one.
  std::vector<std::pair<std::string, std::string>> files(const std::string& sub, const std::string& ext,
                                                          DiagnosticSink& sink) const;

  // --- The errors of finding, one code each ---------------------------------------------
  // template.id: the form file at path says its id is `id`, not its file name.
  Diagnostic form_id_error(const std::string& path, const std::string& id) const;
  // rules.id: the rule set at path says its id is `id`, not its file name.
  Diagnostic rules_id_error(const std::string& path, const std::string& id) const;
  // template.rules / template.schema / template.prefill: `name`, named by the form file
  // `form_file`, is in no root.
  Diagnostic missing(Part part, const std::string& name, const std::string& form_file) const;

  // --- Loaded definitions (reported to sink every time they are asked for) -------------
  // The template of form `id` that data_file names (model.unknown-form when none); found:
  // its path when there is one, also when it does not load.
  std::shared_ptr<const tmpl::Template> form(const std::string& id, const std::string& data_file,
                                             DiagnosticSink& sink, std::string* found = nullptr);
  std::shared_ptr<const tmpl::Template> form_at(const std::string& path, DiagnosticSink& sink);
  // The rule set and schema a template names (it must name one); found as for form().
  std::shared_ptr<const scoring::RuleSet> rules(const tmpl::Template& t, DiagnosticSink& sink,
                                                std::string* found = nullptr);
  std::shared_ptr<const model::Schema> schema(const tmpl::Template& t, DiagnosticSink& sink,
                                              std::string* found = nullptr);
  // The prefill map of form `id`: the one its template names (an error when missing), else
  // the one of its id, else "" (none). nullopt after reporting the error.
  std::optional<std::string> prefill_map(const tmpl::Template& t, const std::string& id, DiagnosticSink& sink) const;
  // The font library with its caches; library null when it does not load.
  std::shared_ptr<const FontSet> fonts(DiagnosticSink& sink);

  // Drops what was loaded from these files (paths compared absolute and normalised; the
  // fonts when a face, the manifest or a file of a font directory is among them).
  void forget(const std::vector<std::string>& changed);
  // Loads done so far, failures included (tests: a broken file is read once).
  std::size_t loads() const;

 private:
  CatalogOptions options_;
  std::vector<std::string> roots_;
  Shelf<tmpl::Template> templates_;
  Shelf<scoring::RuleSet> rule_sets_;
  Shelf<model::Schema> schemas_;
  Shelf<FontSet> fonts_;
  // find()'s answers (stat and symlink resolution of every path component, per document of
  // a bulk run otherwise), until the next forget(): the preview forgets what its watch sees
  // come, go or change.
  mutable std::mutex found_mutex_;
  mutable std::map<std::string, std::string> found_;
  struct FontFiles;  // the loaded library's face files, for forget()
  std::unique_ptr<FontFiles> font_files_;

  std::vector<std::string> others_with_id(const std::string& id, const std::string& self) const;
  // What template t names of a part, found, loaded once by load and replayed to sink.
  template <class T>
  std::shared_ptr<const T> named(Part part, const std::string& name, const tmpl::Template& t, Shelf<T>& shelf,
                                 const std::function<void(const std::string&, Loaded<T>&)>& load,
                                 DiagnosticSink& sink, std::string* found);
};

}  // namespace jixiao
