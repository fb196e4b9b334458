// Line:col for what a run says about its data: every data error names file:line:col (what
// editors and terminals jump to) as well as the JSON pointer.
#pragma once
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "jixiao.h"

namespace jixiao {

// The user's whole data file, when a bulk run splits documents off it (Request::
// document_source). Places outside every document (the form, the title) are looked up in
// it once for all of them: a file of 10,000 projects is not read again for each.
class SourceText {
 public:
  explicit SourceText(std::string text) : text_(std::move(text)) {}
  const std::string& text() const { return text_; }
  // line:col of the value at each pointer (of the nearest enclosing one when it is not in
  // the file; line 0 when the text is not JSON that far).
  std::vector<LineCol> places(const std::vector<std::string>& pointers) const;

 private:
  std::string text_;
  mutable std::mutex mutex_;
  mutable std::map<std::string, LineCol> known_;
};

// Fills in the line:col of the diagnostics about req.data_file that have only a pointer,
// and of the scored documents' findings, from the data's text (Request::data_text or the
// file; a split-off document's source when there is one). Places stay as they are when the
// text cannot be read or a split-off document's source is not given.
void locate_data_places(const Request& req, Result& res);

}  // namespace jixiao
