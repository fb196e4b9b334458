// Loading of <form>, the block elements, <for>/<if>/<else> and inline text.
// Tables are in loader_table.cpp.
#include <algorithm>
#include <cstring>

#include "diag/limits.h"
#include "template/loader.h"
#include "template/text.h"
#include "template/units.h"

namespace jixiao::tmpl {
namespace {

const char* allowed_in(int ctx) {
  switch (ctx) {
    case 0: return "one of: <p>, <h>, <table>, <page-break>, <for>, <if>, <else>";
    case 3: return "one of: <p>, <h>, <table>, <page-break>, <for>, <if>, <else>, <header>, <footer>";
    case 1: return "one of: <tr>, <for>, <if>, <else>";
    default: return "one of: <td>, <for>, <if>, <else>";
  }
}

bool is_identifier(std::string_view s) {
  if (s.empty() || !((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= 'A' && s[0] <= 'Z') || s[0] == '_'))
    return false;
  for (char c : s)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return false;
  return s != "and" && s != "or" && s != "not" && s != "true" && s != "false" && s != "null";
}

std::string snippet(std::string_view s) {
  std::size_t first = s.find_first_not_of(" \t\n\r");
  s = s.substr(first == std::string_view::npos ? s.size() : first);
  s = s.substr(0, s.find_last_not_of(" \t\n\r") + 1);
  std::size_t n = 0, chars = 0;
  while (n < s.size() && chars < 12 && s[n] != '\n') {
    auto c = static_cast<unsigned char>(s[n]);
    n += c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    ++chars;
  }
  return "text '" + std::string(s.substr(0, n)) + (n < s.size() ? "…'" : "'");
}

}  // namespace

FormNode Loader::form(pugi::xml_node root) {
  FormNode f;
  if (std::strcmp(root.name(), "form") != 0) {
    report_.error("template.element", src_.place(src_.element_offset(root)),
                  "the template's root element must be <form>", "<form>",
                  "<" + std::string(root.name()) + ">");
    return f;
  }
  root_ = root;
  form_ = &f;
  Attributes a(src_, root,
               {"id", "rules", "schema", "prefill", "title", "subject", "author", "keywords", "page",
                "orientation", "pdf-standard", "margin", "font", "size", "header-offset", "footer-offset"},
               report_);
  if (a.require("id", "shenzhen-project-selfeval-2021")) f.id = a.text("id");
  f.rules = a.text("rules");  // none: the form is not scored (a declaration)
  f.schema = a.text("schema");
  if (const auto* id = a.find("id"); id && id->value.empty()) a.bad_value(*id, "a form id");
  if (const auto* r = a.find("rules"); r && r->value.empty()) a.bad_value(*r, "a rule set name");
  if (const auto* sc = a.find("schema"); sc && sc->value.empty())
    a.bad_value(*sc, "a schema name (shenzhen-project-selfeval)");
  f.prefill = a.text("prefill");
  if (const auto* pf = a.find("prefill"); pf && pf->value.empty())
    a.bad_value(*pf, "a prefill map name (suzhou-project-selfeval-2021)");
  f.title = a.text_template("title");
  f.subject = a.text_template("subject");
  f.author = a.text_template("author");
  f.keywords = a.text_template("keywords");
  static constexpr const char* kStandards[] = {"none", "a-2b", "ua-1", "a-2b,ua-1"};
  if (int i = a.choice("pdf-standard", {kStandards[0], kStandards[1], kStandards[2], kStandards[3]}, -1); i >= 0)
    f.pdf_standard = kStandards[i];

  doc::TextStyle style;  // song 10.5 (五号) unless the form says otherwise
  style = a.style(style);
  page_setup(a, f.page, style.size);
  children(root, f.body, Context::Blocks, style);
  form_ = nullptr;
  return f;
}

void Loader::page_setup(Attributes& a, doc::PageSetup& page, double em) {
  if (const auto* p = a.find("page")) {
    if (auto size = parse_page_size(p->value)) {
      page.width = size->width;
      page.height = size->height;
    } else {
      a.bad_value(*p, page_size_help());
    }
  }
  if (a.find("orientation")) {  // without it, a page given as "WIDTH HEIGHT" stays as given
    bool landscape = a.choice("orientation", {"portrait", "landscape"}, 0) == 1;
    if (landscape == (page.width < page.height)) std::swap(page.width, page.height);
  }
  double side = std::min(page.width, page.height);
  if (auto m = a.lengths("margin", em, {1, 2, 4},
                         "1, 2 or 4 lengths: all, top/bottom left/right, or top right bottom left "
                         "(20mm 15mm)",
                         side)) {
    const auto& v = *m;
    doc::PageSetup trial = page;
    trial.margin_top = v[0];
    trial.margin_right = v.size() > 1 ? v[1] : v[0];
    trial.margin_bottom = v.size() > 2 ? v[2] : v[0];
    trial.margin_left = v.size() > 2 ? v[3] : trial.margin_right;
    if (length_short_of(trial.width - trial.margin_left - trial.margin_right, limits::kPageContentMinPt) ||
        length_short_of(trial.height - trial.margin_top - trial.margin_bottom, limits::kPageContentMinPt))
      a.bad_value(*a.find("margin"), "margins that leave at least " +
                                         mm_text(limits::kPageContentMinPt) +
                                         " of the page each way");
    else
      page = trial;
  }
  content_width_ = page.width - page.margin_left - page.margin_right;
  content_height_ = page.height - page.margin_top - page.margin_bottom;
  if (length_short_of(content_width_, limits::kPageContentMinPt) ||
      length_short_of(content_height_, limits::kPageContentMinPt)) {
    // A small page with the default margins: the margins must be given.
    if (const auto* p = a.find("page"))
      a.bad_value(*p, "a page with room inside its margins (" + mm_text(limits::kPageContentMinPt) +
                        " each way); give smaller margins with margin=");
    content_width_ = content_height_ = limits::kPageContentMinPt;
  }
  page.header_offset = a.length("header-offset", page.header_offset, em, page.height, "the page height");
  page.footer_offset = a.length("footer-offset", page.footer_offset, em, page.height, "the page height");
}

double Loader::across(Attributes& a, std::string_view name, double fallback, double em) const {
  return a.length(name, fallback, em, content_width_, "the text width of the page");
}

double Loader::down(Attributes& a, std::string_view name, double fallback, double em) const {
  return a.length(name, fallback, em, content_height_, "the text height of the page");
}

std::string Loader::text_place(pugi::xml_node pcdata) const {
  std::size_t o = src_.text_offset(pcdata);
  std::string_view v = pcdata.value();
  std::size_t skip = v.find_first_not_of(" \t\n\r");
  if (skip == std::string_view::npos) return src_.place(o);
  auto map = src_.map_decoded(v, o, src_.text_end(o));
  return src_.place(map[skip]);
}

void Loader::unexpected(pugi::xml_node el, Context ctx, const char* parent) {
  auto where = "<" + std::string(parent) + ">";
  // <header> and <footer> are only allowed directly in <form>: list them only there.
  int allowed = ctx == Context::Blocks && el.parent() == root_ ? 3 : static_cast<int>(ctx);
  if (el.type() == pugi::node_element) {
    report_.error("template.element", src_.place(src_.element_offset(el)),
                  "unknown element <" + std::string(el.name()) + "> in " + where,
                  allowed_in(allowed), "<" + std::string(el.name()) + ">");
  } else {
    report_.error("template.element", text_place(el), "text is not allowed directly in " + where,
                  allowed_in(allowed), snippet(el.value()));
  }
}

void Loader::children(pugi::xml_node parent, Nodes& out, Context ctx,
                      const doc::TextStyle& style) {
  bool after_if = false;  // the previous element was an <if> an <else> may belong to
  for (auto c : parent.children()) {
    if (c.type() == pugi::node_pcdata || c.type() == pugi::node_cdata) {
      if (is_blank(c.value())) continue;
      unexpected(c, ctx, parent.name());
      after_if = false;
      continue;
    }
    if (c.type() != pugi::node_element) continue;
    if (std::strcmp(c.name(), "else") == 0) {
      IfNode* owner = after_if ? std::get_if<IfNode>(&out.back().v) : nullptr;
      else_element(c, owner, ctx, style);
      after_if = false;
      continue;
    }
    after_if = element(c, out, ctx, style);
  }
}

bool Loader::element(pugi::xml_node el, Nodes& out, Context ctx, const doc::TextStyle& style) {
  std::string_view name = el.name();
  if (name == "for") {
    for_element(el, out, ctx, style);
  } else if (name == "if") {
    if_element(el, out, ctx, style);
    return true;
  } else if (ctx == Context::Blocks && name == "p") {
    paragraph(el, out, style);
  } else if (ctx == Context::Blocks && name == "h") {
    heading(el, out, style);
  } else if (ctx == Context::Blocks && (name == "header" || name == "footer")) {
    page_mark(el, style);
  } else if (ctx == Context::Blocks && name == "table") {
    table(el, out, style);
  } else if (ctx == Context::Blocks && name == "page-break") {
    page_break(el, out);
  } else if (ctx == Context::Rows && name == "tr") {
    row(el, out, style);
  } else if (ctx == Context::Cells && name == "td") {
    cell(el, out, style);
  } else {
    unexpected(el, ctx, el.parent().name());
  }
  return false;
}

void Loader::for_element(pugi::xml_node el, Nodes& out, Context ctx,
                         const doc::TextStyle& style) {
  Attributes a(src_, el, {"each", "as"}, report_);
  ForNode f;
  if (a.require("each", "p.indicators"))
    if (auto b = a.expression("each")) f.each = std::move(*b);
  if (const auto* as = a.require("as", "item")) {
    if (is_identifier(as->value)) f.var = std::string(as->value);
    else a.bad_value(*as, "a name of letters, digits and '_' (item, p, ind)");
  }
  f.index_var = f.var + "_index";
  f.key_var = f.var + "_key";
  ++loop_depth_;
  children(el, f.body, ctx, style);
  --loop_depth_;
  out.push_back(Node{std::move(f)});
}

void Loader::if_element(pugi::xml_node el, Nodes& out, Context ctx,
                        const doc::TextStyle& style) {
  Attributes a(src_, el, {"test"}, report_);
  IfNode n;
  if (a.require("test", "p.amount > 0"))
    if (auto b = a.expression("test")) n.test = std::move(*b);
  children(el, n.then_body, ctx, style);
  // Pushed even when the test is bad, so a following <else> is not reported as stray.
  out.push_back(Node{std::move(n)});
}

void Loader::else_element(pugi::xml_node el, IfNode* if_node, Context ctx,
                          const doc::TextStyle& style) {
  Attributes a(src_, el, {}, report_);
  if (!if_node) {
    report_.error("template.element", a.place(), "<else> must directly follow an <if> element",
                  "<if test=\"…\">…</if><else>…</else>", "<else>");
    Nodes ignored;
    children(el, ignored, ctx, style);
    return;
  }
  children(el, if_node->else_body, ctx, style);
}

void Loader::page_break(pugi::xml_node el, Nodes& out) {
  Attributes a(src_, el, {"between"}, report_);
  PageBreakNode n;
  n.between = a.boolean("between", false);
  if (n.between && loop_depth_ == 0)
    report_.error("template.attribute", a.place(),
                  "<page-break between=\"true\"> must be inside a <for>",
                  "a <page-break between=\"true\"/> inside <for>", "no enclosing <for>");
  for (auto c : el.children())
    if (c.type() == pugi::node_element || !is_blank(c.value()))
      report_.error("template.element", src_.place(c.type() == pugi::node_element
                                                       ? src_.element_offset(c)
                                                       : src_.text_offset(c)),
                    "<page-break> must be empty", "<page-break/>",
                    c.type() == pugi::node_element ? "<" + std::string(c.name()) + ">"
                                                   : snippet(c.value()));
  out.push_back(Node{n});
}

}  // namespace jixiao::tmpl
