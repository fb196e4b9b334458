// The whole pipeline behind one call: data file → validation → scoring → template → layout
// → PDF. The CLI, the benchmark and the tests use this; the engine itself never prints.
#pragma once
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "run/options.h"

namespace jixiao {

class SourceText;

struct Request {
  enum class Action { Render, Score, Check } action = Action::Render;
  std::string data_file;
  std::string output_file;  // Render: where the PDF goes (written only when all went well)
  // Bulk runs: the data as text, read already (data_file then only names it in messages),
  // and, for one document split off a larger file, where that document stands in it:
  // the text holds it as its only document ("/projects/0"), and every pointer reported is
  // moved to this one ("/projects/17") so that messages name the place in the user's file.
  std::optional<std::string> data_text;
  std::string document_pointer;
  // With document_pointer: the user's whole file, where the document's value starts in it
  // and that place's line:col, so that places get the file's lines (engine/run/locate.h).
  std::shared_ptr<const SourceText> document_source;
  std::size_t document_at = 0;
  LineCol document_line_col;
  // Render: asked with every file the render reads (data excepted) once data is valid and
  // scored; true means the output is up to date and is not written again (--resume).
  std::function<bool(const std::vector<std::string>& inputs)> unchanged;
  // Render (the preview): the PDF's bytes go to Result::pdf, output_file is not written (it
  // may be empty); the page map goes to Result::page_map; the layout overlay is drawn (ORed
  // with Options::debug_layout). Without these a render records nothing more and writes the
  // same bytes.
  bool pdf_in_memory = false;
  bool page_map = false;
  bool debug_layout = false;
};

// A finding of the scoring rules about one document.
struct DocumentFinding {
  Severity severity = Severity::Warning;
  std::string code, pointer, message, computed, declared;
  int line = 0, col = 0;  // of pointer's value in the data file (0: unknown)
};

// One scored document (the form's rule set scores each document of the data).
struct ScoredDocument {
  std::string title;    // project or department name
  std::string unit;     // 单位, from the rule set's "unit" field; "" when none
  std::string pointer;  // "/projects/3"
  std::string total, max, grade;  // "87.10", "100.00", "良"
  std::vector<DocumentFinding> findings;
};

struct Result {
  DiagnosticSink diagnostics;
  std::string score_json;  // Score: {"documents": […]}
  std::string score_table; // Score: the same for people
  int pages = 0;           // Render: pages written
  std::size_t pdf_bytes = 0;
  bool unchanged = false;  // Render: Request::unchanged said the output is up to date
  std::string form;        // the data's form id, once known
  std::vector<ScoredDocument> documents;  // scores of the data's documents (scored forms)
  std::string pdf;       // Render with pdf_in_memory: the PDF (empty when nothing was written)
  std::string page_map;  // Render with page_map: JSON, see docs/debug-layout.md
  // Every file the run read or looked for and found (data, template, prefill map and
  // declarations, schema, rule set), also when it failed on one: what a preview watches.
  std::vector<std::string> inputs;
  // Render: 0 ok, 2 errors (nothing written), 3 done with warnings. Score and check: 0
  // unless a finding is an error (findings are their output, not a failure).
  bool warnings_exit_3 = true;
  bool finding_errors = false;  // Score: an error among the findings (they are in score_json)
  int exit_code() const;
};

class Catalog;

// A form as `templates` lists it.
struct FormInfo {
  std::string id, file, rules, schema;
};

// run() may be called from several threads at once, and forget() at any time: what is
// loaded once (fonts, templates, rule sets, schemas) is the catalog's, immutable and
// shared, and a run holds what it took to its end.
class Engine {
 public:
  explicit Engine(Options options);
  ~Engine();
  Result run(const Request& request);
  // The member of a data file's root that holds its documents under this form's rule set
  // ("projects"), "" for a form without rules; nullopt (reported to sink) when the form or
  // its rule set cannot be found or loaded. data_file names the data in messages.
  std::optional<std::string> documents_member(const std::string& form, const std::string& data_file,
                                              DiagnosticSink& sink);
  // What the form's rule set names: the member holding the documents, and in a document the
  // fields of its title and its unit (单位); all "" for a form without rules; nullopt as
  // documents_member. A bulk summary reads them from data that failed before scoring.
  struct DocumentFields {
    std::string documents, title, unit;
  };
  std::optional<DocumentFields> document_fields(const std::string& form, const std::string& data_file,
                                                DiagnosticSink& sink);
  // The font files renders read (for --resume's content hashes).
  std::vector<std::string> font_files(DiagnosticSink& sink);
  // Every form template found (user directories first), with what it names; a template
  // that does not load is reported to sink and left out.
  std::vector<FormInfo> forms(DiagnosticSink& sink);
  // Drops what the catalog loaded from these files (templates, rule sets, schemas; the
  // fonts when a font file or the font manifest is among them), so that the next run loads
  // them again and keeps the rest. Runs under way keep what they took.
  void forget(const std::vector<std::string>& changed);
  // Where this engine finds forms and what it has loaded (engine/catalog/catalog.h).
  Catalog& catalog();
  const Catalog& catalog() const;

 private:
  Result run_unmoved(const Request& request);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixiao
