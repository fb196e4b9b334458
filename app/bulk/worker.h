// The workers of a bulk run: each takes tasks off the queue and renders them through the
// shared engine, storing the document's time and, through the committer once its PDF is
// written, its summary row and --resume record.
#pragma once
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "bulk/committer.h"
#include "bulk/manifest.h"
#include "bulk/progress.h"
#include "bulk/spill.h"
#include "bulk/work_queue.h"
#include "diag/stack.h"

namespace jixiao::bulk {

// What rendering a document needs of the run; one for all workers (each call is on its own).
struct DocumentRenderer {
  Engine& engine;
  const BulkOptions& options;
  std::filesystem::path out_dir;
  Hash common;               // what every document's --resume key shares
  FileHashes& file_hashes;
  Manifest& manifest;
  Committer& committer;  // where rendered PDFs go to disk
  Spill& spill;
  Tally& tally;
  std::vector<double>& millis;  // per row: the render's wall time
  std::function<bool()> stopping;

  // Renders the task into its PDF and stores its row; a stop leaves it `not-rendered`.
  void render(Task& task) const;
};

// Starts up to jobs workers rendering what queue gives until it is closed and empty.
// Fewer when threads cannot be had; none (reported to sink, "bulk.threads") when not one.
std::vector<LargeStackThread> start_workers(int jobs, Queue& queue, const DocumentRenderer& renderer,
                                            DiagnosticSink& sink);

}  // namespace jixiao::bulk
