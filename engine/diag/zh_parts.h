// The parts of the Chinese catalog (diag/lang.h), one per part of the engine.
#pragma once
#include <vector>

#include "diag/lang.h"

namespace jixiao::zh {

std::vector<CatalogEntry> shared();    // zh_catalog.cpp: phrases many codes use
std::vector<CatalogEntry> data();      // zh_data.cpp: io, json, model, schema, prefill, bulk
std::vector<CatalogEntry> forms();     // zh_forms.cpp: template, expr, rules, layout, fonts, pdf
std::vector<CatalogEntry> scoring();   // zh_scoring.cpp: scoring findings, score, internal

}  // namespace jixiao::zh
