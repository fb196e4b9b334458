// The documents of a data set. A data file's rule set names the member holding its
// documents ("projects"); a bulk run renders one PDF per document, so a file of 10,000
// projects is read holding one project at a time and one bad project fails alone.
#pragma once
#include <cstddef>
#include <functional>
#include <map>
#include <string>

#include "diag/diag.h"

namespace jixiao::bulk {

// What a quick look at a data set finds without building it: its "form" and the length of
// each array member of its root. ok is false when the text is not JSON with an object root
// (the engine's own reading then says what is wrong, with line:col).
struct Outline {
  bool ok = false;
  std::string form;
  std::map<std::string, std::size_t> arrays;
};
Outline outline(const std::string& text);

// For each element of the root's array `member` for which wanted(index) is true, calls
// emit(index, text, at): the data set with that member holding only that element, as JSON,
// and the element's byte offset in text. Returns false when the text is not strict JSON
// (reported to sink, naming `name`).
bool split_documents(const std::string& name, const std::string& text, const std::string& member,
                     const std::function<bool(std::size_t)>& wanted,
                     const std::function<void(std::size_t, std::string, std::size_t)>& emit,
                     DiagnosticSink& sink);

}  // namespace jixiao::bulk
