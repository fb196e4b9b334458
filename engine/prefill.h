// A self-evaluation pre-filled from the project's declaration (申报表): as seed 000 notes,
// 项目概况, 项目总目标, 年度绩效目标 and the indicators with their targets come from the
// declaration filed before the year; the unit adds actual values, scores and narratives.
// What is copied is a mapping file, templates/prefill/<self-evaluation form>.json.
#pragma once
#include <string>
#include <vector>

#include "diag/diag.h"
#include "model/model.h"

namespace jixiao {

// Fills d.source from the declarations its documents name (the mapping's "link" field,
// a path relative to the data file). A value in both that differs is a warning naming the
// self-evaluation's pointer; the declaration's value is kept, as the approved one.
// mapping_file empty: the form has no prefill and nothing happens.
void prefill(model::Dossier& d, const std::string& mapping_file, DiagnosticSink& sink);

}  // namespace jixiao
