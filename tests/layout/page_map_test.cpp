// The page map (Request::page_map) of the 003 example: a box per cell and paragraph with the
// template element's file:line:col and the JSON pointer of the data it shows; recording it
// changes nothing in the PDF. Also Result::inputs and Request::pdf_in_memory.
#include <catch2/catch.hpp>

#include <algorithm>
#include <ctime>
#include <fstream>

#include <nlohmann/json.hpp>

#include "jixiao.h"
#include "support/support.h"

using namespace jixiao;
using nlohmann::json;

namespace {

const char* kData = "examples/shenzhen-2020-department-selfeval.json";
const char* kForm = "templates/forms/shenzhen-department-selfeval-2020.xml";

Result render(bool page_map, bool debug = false) {
  Options opt;
  opt.date = 1640995200;
  Engine engine(opt);
  Request req;
  req.data_file = test::source_path(kData);
  req.pdf_in_memory = true;
  req.page_map = page_map;
  req.debug_layout = debug;
  Result r = engine.run(req);
  REQUIRE(r.exit_code() != 2);
  return r;
}

// The template's line (1-based) holding needle, and the column of its first '<'.
std::pair<int, int> template_line(const std::string& needle) {
  std::ifstream in(test::source_path(kForm));
  std::string line;
  for (int n = 1; std::getline(in, line); ++n)
    if (line.find(needle) != std::string::npos) return {n, static_cast<int>(line.find('<')) + 1};
  FAIL("no line of the template holds " << needle);
  return {0, 0};
}

// The boxes with this data pointer, over all pages, with their page number.
std::vector<std::pair<int, json>> boxes_of(const json& map, const std::string& data) {
  std::vector<std::pair<int, json>> out;
  for (std::size_t p = 0; p < map["pages"].size(); ++p)
    for (const json& b : map["pages"][p]["boxes"])
      if (b["data"] == data) out.emplace_back(static_cast<int>(p) + 1, b);
  return out;
}

}  // namespace

TEST_CASE("page map: the 003 example's cells and paragraphs name their template line and data",
          "[layout][page-map]") {
  Result r = render(true);
  REQUIRE(r.pdf.rfind("%PDF-", 0) == 0);
  const json map = json::parse(r.page_map);
  REQUIRE(map["pages"].size() == static_cast<std::size_t>(r.pages));
  const json& first = map["pages"][0];
  CHECK(first["width"].get<double>() == Approx(595.28).margin(0.01));
  CHECK(first["height"].get<double>() == Approx(841.89).margin(0.01));

  // The 三级指标 cell of the fourth indicator row.
  auto cells = boxes_of(map, "/departments/0/indicators/3/name");
  REQUIRE(cells.size() == 1);
  const json& cell = cells[0].second;
  CHECK(cell["kind"] == "cell");
  const auto [line, col] = template_line("<td colspan=\"2\">{ind.name}</td>");
  CHECK(cell["line"] == line);
  CHECK(cell["col"] == col);
  const std::string file = cell["file"];
  CHECK(file.front() == '/');
  CHECK(file.size() > std::string(kForm).size());
  CHECK(file.compare(file.size() - std::string(kForm).size(), std::string::npos, kForm) == 0);
  CHECK_FALSE(cell["text"].get<std::string>().empty());
  const double x = cell["x"], y = cell["y"], w = cell["w"], h = cell["h"];
  CHECK(x > 0);
  CHECK(y > 0);
  CHECK(x + w < 595.28);
  CHECK(y + h < 841.89);
  CHECK(w == Approx((24 + 27) * 72 / 25.4).margin(0.02));  // 三级指标: columns of 24 and 27 mm

  // The first paragraph after the title: literal text around one value.
  auto paras = boxes_of(map, "/departments/0/name");
  auto para = std::find_if(paras.begin(), paras.end(),
                           [](const auto& b) { return b.second["kind"] == "paragraph"; });
  REQUIRE(para != paras.end());
  CHECK(para->first == 1);
  CHECK(para->second["line"] == template_line("部门名称（公章）").first);
  CHECK(para->second["text"].get<std::string>().rfind("部门名称（公章）：", 0) == 0);

  // A table box per page a table reaches, and the page breaks with their reasons. Every
  // box names its template element; every cell of a repeated row has data.
  int tables = 0, breaks = 0, indicator_cells = 0;
  for (const json& page : map["pages"]) {
    for (const json& b : page["boxes"]) {
      tables += b["kind"] == "table";
      CHECK(b["file"] == file);
      CHECK(b["line"].get<int>() > 0);
      CHECK(b["col"].get<int>() > 0);
      const std::string data = b["data"];
      if (data.rfind("/departments/0/indicators/", 0) == 0) ++indicator_cells;
    }
    breaks += static_cast<int>(page["breaks"].size());
  }
  CHECK(tables >= 2);
  CHECK(indicator_cells >= 8);
  CHECK(breaks == r.pages - 1);
}

TEST_CASE("page map: recording boxes leaves the PDF's bytes as they were", "[layout][page-map]") {
  Result plain = render(false), mapped = render(true);
  CHECK(plain.page_map.empty());
  CHECK(mapped.pdf == plain.pdf);
  CHECK(render(false, true).pdf != plain.pdf);  // the overlay draws into the pages
}

TEST_CASE("page map: Result::inputs names the files the run read", "[layout][page-map]") {
  Result r = render(false);
  auto has = [&](const std::string& suffix) {
    return std::any_of(r.inputs.begin(), r.inputs.end(), [&](const std::string& f) {
      return f.size() >= suffix.size() && f.compare(f.size() - suffix.size(), std::string::npos, suffix) == 0;
    });
  };
  CHECK(r.inputs.front() == test::source_path(kData));
  CHECK(has(kForm));
  CHECK(has("templates/rules/shenzhen-department-2020.json"));
  CHECK(has("templates/schemas/shenzhen-department-selfeval.schema.json"));
}

// Not run by default: `test_layout "[bench]"` times whole renders of 003 in memory, warm,
// plain, with the page map and with the overlay.
TEST_CASE("page map: render time of 003 with and without the map", "[.][bench]") {
  Options opt;
  opt.date = 1640995200;
  Engine engine(opt);
  auto time = [&](bool map, bool debug) {
    Request req;
    req.data_file = test::source_path(kData);
    req.pdf_in_memory = true;
    req.page_map = map;
    req.debug_layout = debug;
    engine.run(req);  // warm: fonts, template, rules loaded
    // CPU time, not wall time: the machine is shared and loaded.
    const int n = 40;
    const std::clock_t t0 = std::clock();
    for (int i = 0; i < n; ++i) engine.run(req);
    return 1000.0 * static_cast<double>(std::clock() - t0) / CLOCKS_PER_SEC / n;
  };
  Request one;
  one.data_file = test::source_path(kData);
  one.pdf_in_memory = one.page_map = true;
  const Result r = engine.run(one);
  WARN("003 page map: " << r.page_map.size() << " bytes for " << r.pages << " pages, PDF " << r.pdf.size()
                        << " bytes");
  const double plain = time(false, false), mapped = time(true, false), debug = time(false, true);
  const double plain2 = time(false, false), mapped2 = time(true, false);
  WARN("003 render in memory, CPU ms per run: plain " << plain << " / " << plain2 << ", with page map "
                                                 << mapped << " / " << mapped2 << ", with overlay " << debug);
}
