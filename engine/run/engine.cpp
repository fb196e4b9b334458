#include "jixiao.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <set>

#include "layout/layout.h"
#include "layout/shape_cache.h"
#include "model/model.h"
#include "model/schema.h"
#include "pdf/pdf.h"
#include "pdf/subset_cache.h"
#include "scoring/scoring.h"
#include "template/template.h"
#include "run/locate.h"
#include "run/prefill.h"
#include "catalog/roots.h"
#include "run/view.h"

namespace jixiao {

namespace fs = std::filesystem;

int Result::exit_code() const {
  if (diagnostics.has_errors() || finding_errors) return 2;
  if (!warnings_exit_3) return 0;
  for (const auto& d : diagnostics.all())
    if (d.severity == Severity::Warning) return 3;
  return 0;
}

std::string default_data_dir() { return JIXIAO_DATA_DIR; }

struct Engine::Impl {
  Options options;
  std::vector<std::string> template_roots;
  std::unique_ptr<layout::FontLibrary> fonts;
  // What the stages keep between documents, keyed on fonts' faces: made and reset with it.
  std::unique_ptr<layout::ShapeCache> shapes;
  std::unique_ptr<pdf::SubsetCache> subsets;
  DiagnosticSink font_diagnostics;
  std::map<std::string, std::unique_ptr<tmpl::Template>> templates;
  std::map<std::string, std::unique_ptr<scoring::RuleSet>> rule_sets;
  std::map<std::string, std::unique_ptr<model::Schema>> schemas;
  // Guards the four caches above while one is looked up or filled: runs on several threads
  // share them. What they hold is never changed once loaded, so it is used unlocked.
  std::mutex cache_mutex;

  // First root holding forms/<id>.xml (or rules/<id>.json); throws Failure when that file
  // leads outside its root (template_roots.h).
  std::string find(const std::string& sub, const std::string& id, const std::string& ext) const {
    if (!model::is_form_id(id)) return {};  // never a path out of sub/
    for (const auto& root : template_roots)
      if (std::string p = file_in_root(root, sub, id + ext); !p.empty()) return p;
    return {};
  }

  // Every forms/<id>.xml of the template roots as (id, path): a user's form shadowing a
  // built-in one of the same id.
  std::vector<std::pair<std::string, std::string>> form_files(DiagnosticSink& sink) const {
    return files_found(template_roots, "forms", ".xml", sink);
  }

  // Form files other than self named id.xml or declaring <form id="id">, in every root:
  // what a copy's stale id collides with. Parses templates, so only once an id is wrong.
  std::vector<std::string> others_with_id(const std::string& id, const std::string& self) const {
    std::vector<std::string> out;
    for (const auto& root : template_roots) {
      std::vector<fs::path> files;
      std::error_code ec;
      for (auto& e : fs::directory_iterator(fs::path(root) / "forms", ec))
        if (e.path().extension() == ".xml" && inside_root(e.path().string(), root)) files.push_back(e.path());
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        if (fs::equivalent(f, self, ec)) continue;
        DiagnosticSink ignored;  // a broken file is reported where it is used
        std::unique_ptr<tmpl::Template> t;
        if (f.stem() == id || ((t = tmpl::Template::load(f.string(), ignored)) && t->form_id() == id))
          out.push_back(f.string());
      }
    }
    return out;
  }

  // The file name is how data finds a form, the id what the form says it is: they must
  // agree, and a copy still bearing the original's id names the original too.
  bool check_form_id(const tmpl::Template& t, const std::string& path, DiagnosticSink& sink) const {
    std::string named = fs::path(path).stem().string();
    if (t.form_id() == named) return true;
    Diagnostic d{Severity::Error, "template.id", path, "", "the template's id is '" + t.form_id() + "'",
                 "id=\"" + named + "\", the name of the file", {}, {}};
    for (const auto& other : others_with_id(t.form_id(), path))
      d.hints.push_back("'" + t.form_id() + "' is also the id of " + other + ": give a copy an id of its own");
    sink.report(std::move(d));
    return false;
  }

  // found: the template's path, when there is one (also when it does not load).
  const tmpl::Template* template_for(const model::Dossier& d, DiagnosticSink& sink,
                                     std::string* found = nullptr) {
    std::string path = find("forms", d.form, ".xml");
    if (found) *found = path;
    if (path.empty()) {
      std::string list;
      DiagnosticSink elsewhere;  // another form's link out of its root is not this data's problem
      for (auto& [id, path] : form_files(elsewhere)) list += (list.empty() ? "" : ", ") + id;
      sink.error("model.unknown-form", d.file, "/form", "unknown form '" + d.form + "'",
                 "one of: " + list);
      return nullptr;
    }
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = templates.find(path);
    if (it == templates.end()) {
      DiagnosticSink local;
      auto t = tmpl::Template::load(path, local);
      for (const auto& diag : local.all()) sink.report(diag);
      if (!t || !check_form_id(*t, path, sink)) return nullptr;
      it = templates.emplace(path, std::move(t)).first;
    }
    return it->second.get();
  }

  const scoring::RuleSet* rules_for(const tmpl::Template& t, DiagnosticSink& sink) {
    std::string path = find("rules", t.rule_set(), ".json");
    if (path.empty()) {
      sink.error("template.rules", t.file(), "", "rule set '" + t.rule_set() + "' not found",
                 "a file rules/" + t.rule_set() + ".json in a template directory");
      return nullptr;
    }
    std::lock_guard<std::mutex> lock(cache_mutex);
    auto it = rule_sets.find(path);
    if (it == rule_sets.end()) {
      DiagnosticSink local;
      auto rs = scoring::load_rule_set(path, local);
      for (const auto& diag : local.all()) sink.report(diag);
      if (local.has_errors()) return nullptr;
      if (rs->id != t.rule_set()) {  // found by its file name: the id inside must say the same
        Diagnostic d{Severity::Error, "rules.id", path, "/id",
                     "the rule set's id '" + rs->id + "' is not its file name '" + t.rule_set() + "'",
                     "\"" + t.rule_set() + "\"", "\"" + rs->id + "\"", {}};
        if (std::string other = find("rules", rs->id, ".json"); !other.empty())
          d.hints.push_back("'" + rs->id + "' is the id of " + other + ": give a copy an id of its own");
        sink.report(std::move(d));
        return nullptr;
      }
      it = rule_sets.emplace(path, std::move(rs)).first;
    }
    return it->second.get();
  }

  // The data schema the form names; forms without one accept any data the rules can read.
  bool validate(const model::Dossier& d, const tmpl::Template& t, DiagnosticSink& sink,
                std::vector<std::string>* inputs = nullptr) {
    if (t.schema().empty()) return true;
    std::string path = find("schemas", t.schema(), ".schema.json");
    if (inputs && !path.empty()) inputs->push_back(path);
    if (path.empty()) {
      sink.error("template.schema", t.file(), "", "schema '" + t.schema() + "' not found",
                 "a file schemas/" + t.schema() + ".schema.json in a template directory");
      return false;
    }
    const model::Schema* schema = nullptr;
    {
      std::lock_guard<std::mutex> lock(cache_mutex);
      auto it = schemas.find(path);
      if (it == schemas.end()) {
        DiagnosticSink local;
        auto loaded = model::Schema::load(path, local);
        for (const auto& diag : local.all()) sink.report(diag);
        if (!loaded) return false;
        it = schemas.emplace(path, std::move(loaded)).first;
      }
      schema = it->second.get();
    }
    schema->validate(d.source, d.file, sink);
    return !sink.has_errors();
  }

  const layout::FontLibrary* font_library(DiagnosticSink& sink) {
    std::lock_guard<std::mutex> lock(cache_mutex);
    if (!fonts) {
      std::string manifest = (fs::path(options.data_dir) / "fonts" / "fonts.json").string();
      fonts = layout::FontLibrary::load(manifest, options.font_dirs, font_diagnostics);
      if (fonts) {
        shapes = std::make_unique<layout::ShapeCache>(*fonts);
        subsets = std::make_unique<pdf::SubsetCache>(*fonts);
      }
    }
    for (const auto& diag : font_diagnostics.all()) sink.report(diag);
    return font_diagnostics.has_errors() ? nullptr : fonts.get();
  }

  // A declaration is checked against its own form's schema before prefill uses it.
  bool validate_declaration(const model::Dossier& decl, DiagnosticSink& sink) {
    const tmpl::Template* t = template_for(decl, sink);
    return t && validate(decl, *t, sink);
  }

  void render(const model::Dossier& d, const tmpl::Template& t, const scoring::RuleSet* rules,
              const std::vector<scoring::DocumentScore>& scores, const Request& req,
              const std::vector<std::string>& inputs, Result& res) {
    if (req.unchanged && req.unchanged({inputs.begin() + 1, inputs.end()})) {
      res.unchanged = true;
      return;
    }
    doc::Document document = t.instantiate(make_view(d, rules, scores), res.diagnostics);
    if (res.diagnostics.has_errors()) return;
    const layout::FontLibrary* lib = font_library(res.diagnostics);
    if (!lib) return;
    layout::LayoutOptions recorded;
    recorded.overlay = req.debug_layout || options.debug_layout;
    recorded.boxes = req.page_map;
    recorded.shapes = shapes.get();
    layout::LayoutResult pages = layout::lay_out(document, *lib, res.diagnostics, recorded);
    if (res.diagnostics.has_errors()) return;
    pdf::Metadata meta;
    meta.title = document.title;
    meta.author = document.author;
    meta.subject = document.subject;
    meta.keywords = document.keywords;
    meta.date = options.date;
    std::string bytes = pdf::write_pdf(pages, *lib, meta, &res.diagnostics, subsets.get());
    if (req.page_map) res.page_map = layout::page_map_json(pages);  // while document lives
    res.pages = static_cast<int>(pages.pages.size());
    res.pdf_bytes = bytes.size();
    if (req.pdf_in_memory) res.pdf = std::move(bytes);
    else write_file_atomic(req.output_file, bytes, inputs);
  }
};

Engine::Engine(Options options) : impl_(std::make_unique<Impl>()) {
  if (options.data_dir.empty()) options.data_dir = default_data_dir();
  impl_->template_roots = template_roots(options);
  impl_->options = std::move(options);
}

Engine::~Engine() = default;

std::vector<FormInfo> Engine::forms(DiagnosticSink& sink) {
  std::vector<FormInfo> out;
  for (const auto& [id, path] : impl_->form_files(sink)) {
    auto t = tmpl::Template::load(path, sink);
    // A form whose id or rule set's id is wrong is reported, not listed: data cannot use it.
    if (!t || !impl_->check_form_id(*t, path, sink)) continue;
    try {
      if (!t->rule_set().empty() && !impl_->find("rules", t->rule_set(), ".json").empty() &&
          !impl_->rules_for(*t, sink))
        continue;
    } catch (const Failure& f) {  // its rule set leads outside its root
      sink.report(f.diagnostic());
      continue;
    }
    out.push_back({t->form_id(), path, t->rule_set(), t->schema()});
  }
  return out;
}

namespace {

// "/projects/0/indicators/2" → "/projects/17/indicators/2" when from is "/projects/0".
std::string moved(const std::string& pointer, const std::string& from, const std::string& to) {
  if (pointer.compare(0, from.size(), from) != 0) return pointer;
  if (pointer.size() > from.size() && pointer[from.size()] != '/') return pointer;
  return to + pointer.substr(from.size());
}

// A split-off document's pointers, moved to where it stands in the user's file.
void move_pointers(Result& res, const std::string& to) {
  std::string from = to.substr(0, to.rfind('/') + 1) + "0";
  DiagnosticSink sink;
  for (Diagnostic d : res.diagnostics.all()) {
    d.place.pointer = moved(d.place.pointer, from, to);
    sink.report(std::move(d));
  }
  res.diagnostics = std::move(sink);
  for (auto& doc : res.documents) {
    doc.pointer = moved(doc.pointer, from, to);
    for (auto& f : doc.findings) f.pointer = moved(f.pointer, from, to);
  }
}

std::vector<ScoredDocument> scored_documents(const std::vector<scoring::DocumentScore>& scores) {
  std::vector<ScoredDocument> out;
  for (const auto& s : scores) {
    ScoredDocument doc{s.title, s.unit, s.pointer, scoring::centi_text(s.total, 2),
                       scoring::centi_text(s.max, 2), s.grade, {}};
    for (const auto& f : s.findings)
      doc.findings.push_back({f.severity, f.code, f.pointer, f.message, f.computed, f.declared});
    out.push_back(std::move(doc));
  }
  return out;
}

}  // namespace

std::optional<std::string> Engine::documents_member(const std::string& form, const std::string& data_file,
                                                    DiagnosticSink& sink) {
  model::Dossier d;
  d.file = data_file;
  d.form = form;
  try {
    const tmpl::Template* t = impl_->template_for(d, sink);
    if (!t) return std::nullopt;
    if (t->rule_set().empty()) return std::string();
    const scoring::RuleSet* rules = impl_->rules_for(*t, sink);
    if (!rules) return std::nullopt;
    return rules->documents;
  } catch (const Failure& f) {  // a file leading outside its template root
    sink.report(f.diagnostic());
    return std::nullopt;
  }
}

std::vector<std::string> Engine::font_files(DiagnosticSink& sink) {
  std::vector<std::string> out;
  const layout::FontLibrary* lib = impl_->font_library(sink);
  if (!lib) return out;
  for (std::size_t i = 0; i < lib->face_count(); ++i) out.push_back(lib->info(static_cast<layout::FontId>(i)).file);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Engine::forget(const std::vector<std::string>& changed) {
  // Absolute and normalised, symbolic links resolved where the file exists: a watcher names
  // files by the directory it watches, the caches by the template root they were found in.
  auto same = [](const std::string& p) {
    std::error_code ec;
    fs::path a = fs::weakly_canonical(fs::absolute(p, ec), ec);
    return (ec ? fs::path(p) : a).lexically_normal().string();
  };
  std::set<std::string> gone, dirs;
  for (const auto& c : changed) {
    gone.insert(same(c));
    dirs.insert(fs::path(same(c)).parent_path().string());
  }
  Impl& m = *impl_;
  std::lock_guard<std::mutex> lock(m.cache_mutex);
  auto drop = [&](auto& cache) {
    for (auto it = cache.begin(); it != cache.end();)
      it = gone.count(same(it->first)) ? cache.erase(it) : std::next(it);
  };
  drop(m.templates);
  drop(m.rule_sets);
  drop(m.schemas);
  // Fonts: a face file or the manifest changed, or a file came or went in a font directory
  // (a face the manifest names may have been missing).
  bool fonts = false;
  std::vector<std::string> font_dirs = m.options.font_dirs;
  font_dirs.push_back((fs::path(m.options.data_dir) / "fonts").string());
  for (const auto& dir : font_dirs) fonts = fonts || dirs.count(same(dir));
  if (m.fonts)
    for (std::size_t i = 0; i < m.fonts->face_count() && !fonts; ++i)
      fonts = gone.count(same(m.fonts->info(static_cast<layout::FontId>(i)).file)) > 0;
  if (fonts) {
    m.shapes.reset();
    m.subsets.reset();
    m.fonts.reset();
    m.font_diagnostics = DiagnosticSink();
  }
}

Result Engine::run(const Request& req) {
  Result res = run_unmoved(req);
  if (!req.document_pointer.empty() && req.document_pointer.rfind('/') != std::string::npos)
    move_pointers(res, req.document_pointer);
  locate_data_places(req, res);
  return res;
}

Result Engine::run_unmoved(const Request& req) {
  Result res;
  res.warnings_exit_3 = req.action == Request::Action::Render;
  auto& sink = res.diagnostics;
  // Every file this run reads, as far as it got: the output may be none of them.
  std::vector<std::string>& inputs = res.inputs;
  inputs = {req.data_file};
  try {
    model::Dossier d = req.data_text ? model::parse_dossier(req.data_file, *req.data_text, sink)
                                     : model::load_dossier(req.data_file, sink);
    if (sink.has_errors()) return res;
    res.form = d.form;
    std::string template_file;
    const tmpl::Template* t = impl_->template_for(d, sink, &template_file);
    if (!template_file.empty()) inputs.push_back(template_file);
    if (!t) return res;
    PrefillContext context{impl_->options.declaration_dirs,
                           [this](const model::Dossier& decl, DiagnosticSink& s) {
                             return impl_->validate_declaration(decl, s);
                           }};
    // The map the form names (prefill="…"), else the one of its id; both only in prefill/.
    std::string map = impl_->find("prefill", t->prefill().empty() ? d.form : t->prefill(), ".json");
    if (map.empty() && !t->prefill().empty()) {
      sink.error("template.prefill", t->file(), "", "prefill map '" + t->prefill() + "' not found",
                 "a file prefill/" + t->prefill() + ".json in a template directory");
      return res;
    }
    prefill(d, map, context, sink, inputs);
    if (sink.has_errors() || !impl_->validate(d, *t, sink, &inputs)) return res;
    const scoring::RuleSet* rules = nullptr;
    if (!t->rule_set().empty()) {
      std::string rules_file = impl_->find("rules", t->rule_set(), ".json");
      if (!rules_file.empty()) inputs.push_back(rules_file);
      rules = impl_->rules_for(*t, sink);
      if (!rules) return res;
    } else if (req.action == Request::Action::Score) {
      sink.error("score.no-rules", d.file, "/form", "form '" + d.form + "' is not scored (its template names no rule set)",
                 "a form with rules=\"…\"");
      return res;
    }
    std::vector<scoring::DocumentScore> scores;
    if (rules) scores = scoring::score_all(d.source, *rules);
    res.documents = scored_documents(scores);
    bool findings_are_output = req.action == Request::Action::Score;
    for (const auto& s : scores) {
      for (const auto& f : s.findings) {
        if (findings_are_output) {  // printed with the scores, not again as diagnostics
          res.finding_errors = res.finding_errors || f.severity == Severity::Error;
          continue;
        }
        Diagnostic diag{f.severity, f.code, d.file, f.pointer,
                        scoring::finding_message(f, rules, impl_->options.lang), {}, {}, {}};
        diag.message += scoring::numbers_text(f);
        sink.report(std::move(diag));
      }
    }
    if (req.action == Request::Action::Score) {
      res.score_json = scoring::to_json(scores);
      res.score_table = scoring::to_table(scores, impl_->options.lang, rules);
      return res;
    }
    if (req.action == Request::Action::Check || sink.has_errors()) return res;
    impl_->render(d, *t, rules, scores, req, inputs, res);
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
  } catch (const std::exception& e) {
    // A bug or a resource limit, not the user's data: still a message and no output.
    sink.error("internal", req.data_file, "", std::string("internal error: ") + e.what(),
               "no internal error (please report this with the data file)");
  }
  return res;
}

}  // namespace jixiao
