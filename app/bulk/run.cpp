// run_bulk: plans the run, then the reader (bulk/reader.h) feeds the workers
// (bulk/worker.h) through a bounded queue (bulk/work_queue.h); the rows go to a spill and
// come back in order for the summaries (bulk/finish.h).
#include "bulk/run.h"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <thread>

#include "bulk/finish.h"
#include "bulk/reader.h"
#include "bulk/worker.h"

namespace jixiao::bulk {

namespace fs = std::filesystem;

namespace {

// Every data set of the inputs and how it is read, once the output directory is there and
// no two documents would write the same PDF; nothing (reported to sink) otherwise.
std::optional<std::vector<Plan>> plan_run(Engine& engine, const BulkOptions& options, DiagnosticSink& sink) {
  std::error_code ec;
  fs::create_directories(options.output_dir, ec);
  if (!fs::is_directory(options.output_dir, ec)) {
    sink.error("bulk.output", options.output_dir, "", "cannot make the output directory", "a directory that can be written");
    return std::nullopt;
  }
  std::vector<DataSet> sets = expand_inputs(options.inputs, options.output_dir, sink);
  if (sink.has_errors()) return std::nullopt;
  if (sets.empty()) {
    sink.error("bulk.input", options.inputs.empty() ? "" : options.inputs.front(), "", "no data files found",
               "*.json or *.jsonl files");
    return std::nullopt;
  }
  std::vector<Plan> plans = make_plans(engine, std::move(sets), options.extension);
  if (!check_outputs(plans, sink)) return std::nullopt;  // the whole run's names: every shard refuses alike
  return plans;
}

// Rows in input order, of this shard's documents only.
std::size_t count_rows(const std::vector<Plan>& plans, const Shard& shard) {
  std::size_t rows = 0;
  for (const auto& p : plans)
    for (std::size_t i = 0; i < p.documents; ++i) rows += shard.holds(p.first + i);
  return rows;
}

// Makes a T in place from args; a Failure is reported to sink and leaves it empty.
template <typename T, typename... Args>
bool open_or_report(std::optional<T>& into, DiagnosticSink& sink, Args&&... args) {
  try {
    into.emplace(std::forward<Args>(args)...);
    return true;
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
    return false;
  }
}

}  // namespace

int BulkResult::exit_code() const {
  if (run.has_errors() || progress.failed > 0 || stopped_by != 0) return 2;
  // An unchanged document with warnings counts, as in the run that wrote it: a resumed run
  // exits as the first did.
  return warnings_fail && warned > 0 ? 3 : 0;
}

BulkResult run_bulk(Engine& engine, const Options& engine_options, const BulkOptions& options) {
  BulkResult result;
  result.warnings_fail = options.warnings_fail;
  DiagnosticSink& sink = result.run;
  const std::optional<std::vector<Plan>> plans = plan_run(engine, options, sink);
  if (!plans) return result;
  const std::size_t rows = count_rows(*plans, options.shard);
  std::vector<double> millis(rows, 0);
  result.progress.total = rows;

  // What every document's key for --resume shares: version, options that change bytes, fonts.
  FileHashes file_hashes;
  const Hash common = run_key(engine, engine_options, options.version, file_hashes, sink);
  if (sink.has_errors()) return result;
  const fs::path out_dir(options.output_dir);
  std::optional<Manifest> manifest;
  const std::string manifest_path = (out_dir / (".jixiao-manifest" + shard_suffix(options.shard) + ".tsv")).string();
  if (!open_or_report(manifest, sink, manifest_path, options.resume)) return result;
  // Finished rows go to disk: memory follows the documents in flight, not the run.
  std::optional<Spill> spill;
  if (!open_or_report(spill, sink, out_dir.string(), rows)) return result;
  auto stopping = [&] { return options.stop_requested && options.stop_requested() != 0; };

  Tally tally(rows);
  std::optional<Committer> committer;
  committer.emplace(*manifest, *spill, tally, options.lang);
  const DocumentRenderer renderer{engine, options, out_dir, common, file_hashes,
                                  *manifest, *committer, *spill, tally, millis, stopping};
  int jobs = options.jobs > 0 ? options.jobs : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  Queue queue(static_cast<std::size_t>(jobs) * 4);
  std::vector<LargeStackThread> workers = start_workers(jobs, queue, renderer, sink);
  if (workers.empty()) return result;
  ProgressReporter reporter(tally, options.on_progress);

  read_documents(*plans, options.shard, options.lang, stopping, queue, *spill, tally);
  queue.close();
  for (auto& w : workers) join_large_stack_thread(w);
  committer->finish();
  reporter.stop();
  result.progress = tally.now();
  if (options.on_progress) options.on_progress(result.progress);

  result.warned = tally.warned;
  result.summarised = true;
  result.stopped_by = options.stop_requested ? options.stop_requested() : 0;
  finish_run(*plans, options, rows, *spill, millis, result);
  return result;
}

}  // namespace jixiao::bulk
