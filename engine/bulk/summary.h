// The summary of a bulk run: one row per document (unit, project, form, total, grade,
// findings by severity, output file) as CSV and as an Excel workbook with a second sheet
// of every finding, and every finding as JSON. Rows are written in the order given (the
// run sorts them by input and document), so the same run gives the same bytes.
#pragma once
#include <cstddef>
#include <string>
#include <vector>

namespace jixiao::bulk {

// A finding of the scoring rules or a diagnostic of the engine, for one document.
struct FindingRow {
  std::string severity;  // "error", "warning", "note"
  std::string code;      // "scoring.declared-differs", "model.type", …
  std::string file;      // the file concerned (data file, template, rule set …)
  std::string pointer;   // JSON pointer of the data concerned, or "line:col"
  std::string message;
  std::string computed;  // may be empty
  std::string declared;  // may be empty
};

struct SummaryRow {
  std::string input;     // data file as given (JSON Lines: "file.jsonl:LINE")
  std::string document;  // JSON pointer of the document in it ("/projects/3")
  std::string unit;      // 单位 (unit), "" when the data names none
  std::string project;   // the document's title: project or department name
  std::string form;      // form id
  std::string total;     // "87.10"; "" when not scored
  std::string max;       // "100.00"; "" when not scored
  std::string grade;     // "优", "良" …; "" when not scored or none
  int errors = 0, warnings = 0, notes = 0;  // of findings
  std::string status;    // "ok", "warnings", "failed", "unchanged" (--resume: not rendered again)
  std::string output;    // the PDF, relative to the output directory; "" when failed
  int pages = 0;
  std::size_t bytes = 0;  // PDF bytes
  std::vector<FindingRow> findings;
};

// Each writes atomically (a temporary renamed into place); throws jixiao::Failure with the
// path on an I/O error.
void write_csv(const std::string& path, const std::vector<SummaryRow>& rows);
// Sheet "summary" (the CSV's columns) and sheet "findings" (input, document, severity,
// code, file, pointer, message, computed, declared). Deterministic bytes.
void write_xlsx(const std::string& path, const std::vector<SummaryRow>& rows);
// {"documents": [{input, document, unit, project, form, total, grade, status, output,
//  findings: [{severity, code, file, pointer, message, computed?, declared?}]}]}
void write_findings_json(const std::string& path, const std::vector<SummaryRow>& rows);

}  // namespace jixiao::bulk
