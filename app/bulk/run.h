// A bulk run: every document of many inputs rendered on worker threads that share one
// Engine, nothing lost when some fail, a summary of all, resumable and shardable.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "bulk/shard.h"
#include "bulk/summary.h"
#include "jixiao.h"

namespace jixiao::bulk {

struct Progress {
  std::size_t done = 0, total = 0, failed = 0, unchanged = 0;
  double seconds = 0;  // since rendering started
};

struct BulkOptions {
  std::vector<std::string> inputs;  // data files, directories, JSON Lines files
  std::string output_dir;
  int jobs = 0;                     // worker threads; 0: one per core
  bool resume = false;
  Shard shard;
  std::string extension = ".pdf";   // of every output: ".pdf", or ".ofd" (--format ofd)
  std::string timings_file;         // "input<TAB>document<TAB>ms" per document, when set
  // --fail-on warning: exit 3 when a document has warnings. Off by default: a shard whose
  // documents were all written has done its job, and a job runner must not count it failed.
  bool warnings_fail = false;
  std::string version;              // jixiao's version and commit: part of --resume's hashes
  // The summaries' language, "en" or "zh" (--lang, or the locale): their headers, status
  // values and the findings' messages, expected, got and hints (docs/bulk-summary.md).
  std::string lang = "en";
  // Called from a progress thread about 5 times a second, and once at the end.
  std::function<void(const Progress&)> on_progress;
  // Non-zero (a signal number) once the run is asked to stop: no new document is started,
  // those in flight finish, the summary lists the rest as `not-rendered`.
  std::function<int()> stop_requested;
};

// Failures listed in full at the end of a run (stderr); the rest are counted, and all are
// in findings.json: 300,000 failures must not scroll a terminal for an hour.
constexpr std::size_t kListedFailures = 20;

struct Failed {
  std::string name;      // "file.json", "file.json /projects/3" or "batch.jsonl:12"
  std::vector<Diagnostic> diagnostics;  // its errors (and warnings), with file and place
};

struct BulkResult {
  bool warnings_fail = false;      // BulkOptions::warnings_fail
  DiagnosticSink run;              // problems of the run itself (inputs, output directory, summary)
  std::vector<Failed> failed;      // the first kListedFailures, in input order (progress.failed: all)
  std::size_t warned = 0;          // documents rendered with warnings
  std::size_t not_rendered = 0;    // documents a stop left out
  int stopped_by = 0;              // the signal that stopped the run early, else 0
  bool summarised = false;         // the run got to writing its summaries
  Progress progress;
  std::string summary_csv, summary_xlsx, findings_json;  // those written ("" when not)
  int exit_code() const;           // 2 run problem, a document failed or stopped, 3 warnings, else 0
};

// Renders every document of the inputs into options.output_dir (one PDF per document of a
// scored form; one per data set for forms without a rule set), writes the summaries and the
// manifest there. Engine options (fonts, templates, date) come with the engine.
BulkResult run_bulk(Engine& engine, const Options& engine_options, const BulkOptions& options);

}  // namespace jixiao::bulk
