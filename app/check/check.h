// `jixiao templates --check`: every form template, rule set, schema and prefill map of the
// template directories loaded and checked against each other, before any data reaches
// them. What a template binds ({p.budget.initial}, each=, test=), what a rule set names
// (fields, categories, formulas, checks, pointers) and what a prefill map copies must all
// exist in the form's data schema (and in the scores the view adds). Every problem is an
// error at file:line:col with the names that would do.
#pragma once
#include <string>
#include <vector>

#include "diag/diag.h"
#include "catalog/catalog.h"

namespace jixiao::check {

struct Summary {
  int forms = 0, rule_sets = 0, schemas = 0, prefill_maps = 0;
};

// Checks every file the catalog finds (a user's file shadows a built-in one of the same
// name, as in rendering), with the catalog's codes for what is missing or misnamed;
// problems go to sink. The counts are of the files checked.
Summary check_templates(const Catalog& catalog, DiagnosticSink& sink);

}  // namespace jixiao::check
