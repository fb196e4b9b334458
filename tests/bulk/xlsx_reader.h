// Reads an .xlsx workbook back for tests: the real `unzip` extracts the parts, pugixml
// parses them. Enough for what jixiao writes (strings shared or inline, numbers), no more.
#pragma once
#include <string>
#include <vector>

namespace jixiao::test {

// One part of the workbook ("xl/styles.xml"), or "" when it has none. Throws
// std::runtime_error when unzip cannot read the file.
std::string xlsx_part(const std::string& xlsx, const std::string& part);

// The cells of sheet sheet_number (1-based: xl/worksheets/sheetN.xml) as text, placed by
// their reference (r="B2" → [1][1]); cells not written are "". Strings are resolved
// (shared or inline, _xHHHH_ escapes decoded); numbers are the shortest text of the value
// the XML holds ("87.09999999999999" in the XML, the same double as 87.1, gives "87.1").
std::vector<std::vector<std::string>> read_sheet(const std::string& xlsx, int sheet_number);

}  // namespace jixiao::test
