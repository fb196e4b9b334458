// The end of a bulk run: every row read back from the spill in input order (one never
// stored was not reached: `not-rendered`), the failures listed, the summaries and timings
// written.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "bulk/outputs.h"
#include "bulk/run.h"
#include "bulk/spill.h"

namespace jixiao::bulk {

// ".shard-2-of-4" for a shard of a split run, "" for a whole run: part of the names of the
// files a run writes beside the PDFs.
std::string shard_suffix(const Shard& s);

// Fills result's failed and not_rendered, writes summary, findings and the timings file
// (options.timings_file; millis per row); problems go to result.run, each summary file on
// its own.
void finish_run(const std::vector<Plan>& plans, const BulkOptions& options, std::size_t rows, const Spill& spill,
                const std::vector<double>& millis, BulkResult& result);

}  // namespace jixiao::bulk
