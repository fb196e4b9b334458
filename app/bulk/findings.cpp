#include "bulk/findings.h"

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "diag/lang.h"

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

namespace {

bool is_code(std::string_view s) {
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') digit = true;
    else if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-')) return false;
  }
  return digit && s.size() >= 2;
}

std::string trimmed(std::string_view s) {
  const char* space = " \t\r\n";
  std::size_t b = s.find_first_not_of(space);
  if (b == std::string_view::npos) return "";
  return std::string(s.substr(b, s.find_last_not_of(space) - b + 1));
}

}  // namespace

void set_unit(const std::string& given, SummaryRow& row) {
  std::string text = trimmed(given);
  std::size_t space = text.find_first_of(" \t");
  if (is_code(text)) {
    row.unit_code = text;
    row.unit.clear();
  } else if (space != std::string::npos && is_code(std::string_view(text).substr(0, space))) {
    row.unit_code = text.substr(0, space);
    row.unit = trimmed(std::string_view(text).substr(space));
  } else {
    row.unit = text;
    row.unit_code.clear();
  }
}

void fill_from_data(const std::string& text, const Engine::DocumentFields& fields, const std::string& member,
                    SummaryRow& row) {
  const std::string& documents = member.empty() ? fields.documents : member;
  if (documents.empty()) return;
  const nlohmann::json data = nlohmann::json::parse(text, nullptr, false);
  if (!data.is_object()) return;
  auto list = data.find(documents);
  if (list == data.end() || !list->is_array() || list->size() != 1 || !(*list)[0].is_object()) return;
  const nlohmann::json& doc = (*list)[0];
  if (row.document.empty()) row.document = "/" + documents + "/0";
  auto text_of = [&](const std::string& field) -> std::string {
    auto v = field.empty() ? doc.end() : doc.find(field);
    return v != doc.end() && v->is_string() ? v->get<std::string>() : "";
  };
  if (row.project.empty()) row.project = text_of(fields.title);
  if (row.unit.empty() && row.unit_code.empty()) set_unit(text_of(fields.unit), row);
}

FindingRow finding_row(const Diagnostic& d, const std::string& lang, std::string computed, std::string declared) {
  FindingRow f{severity_name(d.severity), d.code, d.file, d.place.pointer, translate(d.code, d.message, lang),
               std::move(computed), std::move(declared), d.place.line, d.place.col,
               translate(d.code, d.expected, lang), translate(d.code, d.got, lang), {}};
  for (const auto& h : d.hints) f.hints.push_back(translate(d.code, h, lang));
  return f;
}

// Findings of the rules (structured) and the engine's other diagnostics, for the summary.
// A finding of the rules is also among the diagnostics (same code and pointer), worded as
// the terminal has it (the rule set's message for the language, its numbers): that wording
// is taken, with the finding's computed and declared values.
void fill_findings(const Result& res, const DataSet& set, const std::string& lang, SummaryRow& row) {
  auto add = [&](const Diagnostic& d, std::string computed, std::string declared) {
    if (d.severity == Severity::Error) ++row.errors;
    else if (d.severity == Severity::Warning) ++row.warnings;
    else ++row.notes;
    row.findings.push_back(finding_row(d, lang, std::move(computed), std::move(declared)));
  };
  auto as_diagnostic = [&](const DocumentFinding& f) -> const Diagnostic* {
    for (const auto& d : res.diagnostics.all())
      if (f.code == d.code && f.pointer == d.place.pointer) return &d;
    return nullptr;
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
      Diagnostic at = located({f.severity, f.code, row.input, place, f.message, "", "", {}}, set);
      if (const Diagnostic* d = as_diagnostic(f)) {
        at.message = d->message;
        at.expected = d->expected;
        at.got = d->got;
        at.hints = d->hints;
      }
      add(at, f.computed, f.declared);
    }
  for (const auto& d : res.diagnostics.all())
    if (!is_finding(d)) add(located(d, set), "", "");
}

}  // namespace jixiao::bulk
