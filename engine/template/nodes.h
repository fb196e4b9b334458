// The loaded template: the XML turned into a tree of nodes with parsed expressions and
// resolved styles, ready to be instantiated many times without touching XML again.
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "doc/document.h"
#include "expr/expr.h"

namespace jixiao::tmpl {

// The expression language is shared with rule sets (engine/expr).
using namespace jixiao::expr;


// A {…} binding with the place of its '{' (or of the expression start in each=/test=).
struct Binding {
  std::unique_ptr<Expr> expr;
  Filter filter;
  std::string place;  // "line:col"
};

// Text with bindings: literal pieces (white space already collapsed), bindings, <br/>.
struct Piece {
  enum class Kind { Literal, Bind, Break } kind = Kind::Literal;
  std::string literal;
  Binding binding;
};
struct TextTemplate {
  std::vector<Piece> pieces;
};

// colspan/rowspan: a fixed number or one {…} expression.
struct SpanAttr {
  int fixed = 1;
  std::optional<Binding> expr;
};

struct Node;
using Nodes = std::vector<Node>;

struct ParagraphNode {
  doc::Paragraph proto;  // style and spacing; text comes from `text`
  TextTemplate text;
  std::optional<TextTemplate> outline;  // outline="…"; a heading without it: its text
};

struct CellNode {
  doc::Cell proto;  // style and alignment; text and spans come from the template
  TextTemplate text;
  SpanAttr colspan, rowspan;
  bool merge_down = false;
};

struct RowNode {
  doc::Row proto;  // header, min_height
  std::string place;
  Nodes cells;     // CellNode, ForNode, IfNode
};

struct TableNode {
  doc::Table proto;  // widths and style; rows come from `rows`
  std::string place;
  Nodes rows;        // RowNode, ForNode, IfNode
};

struct PageBreakNode {
  bool between = false;  // only between iterations of the enclosing <for>
};

struct ForNode {
  Binding each;
  std::string var;        // as="p"
  std::string index_var;  // "p_index"
  std::string key_var;    // "p_key", bound when each is an object
  Nodes body;
};

struct IfNode {
  Binding test;
  Nodes then_body;
  Nodes else_body;
};

struct Node {
  std::variant<ParagraphNode, TableNode, RowNode, CellNode, PageBreakNode, ForNode, IfNode> v;
};

// <header> or <footer>: text whose {page} and {pages} are left for layout as literal
// placeholders; its other bindings see only the view's top-level fields.
struct MarkNode {
  doc::PageMark proto;  // style, alignment, first page; text comes from `text`
  TextTemplate text;
};

// What <form> says.
struct FormNode {
  std::string id;
  std::string rules;
  std::string schema;  // the data schema (templates/schemas/<schema>.schema.json); may be empty
  // The prefill map (templates/prefill/<prefill>.json); empty: the one named like the form id,
  // if any. Lets a variant use the original's map without a copy.
  std::string prefill;
  TextTemplate title, subject, author, keywords;
  std::string pdf_standard;  // "" (none given), "none", "a-2b", "ua-1" or "a-2b,ua-1"; the CLI's option overrides it
  doc::PageSetup page;  // headers and footers come from `headers`, `footers`
  std::vector<MarkNode> headers, footers;
  Nodes body;
};

}  // namespace jixiao::tmpl
