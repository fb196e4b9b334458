// The table attributes of pagination (closing-rows, split-lines, continued-mark, repeat,
// keep-with-previous) read into the document, their defaults and their errors; and the
// forms of templates/forms/ using them: cell padding of about 1–1.5 mm in every table, the
// 合计 rows of the Suzhou declaration kept with the row above.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include <nlohmann/json.hpp>

#include "support/support.h"
#include "tmpl_helpers.h"

using namespace jixiao::test;
using nlohmann::json;
namespace doc = jixiao::doc;
namespace tmpl = jixiao::tmpl;
using jixiao::DiagnosticSink;

TEST_CASE("table: pagination attributes are read into the table, its rows and cells") {
  auto r = run(R"(<table widths="20 20" closing-rows="3" split-lines="4" continued-mark="（续）">
  <tr repeat="true"><td rowspan="2" continued-mark="">甲</td><td>乙</td></tr>
  <tr keep-with-previous="true"><td>丙</td></tr>
</table>)",
               json::object());
  CHECK_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  CHECK(t.closing_rows == 3);
  CHECK(t.min_split_lines == 4);
  CHECK(t.continued_mark == "（续）");
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].repeat);
  CHECK_FALSE(t.rows[0].keep_with_previous);
  CHECK(t.rows[1].keep_with_previous);
  CHECK_FALSE(t.rows[1].repeat);
  REQUIRE(t.rows[0].cells[0].continued_mark.has_value());
  CHECK(t.rows[0].cells[0].continued_mark->empty());  // "" turns the table's mark off
  CHECK_FALSE(t.rows[0].cells[1].continued_mark.has_value());
}

TEST_CASE("table: pagination defaults") {
  auto r = run(R"(<table widths="20 20"><tr><td>甲</td><td>乙</td></tr></table>)", json::object());
  CHECK_FALSE(r.sink.has_errors());
  const auto& t = table(r.doc, 0);
  CHECK(t.closing_rows == 2);
  CHECK(t.min_split_lines == 3);
  CHECK(t.continued_mark.empty());
  CHECK(t.padding_x == 4);  // about 1.5 mm
  CHECK(t.padding_y == 3);  // about 1 mm
  CHECK_FALSE(t.rows[0].repeat);
  CHECK_FALSE(t.rows[0].keep_with_previous);
}

TEST_CASE("table: bad pagination values are errors at their place") {
  auto a = load_text(form_text(R"(<table widths="20" closing-rows="-1"><tr><td>x</td></tr></table>)"));
  CHECK(only_error(a.sink).find("closing-rows") != std::string::npos);
  auto b = load_text(form_text(R"(<table widths="20" split-lines="0"><tr><td>x</td></tr></table>)"));
  CHECK(only_error(b.sink).find("split-lines") != std::string::npos);
  auto c = load_text(form_text(R"(<table widths="20"><tr repeat="yes"><td>x</td></tr></table>)"));
  CHECK(only_error(c.sink).find("repeat") != std::string::npos);
}

// Lengths of a padding="…" value in points (pt or mm; a bare number is points).
static std::vector<double> padding_points(const std::string& value) {
  std::vector<double> out;
  std::regex len(R"(([\d.]+)(pt|mm)?)");
  for (std::sregex_iterator it(value.begin(), value.end(), len), end; it != end; ++it) {
    const double v = std::stod((*it)[1]);
    out.push_back((*it)[2] == "mm" ? v * kMm : v);
  }
  return out;
}

TEST_CASE("forms: every table leaves the official forms' padding, about 1–1.5 mm, in its cells") {
  int tables = 0;
  for (auto& entry : std::filesystem::directory_iterator(source_path("templates/forms"))) {
    if (entry.path().extension() != ".xml") continue;
    const std::string text = slurp(entry.path().string());
    std::regex table_re(R"(<table\b([^>]*)>)");
    for (std::sregex_iterator it(text.begin(), text.end(), table_re), end; it != end; ++it) {
      ++tables;
      const std::string attrs = (*it)[1];
      std::smatch m;
      INFO(entry.path().filename().string() << ": <table" << attrs << ">");
      if (!std::regex_search(attrs, m, std::regex(R"(padding="([^"]*)\")"))) continue;  // the default
      auto p = padding_points(m[1]);
      REQUIRE(!p.empty());
      const double y = p[0], x = p.size() > 1 ? p[1] : p[0];
      CHECK(y >= 2.8);  // 1 mm
      CHECK(x >= 2.8);
      CHECK(x <= 4.3);  // 1.5 mm
    }
  }
  CHECK(tables >= 7);
}

TEST_CASE("forms: the Suzhou declaration keeps its 合计 rows with the row above") {
  DiagnosticSink sink;
  auto t = tmpl::Template::load(source_path("templates/forms/suzhou-project-declaration-2021.xml"), sink);
  REQUIRE(t);
  auto d = t->instantiate(json::parse(slurp(source_path("examples/suzhou-2021-project-declaration.json"))), sink);
  REQUIRE_FALSE(sink.has_errors());
  int totals = 0;
  for (const auto& block : d.blocks) {
    const auto* table = std::get_if<doc::Table>(&block);
    if (!table) continue;
    CHECK(table->continued_mark == "（续）");
    for (const auto& row : table->rows)
      if (!row.cells.empty() && row.cells[0].text.rfind("合计", 0) == 0) {
        ++totals;
        CHECK(row.keep_with_previous);
      }
  }
  CHECK(totals >= 2);  // 项目资金构成 and 项目资金来源
}
