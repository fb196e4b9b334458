#include "bulk/finish.h"

#include <cstdio>
#include <filesystem>
#include <functional>

#include "bulk/findings.h"
#include "bulk/manifest.h"
#include "bulk/shard_rows.h"
#include "diag/files.h"

namespace jixiao::bulk {

namespace {

// Calls f(row number, row, its problems) for every row of this shard in order; ordinal, when
// given, is set to the row's document number in the whole run before each call.
using RowVisitor = std::function<void(std::size_t, SummaryRow&, std::vector<Diagnostic>*)>;
void each_row(const std::vector<Plan>& plans, const Shard& shard, const Spill& spill, const RowVisitor& f,
              bool with_problems, std::size_t* ordinal = nullptr) {
  std::size_t r = 0;
  SummaryRow row;
  std::vector<Diagnostic> problems;
  for (const auto& plan : plans)
    for (std::size_t i = 0; i < plan.documents; ++i) {
      if (!shard.holds(plan.first + i)) continue;
      problems.clear();
      if (ordinal) *ordinal = plan.first + i;
      if (!spill.get(r, row, with_problems ? &problems : nullptr)) {
        row = document_row(plan, i);
        row.status = "not-rendered";
      }
      f(r++, row, &problems);
    }
}

// The same inputs giving the same documents: what shards of one run share.
std::string run_identity(const std::vector<Plan>& plans) {
  Hash h;
  for (const auto& p : plans) h.add(p.set.name).add("\t").add(std::to_string(p.documents)).add("\n");
  return h.hex();
}

}  // namespace

std::string shard_suffix(const Shard& s) {
  return s.count > 1 ? ".shard-" + std::to_string(s.index) + "-of-" + std::to_string(s.count) : "";
}

void finish_run(const std::vector<Plan>& plans, const BulkOptions& options, std::size_t rows, const Spill& spill,
                const std::vector<double>& millis, BulkResult& result) {
  DiagnosticSink& sink = result.run;
  const std::filesystem::path out_dir(options.output_dir);
  auto each = [&](const RowVisitor& f, bool with_problems) { each_row(plans, options.shard, spill, f, with_problems); };
  try {
    each([&](std::size_t, SummaryRow& row, std::vector<Diagnostic>* problems) {
      if (row.status == "not-rendered") ++result.not_rendered;
      if (row.status == "failed" && result.failed.size() < kListedFailures)
        result.failed.push_back({row.input + (row.document.empty() ? "" : " " + row.document), std::move(*problems)});
    }, true);
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
    return;
  }
  const RowSource source(rows, [&](const std::function<void(const SummaryRow&)>& f) {
    each([&](std::size_t, SummaryRow& row, std::vector<Diagnostic>*) { f(row); }, false);
  });

  // Each summary file on its own: one that cannot be written is said, the others still are.
  const std::string sfx = shard_suffix(options.shard);
  auto write_one = [&](std::string& name, const std::string& file,
                       const std::function<void(const std::string&, const RowSource&)>& write) {
    std::string path = (out_dir / file).string();
    try {
      write(path, source);
      name = path;
    } catch (const Failure& f) {
      sink.report(f.diagnostic());
    }
  };
  const std::string& lang = options.lang;
  write_one(result.summary_csv, "summary" + sfx + ".csv", [&](const std::string& p, const RowSource& r) { write_csv(p, r, lang); });
  write_one(result.summary_xlsx, "summary" + sfx + ".xlsx", [&](const std::string& p, const RowSource& r) { write_xlsx(p, r, lang); });
  write_one(result.findings_json, "findings" + sfx + ".json", [](const std::string& p, const RowSource& r) { write_findings_json(p, r); });
  if (options.shard.count > 1) {  // for `jixiao merge`
    ShardHeader header{options.shard, plans.empty() ? 0 : plans.back().first + plans.back().documents, rows,
                       run_identity(plans), options.lang};
    std::string path = (out_dir / shard_rows_name(options.shard)).string();
    try {
      write_shard_rows(path, header, [&](const std::function<void(std::size_t, const SummaryRow&)>& f) {
        std::size_t ordinal = 0;
        each_row(plans, options.shard, spill, [&](std::size_t, SummaryRow& row, std::vector<Diagnostic>*) { f(ordinal, row); },
                 false, &ordinal);
      });
    } catch (const Failure& f) {
      sink.report(f.diagnostic());
    }
  }
  if (options.timings_file.empty()) return;
  try {
    write_file_streamed(options.timings_file, [&](const std::function<void(std::string_view)>& put) {
      each([&](std::size_t r, SummaryRow& row, std::vector<Diagnostic>*) {
        char ms[32];
        std::snprintf(ms, sizeof ms, "%.3f", millis[r]);
        put(row.input + "\t" + row.document + "\t" + ms + "\n");
      }, false);
    });
  } catch (const Failure& f) {
    sink.report(f.diagnostic());
  }
}

}  // namespace jixiao::bulk
