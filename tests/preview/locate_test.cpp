// Where the preview's diagnostics point: a line with its marker, cut to a window when very
// long (pointers are placed by json_value_offsets: tests/model/json_offsets_test.cpp).
#include <catch2/catch.hpp>

#include "preview/locate.h"

using jixiao::preview::source_line;

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
