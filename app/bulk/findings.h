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

// Findings of the rules (structured) and the engine's other diagnostics, for the summary.
void fill_findings(const Result& res, const DataSet& set, SummaryRow& row);

}  // namespace jixiao::bulk
