// Where a diagnostic points, as text a person can look at: the line of a file holding a
// line:col place, or the line of a JSON file holding the value a JSON pointer names.
#pragma once
#include <cstddef>
#include <optional>
#include <string>

namespace jixiao::preview {

// Byte offset in JSON text of what pointer names: an object member's key (its opening
// quote), an array element's first character. When the pointer names something absent
// (a missing member), the deepest part that exists; nullopt when the text is not JSON
// enough to get there. Skips the values it passes without recursion (any nesting).
std::optional<std::size_t> locate_pointer(const std::string& json, const std::string& pointer);

// One line of text for showing under a message, and where the marker goes in it.
struct SourceLine {
  std::string text;  // the line, without its line end; a window of it when very long
  int marker_col = 1;  // 1-based, in characters of text
};
// Line `line` (1-based) of text, with the marker at character column `col`; nullopt when
// there is no such line. Lines longer than ~200 characters are cut to a window around col.
std::optional<SourceLine> source_line(const std::string& text, int line, int col);

// "12:5" → (12, 5); nullopt for anything else (a JSON pointer, "").
std::optional<std::pair<int, int>> parse_line_col(const std::string& place);

}  // namespace jixiao::preview
