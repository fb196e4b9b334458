// What a bulk run reads: data files given by name, every data file below a directory, and
// JSON Lines files (one data file's object per line). Each becomes a DataSet in a stable
// order: inputs as given, a directory's files sorted by path, lines in file order.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

#include "diag/diag.h"

namespace jixiao::bulk {

struct DataSet {
  std::string path;      // the file read
  std::string name;      // how messages name it: the path, or "path:LINE" for JSON Lines
  std::string out_stem;  // its PDF's name without ".pdf", relative to the output directory
  std::size_t line = 0;  // JSON Lines: 1-based line number; 0 for a data file
  std::size_t offset = 0, length = 0;  // JSON Lines: the line's bytes in the file
};

// Expands the inputs. A directory gives every *.json and *.jsonl file below it (symbolic
// links to directories are not followed; skip, when not empty, is left out: the output
// directory); a *.jsonl file gives one DataSet per non-blank line (a line longer than a data
// file may be too: reading it fails, so that it fails alone). Problems of the run (a missing
// input) are reported to sink with the file concerned.
std::vector<DataSet> expand_inputs(const std::vector<std::string>& inputs, const std::string& skip,
                                   DiagnosticSink& sink);

// The data set's bytes (the file, or its line). Throws Failure when it cannot be read or is
// over the limit of a data file ("batch.jsonl:12", the limit).
std::string read_data_set(const DataSet& set);

}  // namespace jixiao::bulk
