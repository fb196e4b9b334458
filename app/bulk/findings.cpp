#include "bulk/findings.h"

#include <string>

namespace jixiao::bulk {

SummaryRow document_row(const Plan& plan, std::size_t index) {
  SummaryRow row;
  row.input = plan.set.name;
  if (!plan.member.empty()) row.document = "/" + plan.member + "/" + std::to_string(index);
  return row;
}

// A JSON Lines line is read as a file of one line: "batch.jsonl:8" at "1:7813" is the
// file's line 8, column 7813.
Diagnostic located(Diagnostic d, const DataSet& set) {
  if (set.line == 0 || d.file != set.name || d.place.line != 1) return d;
  d.file = set.path;
  d.place.line = static_cast<int>(set.line);
  return d;
}

// Findings of the rules (structured) and the engine's other diagnostics, for the summary.
void fill_findings(const Result& res, const DataSet& set, SummaryRow& row) {
  auto add = [&](const std::string& sev, std::string code, std::string file, Place place, std::string msg,
                 std::string computed, std::string declared) {
    if (sev == "error") ++row.errors;
    else if (sev == "warning") ++row.warnings;
    else ++row.notes;
    row.findings.push_back({sev, std::move(code), std::move(file), std::move(place.pointer), std::move(msg),
                            std::move(computed), std::move(declared), place.line, place.col});
  };
  auto is_finding = [&](const Diagnostic& d) {
    for (const auto& doc : res.documents)
      for (const auto& f : doc.findings)
        if (f.code == d.code && f.pointer == d.place.pointer) return true;
    return false;
  };
  for (const auto& doc : res.documents)
    for (const auto& f : doc.findings) {
      Place place;
      place.pointer = f.pointer;
      place.line = f.line;
      place.col = f.col;
      Diagnostic at = located({f.severity, f.code, row.input, place, "", "", "", {}}, set);
      add(severity_name(f.severity), f.code, at.file, at.place, f.message, f.computed, f.declared);
    }
  for (const auto& d : res.diagnostics.all())
    if (!is_finding(d)) {
      Diagnostic at = located(d, set);
      add(severity_name(at.severity), at.code, at.file, at.place, at.message, "", "");
    }
}

}  // namespace jixiao::bulk
