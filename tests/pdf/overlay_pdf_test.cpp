// jixiao render --debug-layout on the 003 example: a valid PDF, other bytes than the plain
// render, the same text plus one "break: …" note per page break, coloured strokes.
#include <catch2/catch.hpp>

#include <sstream>

#include "support/support.h"

using namespace jixiao;

namespace {

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (auto at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + 1)) ++n;
  return n;
}

// The text without the lines of break notes.
std::string without_notes(const std::string& text) {
  std::istringstream in(text);
  std::string line, out;
  while (std::getline(in, line))
    if (line.rfind("break: ", 0) != 0) out += line + "\n";
  return out;
}

int page_count(const std::string& pdf) {
  auto info = test::run_command("pdfinfo '" + pdf + "'");
  const auto at = info.out.find("Pages:");
  REQUIRE(at != std::string::npos);
  return std::stoi(info.out.substr(at + 6));
}

}  // namespace

TEST_CASE("debug layout: the 003 report with its overlay", "[pdf][overlay]") {
  const auto dir = test::temp_dir("overlay");
  const std::string data = test::source_path("examples/shenzhen-2020-department-selfeval.json");
  const std::string plain = dir + "/plain.pdf", debug = dir + "/debug.pdf";
  auto a = test::run_jixiao("render '" + data + "' -o '" + plain + "' --date 1640995200");
  auto b = test::run_jixiao("render '" + data + "' -o '" + debug + "' --date 1640995200 --debug-layout");
  REQUIRE(a.exit_code != 2);
  REQUIRE(b.exit_code == a.exit_code);
  CHECK(test::run_command("qpdf --check '" + debug + "'").exit_code == 0);
  CHECK(test::slurp(debug) != test::slurp(plain));

  const int pages = page_count(plain);
  REQUIRE(pages > 2);
  CHECK(page_count(debug) == pages);

  const std::string plain_text = test::run_command("pdftotext '" + plain + "' -").out;
  const std::string debug_text = test::run_command("pdftotext '" + debug + "' -").out;
  CHECK(count(plain_text, "break: ") == 0);
  CHECK(count(debug_text, "break: ") == pages - 1);  // one note at the foot of every page but the last
  CHECK(count(debug_text, "kept with") + count(debug_text, "page full") >= 1);
  CHECK(test::strip_space(without_notes(debug_text)) == test::strip_space(plain_text));

  // Coloured strokes: the content streams, uncompressed, set stroke colours.
  const std::string qdf = dir + "/debug.qdf";
  REQUIRE(test::run_command("qpdf --qdf --object-streams=disable '" + debug + "' '" + qdf + "'").exit_code == 0);
  const std::string content = test::slurp(qdf);
  CHECK(count(content, " RG\n") > 10);
  CHECK(count(content, " re S\n") > 10);
  CHECK(count(test::slurp(plain), " RG\n") == 0);
}
