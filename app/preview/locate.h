// Where a diagnostic points, as text a person can look at: the line of a file holding it.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace jixiao::preview {

// One line of text for showing under a message, and where the marker goes in it.
struct SourceLine {
  std::string text;  // the line, without its line end; a window of it when very long
  int marker_col = 1;  // 1-based, in characters of text
};
// Line `line` (1-based) of text, with the marker at character column `col`; nullopt when
// there is no such line. Lines longer than ~200 characters are cut to a window around col.
std::optional<SourceLine> source_line(const std::string& text, int line, int col);

}  // namespace jixiao::preview
