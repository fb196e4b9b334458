// A document's summary row: which document it is, and the findings and diagnostics of its
// render, placed in the file the user gave (a JSON Lines line is its file's line).
#pragma once
#include <cstddef>

#include "bulk/inputs.h"
#include "bulk/outputs.h"
#include "bulk/summary.h"
#include "jixiao.h"

namespace jixiao::bulk {

// A row naming the document: its input and, for a set split into documents, "/member/index".
SummaryRow document_row(const Plan& plan, std::size_t index);

// The diagnostic placed in the file the user gave: a JSON Lines line's "1:col" becomes
// the file's "line:col".
Diagnostic located(Diagnostic d, const DataSet& set);

// The unit as the data gives it, into row.unit (the name) and row.unit_code: a name
// ("某市住房和建设局"), a code ("0102013": digits, maybe with ASCII letters or "-"), or a code
// then the name ("001276001276 苏州市住房和城乡建设局").
void set_unit(const std::string& given, SummaryRow& row);

// A document that failed before it was scored: what its data still says, best effort (text
// that is not JSON says nothing). fields: what the form's rule set names (Engine::
// document_fields); member: the plan's member when the set was split into documents (then
// the text holds this one document), else "". Fills project, unit and, for a file holding
// one document, document; leaves what is already set.
void fill_from_data(const std::string& text, const Engine::DocumentFields& fields, const std::string& member,
                    SummaryRow& row);

// A diagnostic as a finding of the summary, in lang as the terminal words it (message,
// expected, got, hints); computed and declared: a score's values, for a finding of the rules.
FindingRow finding_row(const Diagnostic& d, const std::string& lang, std::string computed = {},
                       std::string declared = {});

// Findings of the rules (structured) and the engine's other diagnostics, for the summary:
// as the terminal shows them in lang ("en", "zh"): message, expected, got and hints.
void fill_findings(const Result& res, const DataSet& set, const std::string& lang, SummaryRow& row);

}  // namespace jixiao::bulk
