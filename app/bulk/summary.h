// The summary of a bulk run: one row per document (unit, project, form, total, grade,
// findings by severity, output file) as CSV and as an Excel workbook with a second sheet
// of every finding, and every finding as JSON. Rows are written in the order given (the
// run sorts them by input and document), so the same run gives the same bytes.
#pragma once
#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace jixiao::bulk {

// A finding of the scoring rules or a diagnostic of the engine, for one document.
struct FindingRow {
  std::string severity;  // "error", "warning", "note"
  std::string code;      // "scoring.declared-differs", "model.type", …
  std::string file;      // the file concerned (data file, template, rule set …)
  std::string pointer;   // JSON pointer of the data concerned; "" when none
  std::string message;
  std::string computed;  // may be empty
  std::string declared;  // may be empty
  int line = 0, col = 0;  // in file, 1-based (col in characters); 0 when unknown
  // What the terminal prints with it: what was expected, what was found, the hints. The
  // message, these and the hints are in the run's language (--lang) as the terminal has them.
  std::string expected{}, got{};  // may be empty
  std::vector<std::string> hints{};
};

struct SummaryRow {
  std::string input;     // data file as given (JSON Lines: "file.jsonl:LINE")
  std::string document;  // JSON pointer of the document in it ("/projects/3")
  std::string unit;      // 单位: the unit's name, "" when the data names none
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
  std::string unit_code{};  // the unit's code (the data gives a code, or "CODE name"); "" when none
};

// The rows of a run in order, visited as often as a writer needs (the workbook's column
// widths take a pass of their own): a bulk run reads them back from disk (spill.h) rather
// than holding them. A vector of rows converts to one.
struct RowSource {
  std::size_t count = 0;
  std::function<void(const std::function<void(const SummaryRow&)>&)> each;
  RowSource(std::size_t n, std::function<void(const std::function<void(const SummaryRow&)>&)> visit)
      : count(n), each(std::move(visit)) {}
  RowSource(const std::vector<SummaryRow>& rows)  // NOLINT: a vector is a source
      : count(rows.size()), each([&rows](const std::function<void(const SummaryRow&)>& f) {
          for (const auto& r : rows) f(r);
        }) {}
};

// The language of the summary files: "en" or "zh" (--lang, or the locale). CSV and workbook
// headers, status and severity are written in it; findings.json keeps English keys and
// values a program compares (status, severity), its messages being in the rows' language.
// Each writes atomically (a temporary renamed into place); throws jixiao::Failure
// ("io.write", the path) on an I/O error. Columns for users: docs/bulk-summary.md.
//
// UTF-8 with a BOM (Excel on Chinese Windows reads UTF-8 without one as GBK), CR LF,
// RFC 4180 quoting, a header row in lang. total, max, the counts, pages and bytes are
// numbers; a text cell starting with = + - @ (or tab, CR) gets a leading apostrophe so that
// a spreadsheet does not run it as a formula.
void write_csv(const std::string& path, const RowSource& rows, const std::string& lang = "en");
// Sheet "summary" (the CSV's columns; total/max numbers shown 0.00, blank when not scored)
// and sheet "findings" (input, document, severity, code, file, pointer, line, col, message,
// expected, got, hint, computed, declared; line and col numbers, blank when unknown; hints
// one a line), header rows bold and
// frozen, autofilter on. Text is stored as text, never a formula; what XML cannot hold
// (invalid UTF-8, control characters) becomes U+FFFD, CR LF one line break. Deterministic
// bytes (fixed creation date; libxlsxwriter dates zip entries 1980-01-01). Rows are
// streamed (constant_memory): 10,000 documents take under a second.
void write_xlsx(const std::string& path, const RowSource& rows, const std::string& lang = "en");
// {"documents": [{input, document, unit, unit_code, project, form, total, grade, status, output,
//  findings: [{severity, code, file, pointer, line, col, message, expected?, got?, hints?,
//  computed?, declared?}]}]}
// total is a number as in `jixiao score --json` (87.1), null when not scored; line and col
// null when unknown; expected, got, hints (an array), computed and declared only when not empty. 2-space indent, a final newline.
void write_findings_json(const std::string& path, const RowSource& rows);

// The same from rows in memory.
inline void write_csv(const std::string& path, const std::vector<SummaryRow>& rows, const std::string& lang = "en") {
  write_csv(path, RowSource(rows), lang);
}
inline void write_xlsx(const std::string& path, const std::vector<SummaryRow>& rows, const std::string& lang = "en") {
  write_xlsx(path, RowSource(rows), lang);
}
inline void write_findings_json(const std::string& path, const std::vector<SummaryRow>& rows) {
  write_findings_json(path, RowSource(rows));
}

}  // namespace jixiao::bulk
