// What a shard leaves for `jixiao merge`: rows.shard-K-of-N.jsonl in the output directory,
// a header line (the shard, the whole run's document count and an identity of its inputs)
// and one line per summary row with the row's ordinal in the whole run. Merging orders the
// N shards' rows by ordinal and writes them with the single run's writers, so the merged
// summary.csv, summary.xlsx and findings.json are the single run's, byte for byte.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "bulk/shard.h"
#include "bulk/summary.h"
#include "diag/diag.h"

namespace jixiao::bulk {

struct ShardHeader {
  Shard shard;
  std::size_t documents = 0;  // of the whole run
  std::size_t rows = 0;       // of this shard
  std::string run;            // identity of the run's inputs and document counts
  std::string lang = "en";    // the summaries' language (--lang): the rows' messages are in it
};

// "rows.shard-K-of-N.jsonl"
std::string shard_rows_name(const Shard& s);

// Writes the header, then each (ordinal, row) visit gives: streamed, atomic. Throws Failure.
void write_shard_rows(const std::string& path, const ShardHeader& header,
                      const std::function<void(const std::function<void(std::size_t, const SummaryRow&)>&)>& each);

struct MergeResult {
  DiagnosticSink diagnostics;  // missing, incomplete or mismatched shards, I/O
  std::vector<std::string> written, removed;
  std::size_t documents = 0;
  int shards = 0;
};

// `jixiao merge DIR`: the N shards' rows (N from the newest rows file) into DIR/summary.csv,
// summary.xlsx and findings.json; every shard must be there and complete (no row
// not-rendered), else nothing is written and each missing or incomplete shard is named.
// The summaries are written in the shards' language (their --lang, recorded in their rows
// files, as their messages are): shards of different languages are refused (merge.lang).
// Files of another shard count (*.shard-K-of-M.*) are removed once the merge is written.
MergeResult merge_shards(const std::string& dir);

}  // namespace jixiao::bulk
