// The two anchor documents of the benchmark (seeds 003 and 000) as document trees, with the
// bench's layout spec: A4, margins 25/20 mm, 宋 10.5 pt justified with a 2 em indent at a
// pitch of 1.5, 16 pt title, 12 pt level-1 headings and table titles, tables with 0.5 pt
// rules, 3 pt / 4 pt padding and a pitch of 1.3, header rows repeated.
#pragma once
#include <string>

#include "doc/document.h"

namespace jixiao::test {

// id "003" or "000": tests/layout/data/seed_<id>.txt. footer: a PageMark text, or none.
doc::Document seed_document(const std::string& id, const std::string& footer = "");

}  // namespace jixiao::test
