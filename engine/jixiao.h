// The whole pipeline behind one call: data file → validation → scoring → template → layout
// → PDF. The CLI, the benchmark and the tests use this; the engine itself never prints.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "diag/diag.h"

namespace jixiao {

struct Options {
  std::string data_dir;                     // holds templates/ and fonts/; empty = built-in
  std::vector<std::string> template_dirs;   // searched before data_dir/templates
  std::vector<std::string> font_dirs;       // user font directories (licensed fonts)
  // Where declarations named by data may lie besides the data file's own directory.
  std::vector<std::string> declaration_dirs;
  std::optional<std::int64_t> date;         // PDF date, seconds since the epoch
};

struct Request {
  enum class Action { Render, Score, Check } action = Action::Render;
  std::string data_file;
  std::string output_file;  // Render: where the PDF goes (written only when all went well)
};

struct Result {
  DiagnosticSink diagnostics;
  std::string score_json;  // Score: {"documents": […]}
  std::string score_table; // Score: the same for people
  int pages = 0;           // Render: pages written
  std::size_t pdf_bytes = 0;
  // Render: 0 ok, 2 errors (nothing written), 3 done with warnings. Score and check: 0
  // unless a finding is an error (findings are their output, not a failure).
  bool warnings_exit_3 = true;
  bool finding_errors = false;  // Score: an error among the findings (they are in score_json)
  int exit_code() const;
};

// Keeps what is costly to load — fonts, parsed templates, rule sets — across requests, so
// a bulk run parses each once.
struct FormInfo {
  std::string id, file, rules, schema;
};

class Engine {
 public:
  explicit Engine(Options options);
  ~Engine();
  Result run(const Request& request);
  // Every form template found (user directories first), with what it names; a template
  // that does not load is reported to sink and left out.
  std::vector<FormInfo> forms(DiagnosticSink& sink);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The directory holding templates/ and fonts/ compiled into this build.
std::string default_data_dir();

}  // namespace jixiao
