// XML elements → template nodes. Checks element names, attributes and expressions and
// reports every problem at its line:col; the caller discards the result if any was found.
#pragma once
#include <optional>

#include "template/attributes.h"
#include "template/nodes.h"
#include "template/reporter.h"
#include "template/source.h"

namespace jixiao::tmpl {

class Loader {
 public:
  Loader(const XmlSource& src, Reporter& report) : src_(src), report_(report) {}

  // root is the document element; returns what could be loaded (check report.has_errors()).
  FormNode form(pugi::xml_node root);

 private:
  // What an element's children may be.
  enum class Context { Blocks, Rows, Cells };

  void children(pugi::xml_node parent, Nodes& out, Context ctx, const doc::TextStyle& style);
  // Returns whether the element was an <if> (an <else> may follow it).
  bool element(pugi::xml_node el, Nodes& out, Context ctx, const doc::TextStyle& style);
  void else_element(pugi::xml_node el, IfNode* if_node, Context ctx, const doc::TextStyle& style);
  void for_element(pugi::xml_node el, Nodes& out, Context ctx, const doc::TextStyle& style);
  void if_element(pugi::xml_node el, Nodes& out, Context ctx, const doc::TextStyle& style);
  void page_break(pugi::xml_node el, Nodes& out);

  // loader_text.cpp
  void paragraph_attributes(Attributes& a, doc::Paragraph& p, const doc::TextStyle& base);
  void paragraph(pugi::xml_node el, Nodes& out, const doc::TextStyle& style);
  void heading(pugi::xml_node el, Nodes& out, const doc::TextStyle& style);
  // <header>/<footer>: only directly in <form>; adds to form_.
  void page_mark(pugi::xml_node el, const doc::TextStyle& style);
  // <p>, <h>, <td>, <header> and <footer> content: text, {…} and (if breaks) <br/>.
  void inline_content(pugi::xml_node el, TextTemplate& out, bool breaks = true);

  // loader_table.cpp
  void table(pugi::xml_node el, Nodes& out, const doc::TextStyle& style);
  void row(pugi::xml_node el, Nodes& out, const doc::TextStyle& style);
  void cell(pugi::xml_node el, Nodes& out, const doc::TextStyle& style);
  // loader_widths.cpp: widths= and width= into t's columns.
  void column_widths(Attributes& a, doc::Table& t, double em);

  void unexpected(pugi::xml_node el, Context ctx, const char* parent);
  std::string text_place(pugi::xml_node pcdata) const;
  // Page setup of <form>: size, margins (leaving limits::kPageContentMinPt each way), offsets.
  void page_setup(Attributes& a, doc::PageSetup& page, double em);
  // A horizontal or vertical length inside the page: at most the content width or height.
  double across(Attributes& a, std::string_view name, double fallback, double em) const;
  double down(Attributes& a, std::string_view name, double fallback, double em) const;

  const XmlSource& src_;
  Reporter& report_;
  int loop_depth_ = 0;       // <for> elements around the current one
  pugi::xml_node root_;      // <form>
  FormNode* form_ = nullptr;  // being loaded, for <header> and <footer>
  double content_width_ = 0, content_height_ = 0;  // of the page inside the margins
};

}  // namespace jixiao::tmpl
