// A self-evaluation pre-filled from the project's declaration (申报表): as seed 000 notes,
// 项目概况, 项目总目标, 年度绩效目标 and the indicators with their targets come from the
// declaration filed before the year; the unit adds actual values, scores and narratives.
// What is copied is a mapping file, templates/prefill/<self-evaluation form>.json.
#pragma once
#include <functional>
#include <string>
#include <vector>

#include "diag/diag.h"
#include "model/model.h"

namespace jixiao {

struct PrefillContext {
  // Directories a declaration may also lie in, besides the data file's own (--declaration-dir).
  std::vector<std::string> declaration_dirs;
  // Checks a declaration against its own form's schema; false (after reporting) refuses it.
  std::function<bool(const model::Dossier&, DiagnosticSink&)> validate_declaration;
};

// Fills d.source from the declarations its documents name (the mapping's "link" field).
// The data chooses a file here, so it is held on a short leash: a relative path, resolved
// against the data file's directory, that must stay inside it (or a declaration_dirs
// entry) once symlinks are resolved; a regular file of at most
// limits::kDeclarationFileBytes; valid against its own schema. Messages name the path the
// data gave and never quote a refused file. A value in both that differs is a warning
// naming the self-evaluation's pointer; the declaration's value is kept, as the approved
// one. Prefill runs before validation and so expects nothing of d's shape: whatever it
// cannot use it leaves for validation to report. Files read are added to inputs.
// mapping_file empty: the form has no prefill and nothing happens.
void prefill(model::Dossier& d, const std::string& mapping_file, const PrefillContext& context,
             DiagnosticSink& sink, std::vector<std::string>& inputs);

}  // namespace jixiao
