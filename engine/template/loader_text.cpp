// Loading of the elements that hold text: <p>, <h>, <header>, <footer>, and the inline
// content (text, {…}, <br/>) they share with <td>.
#include <cstring>

#include "diag/limits.h"
#include "template/loader.h"
#include "template/text.h"

namespace jixiao::tmpl {
namespace {

}  // namespace

// The attributes every paragraph takes, <h> included.
void Loader::paragraph_attributes(Attributes& a, doc::Paragraph& p, const doc::TextStyle& base) {
  p.style = a.style(base);
  double em = p.style.size;
  p.align = static_cast<doc::Align>(a.choice("align", {"left", "center", "right", "justify"}, 0));
  p.first_line_indent = across(a, "indent", 0, em);
  p.space_before = down(a, "space-before", 0, em);
  p.space_after = down(a, "space-after", 0, em);
  p.line_height = a.number("line-height", p.line_height, limits::kLineHeightMin, limits::kLineHeightMax);
  p.keep_with_next = a.boolean("keep-with-next", p.keep_with_next);
  p.orphans = a.whole("orphans", p.orphans, 1, 20);
  p.widows = a.whole("widows", p.widows, 1, 20);
}

namespace {

// The heading levels of GB/T 9704 (党政机关公文格式): 一、 in 黑体, （一） in 楷体, 1. in bold,
// (1) as the body; all in the body's size. A template overrides any of it with attributes.
doc::TextStyle heading_style(doc::TextStyle s, int level) {
  if (level == 1) s.family = "hei";
  else if (level == 2) s.family = "kai";
  else if (level == 3) s.bold = true;
  return s;
}

}  // namespace

void Loader::paragraph(pugi::xml_node el, Nodes& out, const doc::TextStyle& style) {
  Attributes a(src_, el,
               {"align", "font", "size", "bold", "indent", "space-before", "space-after",
                "line-height", "keep-with-next", "orphans", "widows", "outline"},
               report_);
  ParagraphNode p;
  paragraph_attributes(a, p.proto, style);
  p.proto.origin = {src_.file(), a.place(), {}};
  inline_content(el, p.text);
  if (a.find("outline")) p.outline = a.text_template("outline");
  out.push_back(Node{std::move(p)});
}

void Loader::heading(pugi::xml_node el, Nodes& out, const doc::TextStyle& style) {
  Attributes a(src_, el,
               {"level", "align", "font", "size", "bold", "indent", "space-before", "space-after",
                "line-height", "keep-with-next", "orphans", "widows", "outline"},
               report_);
  ParagraphNode p;
  a.require("level", "1");
  p.proto.heading_level = a.whole("level", 1, 1, 4);
  p.proto.keep_with_next = true;  // a heading never ends a page
  paragraph_attributes(a, p.proto, heading_style(style, p.proto.heading_level));
  p.proto.origin = {src_.file(), a.place(), {}};
  inline_content(el, p.text);
  if (a.find("outline")) p.outline = a.text_template("outline");
  out.push_back(Node{std::move(p)});
}

void Loader::page_mark(pugi::xml_node el, const doc::TextStyle& style) {
  Attributes a(src_, el, {"align", "font", "size", "bold", "first-page"}, report_);
  if (!form_ || el.parent() != root_) {
    report_.error("template.element", a.place(), a.tag() + " must be directly in <form>",
                  a.tag() + " in <form>, outside <for> and <if>",
                  a.tag() + " in <" + std::string(el.parent().name()) + ">");
    return;
  }
  MarkNode m;
  m.proto.style = a.style(style);
  m.proto.align = static_cast<doc::Align>(a.choice("align", {"left", "center", "right"}, 1));
  m.proto.first_page = a.whole("first-page", 1, 1, 100000);
  inline_content(el, m.text, false);
  // {page} and {pages} are numbered by layout: they stay in the text as written.
  for (Piece& p : m.text.pieces) {
    if (p.kind != Piece::Kind::Bind || p.binding.expr->kind != ExprKind::Name) continue;
    const std::string& name = p.binding.expr->name;
    if (name != "page" && name != "pages") continue;
    if (p.binding.filter.kind != FilterKind::None) {
      report_.error("template.expression", p.binding.place,
                    "{" + name + "} is the page number placeholder and takes no filter",
                    "{" + name + "}", "a filter");
      continue;
    }
    p.kind = Piece::Kind::Literal;
    p.literal = "{" + name + "}";
    p.binding = {};
  }
  (std::strcmp(el.name(), "header") == 0 ? form_->headers : form_->footers).push_back(std::move(m));
}

void Loader::inline_content(pugi::xml_node el, TextTemplate& out, bool breaks) {
  for (auto c : el.children()) {
    if (c.type() == pugi::node_pcdata) {
      std::size_t o = src_.text_offset(c);
      append_text(src_, c.value(), src_.map_decoded(c.value(), o, src_.text_end(o)), out, report_);
    } else if (c.type() == pugi::node_cdata) {
      // <![CDATA[…]]> is literal text, braces included.
      std::string_view v = c.value();
      if (!out.pieces.empty() && out.pieces.back().kind == Piece::Kind::Literal) {
        out.pieces.back().literal += v;
      } else {
        Piece p;
        p.literal = std::string(v);
        out.pieces.push_back(std::move(p));
      }
    } else if (breaks && c.type() == pugi::node_element && std::strcmp(c.name(), "br") == 0) {
      Attributes a(src_, c, {}, report_);
      if (c.first_child())
        report_.error("template.element", a.place(), "<br> must be empty", "<br/>", "content");
      Piece p;
      p.kind = Piece::Kind::Break;
      out.pieces.push_back(std::move(p));
    } else if (c.type() == pugi::node_element) {
      report_.error("template.element", src_.place(src_.element_offset(c)),
                    "unknown element <" + std::string(c.name()) + "> in <" + el.name() + ">",
                    breaks ? "text, {…} bindings and <br/>" : "one line of text and {…} bindings",
                    "<" + std::string(c.name()) + ">");
    }
  }
  collapse_white_space(out);
}

}  // namespace jixiao::tmpl
