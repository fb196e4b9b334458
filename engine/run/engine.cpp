#include "jixiao.h"

#include <algorithm>
#include <filesystem>

#include "layout/layout.h"
#include "layout/shape_cache.h"
#include "model/model.h"
#include "model/schema.h"
#include "ofd/ofd.h"
#include "pdf/pdf.h"
#include "pdf/subset_cache.h"
#include "scoring/scoring.h"
#include "template/template.h"
#include "run/locate.h"
#include "run/pdfa.h"
#include "run/prefill.h"
#include "catalog/catalog.h"
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

struct Engine::Impl {
  Options options;
  Catalog catalog;

  explicit Impl(Options o) : options(std::move(o)), catalog(options) {}

  // The data schema the form names; forms without one accept any data the rules can read.
  bool validate(const model::Dossier& d, const tmpl::Template& t, DiagnosticSink& sink,
                std::vector<std::string>* inputs = nullptr) {
    if (t.schema().empty()) return true;
    std::string path;
    std::shared_ptr<const model::Schema> schema = catalog.schema(t, sink, &path);
    if (inputs && !path.empty()) inputs->push_back(path);
    if (!schema) return false;
    schema->validate(d.source, d.file, sink);
    return !sink.has_errors();
  }

  // A declaration is checked against its own form's schema before prefill uses it.
  bool validate_declaration(const model::Dossier& decl, DiagnosticSink& sink) {
    std::shared_ptr<const tmpl::Template> t = catalog.form(decl.form, decl.file, sink);
    return t && validate(decl, *t, sink);
  }

  // PDF/UA-1 needs what a screen reader announces first: a document title (shown, as
  // /DisplayDocTitle says) and the structure tree.
  bool ua_ready(const doc::Document& document, const tmpl::Template& t, DiagnosticSink& sink) const {
    if (document.title.empty())
      sink.report({Severity::Error, "pdf.ua-title", t.file(), "",
                   "PDF/UA-1 needs a document title, and this form gives none",
                   "a title attribute on <form> that is not empty", "", {}});
    return !sink.has_errors();
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
    // Held to the end of the render: forget() may drop the catalog's entry meanwhile.
    std::shared_ptr<const FontSet> fonts = catalog.fonts(res.diagnostics);
    if (!fonts->library) return;
    layout::LayoutOptions recorded;
    recorded.overlay = req.debug_layout || options.debug_layout;
    recorded.boxes = req.page_map;
    recorded.shapes = fonts->shapes.get();
    const PdfStandard standard = pdf_standard(options.pdf_standard, document.pdf_standard);
    if (standard.ua1 && !ua_ready(document, t, res.diagnostics)) return;
    const std::size_t before_layout = res.diagnostics.all().size();
    layout::LayoutResult pages = layout::lay_out(document, *fonts->library, res.diagnostics, recorded);
    if (standard.any()) missing_glyphs_are_errors(res.diagnostics, before_layout, standard);
    if (res.diagnostics.has_errors()) return;
    pdf::Metadata meta;
    meta.title = document.title;
    meta.author = document.author;
    meta.subject = document.subject;
    meta.keywords = document.keywords;
    meta.date = options.date;
    // Read for each document: a 7 KB file, and no state shared between bulk workers.
    if (standard.a2b) meta.pdfa_icc_profile = srgb_profile(catalog.options().data_dir);
    meta.pdfua = standard.ua1;
    meta.tagged = options.tagged || standard.ua1;
    std::string bytes = options.format == "ofd"
                            ? ofd::write_ofd(pages, *fonts->library, meta)
                            : pdf::write_pdf(pages, *fonts->library, meta, &res.diagnostics, fonts->subsets.get());
    if (req.page_map) res.page_map = layout::page_map_json(pages);  // while document lives
    res.pages = static_cast<int>(pages.pages.size());
    res.pdf_bytes = bytes.size();
    if (req.pdf_in_memory) res.pdf = std::move(bytes);
    else write_file_atomic(req.output_file, bytes, inputs);
  }
};

Engine::Engine(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}

Engine::~Engine() = default;

Catalog& Engine::catalog() { return impl_->catalog; }
const Catalog& Engine::catalog() const { return impl_->catalog; }

std::vector<FormInfo> Engine::forms(DiagnosticSink& sink) {
  std::vector<FormInfo> out;
  Catalog& catalog = impl_->catalog;
  for (const auto& [id, path] : catalog.files("forms", ".xml", sink)) {
    try {
      auto t = catalog.form_at(path, sink);
      // A form whose id or rule set's id is wrong is reported, not listed: data cannot use it.
      if (!t) continue;
      if (!t->rule_set().empty() && !catalog.find(Catalog::Part::Rules, t->rule_set()).empty() &&
          !catalog.rules(*t, sink))
        continue;
      out.push_back({t->form_id(), path, t->rule_set(), t->schema()});
    } catch (const Failure& f) {  // its rule set leads outside its root
      sink.report(f.diagnostic());
    }
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
  auto fields = document_fields(form, data_file, sink);
  if (!fields) return std::nullopt;
  return fields->documents;
}

std::optional<Engine::DocumentFields> Engine::document_fields(const std::string& form, const std::string& data_file,
                                                              DiagnosticSink& sink) {
  try {
    auto t = impl_->catalog.form(form, data_file, sink);
    if (!t) return std::nullopt;
    if (t->rule_set().empty()) return DocumentFields{};
    auto rules = impl_->catalog.rules(*t, sink);
    if (!rules) return std::nullopt;
    return DocumentFields{rules->documents, rules->title, rules->unit};
  } catch (const Failure& f) {  // a file leading outside its template root
    sink.report(f.diagnostic());
    return std::nullopt;
  }
}

std::vector<std::string> Engine::font_files(DiagnosticSink& sink) {
  std::vector<std::string> out;
  std::shared_ptr<const FontSet> fonts = impl_->catalog.fonts(sink);
  const layout::FontLibrary* lib = fonts->library.get();
  if (!lib) return out;
  for (std::size_t i = 0; i < lib->face_count(); ++i) out.push_back(lib->info(static_cast<layout::FontId>(i)).file);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

void Engine::forget(const std::vector<std::string>& changed) { impl_->catalog.forget(changed); }

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
    // What this run uses is held to its end (a preview's forget() may drop it meanwhile).
    Catalog& catalog = impl_->catalog;
    std::string template_file;
    std::shared_ptr<const tmpl::Template> t = catalog.form(d.form, d.file, sink, &template_file);
    if (!template_file.empty()) inputs.push_back(template_file);
    if (!t) return res;
    PrefillContext context{impl_->options.declaration_dirs,
                           [this](const model::Dossier& decl, DiagnosticSink& s) {
                             return impl_->validate_declaration(decl, s);
                           }};
    std::optional<std::string> map = catalog.prefill_map(*t, d.form, sink);
    if (!map) return res;
    prefill(d, *map, context, sink, inputs);
    if (sink.has_errors() || !impl_->validate(d, *t, sink, &inputs)) return res;
    std::shared_ptr<const scoring::RuleSet> held_rules;
    const scoring::RuleSet* rules = nullptr;
    if (!t->rule_set().empty()) {
      std::string rules_file;
      held_rules = catalog.rules(*t, sink, &rules_file);
      if (!rules_file.empty()) inputs.push_back(rules_file);
      rules = held_rules.get();
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
