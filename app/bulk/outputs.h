// Every PDF a bulk run writes, named before the first one is written: a data set gives one
// PDF, or one per document when its form's rule set names a member holding two or more.
// The names of the whole run (every shard, so that all shards refuse alike) must be unique.
#pragma once
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "bulk/inputs.h"
#include "jixiao.h"

namespace jixiao::bulk {

// A data set as the run will read it: whole, or one task per document.
struct Plan {
  DataSet set;
  std::string member;         // root member holding its documents; "" = rendered whole
  std::size_t documents = 1;  // tasks it gives (before sharding)
  std::size_t first = 0;      // ordinal of its first task in the whole run
  std::string extension = ".pdf";  // of its outputs (".ofd" with --format ofd)
};

// Decides how each data set is read (reads each one's outline).
std::vector<Plan> make_plans(Engine& engine, std::vector<DataSet> sets, const std::string& extension = ".pdf");

// The PDF of a plan (index: the document, when split), relative to the output directory:
// "a.pdf", "a-1.pdf" … "a-9.pdf" (numbered from 1, zero-padded to the count's width; .ofd
// for an OFD run).
std::string output_name(const Plan& plan, std::optional<std::size_t> index);

// Reports (bulk.output-clash, bulk.input) every document that would write a PDF another
// document of the run writes: the same name, a name differing only in ASCII case (one file
// on Windows and macOS disks and shares), or a name another one uses as a directory.
// Returns false when there is any; nothing has been written then.
bool check_outputs(const std::vector<Plan>& plans, DiagnosticSink& sink);

}  // namespace jixiao::bulk
