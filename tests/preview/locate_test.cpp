// Where the preview's diagnostics point: a JSON pointer's line in the data file, a line with
// its marker, cut to a window when very long.
#include <catch2/catch.hpp>

#include "diag/diag.h"
#include "preview/locate.h"

using jixiao::preview::locate_pointer;
using jixiao::preview::source_line;

namespace {

std::string at(const std::string& json, const std::string& pointer) {
  auto offset = locate_pointer(json, pointer);
  return offset ? jixiao::to_string(jixiao::line_col(json, *offset)) : "none";
}

}  // namespace

TEST_CASE("a JSON pointer's place: member keys, array elements, escapes, what is missing") {
  const std::string json =
      "{\n"
      "  \"a\": {\"skip\": [1, {\"x\": \"}]\\\"\"}], \"b/c\": [10, 20,\n"
      "    {\"名\": \"值\", \"k~\": true}]},\n"
      "  \"\\u540d\": null\n"
      "}\n";
  CHECK(at(json, "") == "1:1");
  CHECK(at(json, "/a") == "2:3");
  CHECK(at(json, "/a/b~1c") == "2:37");
  CHECK(at(json, "/a/b~1c/1") == "2:49");
  CHECK(at(json, "/a/b~1c/2/名") == "3:6");
  CHECK(at(json, "/a/b~1c/2/k~0") == "3:16");
  CHECK(at(json, "/名") == "4:3");                 // the key written as \u540d
  CHECK(at(json, "/a/b~1c/2/missing") == "3:5");  // the deepest part there: its object
  CHECK(at(json, "/a/b~1c/7") == "2:37");
  CHECK(at(json, "/a/skip/0/deeper") == "2:18");   // a scalar has no members
  CHECK(at("", "/a") == "none");
  CHECK(at("{\"a\": [1, 2", "/a/5") == "1:2");     // cut short: as far as it goes
  CHECK(at("[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]", "/1") == "1:1");
}

TEST_CASE("a source line with its marker column, long lines cut around it") {
  auto line = source_line("one\n  二三四\r\nthree", 2, 4);
  REQUIRE(line);
  CHECK(line->text == "  二三四");
  CHECK(line->marker_col == 4);
  CHECK(!source_line("one\n", 3, 1));
  std::string long_line(1000, 'x');
  long_line[500] = '^';
  line = source_line(long_line, 1, 501);
  REQUIRE(line);
  CHECK(line->text.size() < 300);
  CHECK(line->text.rfind("…", 0) == 0);
  // The marker still under the same character, counted in characters ("…" is one).
  std::u32string chars;
  std::size_t k = 0;
  int col = 0;
  for (std::size_t i = 0; i < line->text.size(); ++i)
    if ((static_cast<unsigned char>(line->text[i]) & 0xC0) != 0x80 && ++col == line->marker_col) k = i;
  CHECK(line->text[k] == '^');
}
