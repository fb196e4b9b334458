#include "tmpl_helpers.h"

#include <catch2/catch.hpp>

#include "support/support.h"

namespace jixiao::test {

std::string write_template(const std::string& text, const std::string& name) {
  std::string path = temp_dir("template") + "/" + name;
  write_file_atomic(path, text);
  return path;
}

std::string form_text(const std::string& body, const std::string& attrs) {
  return "<form id=\"f\" rules=\"r\"" + (attrs.empty() ? "" : " " + attrs) + ">" + body +
         "</form>";
}

Loaded load_text(const std::string& text) {
  Loaded l;
  l.path = write_template(text);
  l.tmpl = tmpl::Template::load(l.path, l.sink);
  return l;
}

Result run(const std::string& body, const nlohmann::json& view, const std::string& attrs) {
  Loaded l = load_text(form_text(body, attrs));
  INFO((l.sink.all().empty() ? "" : format(l.sink.all().front())));
  REQUIRE(l.tmpl);
  Result r;
  r.path = l.path;
  r.doc = l.tmpl->instantiate(view, r.sink);
  return r;
}

std::string only_error(const DiagnosticSink& sink) {
  std::string all;
  for (const auto& d : sink.all()) all += format(d) + "\n";
  INFO(all);
  REQUIRE(sink.all().size() == 1);
  return format(sink.all().front());
}

std::string only_place(const DiagnosticSink& sink) {
  only_error(sink);
  return sink.all().front().place.text();
}

const doc::Paragraph& paragraph(const doc::Document& d, std::size_t block) {
  REQUIRE(block < d.blocks.size());
  REQUIRE(std::holds_alternative<doc::Paragraph>(d.blocks[block]));
  return std::get<doc::Paragraph>(d.blocks[block]);
}

const doc::Table& table(const doc::Document& d, std::size_t block) {
  REQUIRE(block < d.blocks.size());
  REQUIRE(std::holds_alternative<doc::Table>(d.blocks[block]));
  return std::get<doc::Table>(d.blocks[block]);
}

std::vector<std::string> row_texts(const doc::Table& t) {
  std::vector<std::string> out;
  for (const auto& r : t.rows) {
    std::string s;
    for (std::size_t i = 0; i < r.cells.size(); ++i) s += (i ? "|" : "") + r.cells[i].text;
    out.push_back(s);
  }
  return out;
}

double table_width(const doc::Table& t) {
  double sum = 0;
  for (double w : t.column_widths) sum += w;
  return sum;
}

void check_a4(const doc::Document& d, double top_bottom_mm, double left_right_mm) {
  CHECK(d.page.width == Approx(210 * kMm));
  CHECK(d.page.height == Approx(297 * kMm));
  CHECK(d.page.margin_top == Approx(top_bottom_mm * kMm));
  CHECK(d.page.margin_bottom == Approx(top_bottom_mm * kMm));
  CHECK(d.page.margin_left == Approx(left_right_mm * kMm));
  CHECK(d.page.margin_right == Approx(left_right_mm * kMm));
}

}  // namespace jixiao::test
