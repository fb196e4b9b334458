#include "bulk/reader.h"

#include "bulk/documents.h"
#include "bulk/findings.h"

namespace jixiao::bulk {

void read_documents(const std::vector<Plan>& plans, const Shard& shard, const std::string& lang,
                    const std::function<bool()>& stopping,
                    Queue& queue, Spill& spill, Tally& tally) {
  std::size_t next_row = 0;
  for (const auto& plan : plans) {
    if (stopping()) break;
    std::size_t first_row = next_row, held = 0;
    for (std::size_t i = 0; i < plan.documents; ++i) held += shard.holds(plan.first + i);
    if (held == 0) continue;
    next_row += held;
    auto fail_all = [&](const Diagnostic& d) {
      for (std::size_t r = first_row, i = 0; i < plan.documents; ++i) {
        if (!shard.holds(plan.first + i)) continue;
        SummaryRow row = document_row(plan, i);
        row.status = "failed";
        row.errors = 1;
        row.findings.push_back(finding_row(d, lang));
        spill.put(r++, row, {d});
        ++tally.failed;
        ++tally.done;
      }
    };
    try {
      std::string text = read_data_set(plan.set);
      if (plan.member.empty()) {
        queue.push({first_row, &plan, std::nullopt, std::move(text), output_name(plan, std::nullopt), {}, 0, {}});
        continue;
      }
      std::size_t r = first_row;
      DiagnosticSink bad;
      // Kept while its documents are rendered: their places are lines of this file.
      auto source = std::make_shared<const SourceText>(std::move(text));
      const std::string& whole = source->text();
      std::size_t seen = 0;  // line:col counted on from one document to the next
      LineCol seen_at;
      bool ok = split_documents(
          plan.set.name, whole, plan.member, [&](std::size_t i) { return shard.holds(plan.first + i); },
          [&](std::size_t i, std::string doc, std::size_t at) {
            if (stopping()) return;
            seen_at = line_col(std::string_view(whole).substr(seen), at - seen, seen_at);
            seen = at;
            queue.push({r++, &plan, i, std::move(doc), output_name(plan, i), source, at, seen_at});
          },
          bad);
      if (!ok && r == first_row && !bad.all().empty()) fail_all(bad.all().front());
    } catch (const Failure& f) {
      fail_all(f.diagnostic());
    }
  }
}

}  // namespace jixiao::bulk
