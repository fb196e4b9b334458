// Shared by the template tests: writing template text to a file, loading it,
// instantiating it, and reading what came out.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "doc/document.h"
#include "template/template.h"

namespace jixiao::test {

constexpr double kMm = 72.0 / 25.4;  // points per millimetre

// Writes text to a fresh temp file and returns its path.
std::string write_template(const std::string& text, const std::string& name = "t.xml");

// A template whose <form> has the given extra attributes and body.
std::string form_text(const std::string& body, const std::string& attrs = "");

struct Loaded {
  std::string path;
  DiagnosticSink sink;
  std::unique_ptr<tmpl::Template> tmpl;
};
// Loads text written to a temp file.
Loaded load_text(const std::string& text);

// Loads form_text(body, attrs) (which must load) and instantiates it with view.
struct Result {
  DiagnosticSink sink;
  doc::Document doc;
  std::string path;
};
Result run(const std::string& body, const nlohmann::json& view, const std::string& attrs = "");

// The only error reported, formatted ("file: line:col: error: …"); fails if not exactly one.
std::string only_error(const DiagnosticSink& sink);
// "line:col" of the only error.
std::string only_place(const DiagnosticSink& sink);

const doc::Paragraph& paragraph(const doc::Document& d, std::size_t block);
const doc::Table& table(const doc::Document& d, std::size_t block);
// Sum of a table's column widths, points.
double table_width(const doc::Table& t);
// Checks the page is A4 portrait with the given margins (mm, top/bottom and left/right).
void check_a4(const doc::Document& d, double top_bottom_mm, double left_right_mm);
// Cell texts of a table row by row ("a|b|c").
std::vector<std::string> row_texts(const doc::Table& t);

}  // namespace jixiao::test
