#include "template/instantiate.h"

#include <algorithm>

#include "diag/limits.h"
#include "template/markup.h"
#include "template/table_arrange.h"

namespace jixiao::tmpl {

namespace {
// "expr.binding" → "template.binding": in a template, the template is what is wrong.
std::string template_code(const std::string& code) {
  return code.rfind("expr.", 0) == 0 ? "template." + code.substr(5) : code;
}
}  // namespace


doc::Document Instantiator::run() {
  doc::Document d;
  d.title = text(form_.title);
  d.subject = text(form_.subject);
  d.author = text(form_.author);
  d.keywords = text(form_.keywords);
  d.pdf_standard = form_.pdf_standard;
  d.page = form_.page;
  d.page.headers = marks(form_.headers);
  d.page.footers = marks(form_.footers);
  expand(form_.body, [&](const Node& n) { block(n, d.blocks); });
  return d;
}

template <class Leaf>
void Instantiator::expand(const Nodes& nodes, Leaf&& leaf) {
  for (const Node& n : nodes) {
    if (const auto* f = std::get_if<ForNode>(&n.v)) {
      std::string pointer;
      auto v = eval(f->each, &pointer);
      if (!v) continue;
      if (v->kind == Value::Kind::Array) {
        std::int64_t i = 0;
        for (const json& item : *v->ref) {
          iterate(*f, item, i, nullptr, pointer, leaf);
          ++i;
        }
      } else if (v->kind == Value::Kind::Object) {
        // Members in the order of the view's object: by key, as nlohmann::json keeps them.
        std::int64_t i = 0;
        for (auto it = v->ref->begin(); it != v->ref->end(); ++it, ++i)
          iterate(*f, *it, i, &it.key(), pointer, leaf);
      } else {
        report_.error("template.type", f->each.place,
                      "<for each> over a non-array: '" + f->each.expr->text + "' is " +
                          kind_name(v->kind),
                      "an array or object", kind_name(v->kind));
      }
    } else if (const auto* c = std::get_if<IfNode>(&n.v)) {
      auto v = eval(c->test);
      expand(v && truthy(*v) ? c->then_body : c->else_body, leaf);
    } else {
      leaf(n);
    }
  }
}

template <class Leaf>
void Instantiator::iterate(const ForNode& f, const json& item, std::int64_t i,
                           const std::string* key, const std::string& pointer, Leaf& leaf) {
  // The element's JSON pointer, so that Origin::data can name what a cell shows.
  std::string at;
  if (!pointer.empty()) {
    at = pointer;
    append_json_pointer(at, key ? *key : std::to_string(i));
  }
  items_.push_back(at);
  scope_.push(f.var, Value::of(item), std::move(at));
  scope_.push(f.index_var, Value::of_int(i));
  std::size_t pushed = 2;
  if (key) {
    Value k;  // views the key inside the view's object, which outlives the loop
    k.kind = Value::Kind::String;
    k.string = *key;
    scope_.push(f.key_var, k);
    ++pushed;
  }
  iterations_.push_back(i);
  expand(f.body, leaf);
  iterations_.pop_back();
  items_.pop_back();
  scope_.pop(pushed);
}

std::optional<Value> Instantiator::eval(const Binding& b, std::string* pointer) {
  try {
    return evaluate(*b.expr, scope_, pointer);
  } catch (const EvalError& e) {
    report_.error(template_code(e.code), b.place, e.message, e.expected, e.got, e.hints);
    return std::nullopt;
  }
}

std::string Instantiator::text(const TextTemplate& t, std::string* data) {
  std::string out;
  // The data the text shows: the one value its bindings read, or what they share below the
  // element of the innermost <for> (else that element: a cell of an indicator row points to
  // the indicator).
  std::string pointer, common;
  int values = 0;  // 0 none, 1 one value, 2 several
  for (const Piece& p : t.pieces) {
    switch (p.kind) {
      case Piece::Kind::Literal: out += p.literal; break;
      case Piece::Kind::Break: out += '\n'; break;
      case Piece::Kind::Bind:
        pointer.clear();
        if (auto v = eval(p.binding, data ? &pointer : nullptr)) {
          try {
            std::string printed = print(*v, p.binding.filter, *p.binding.expr);
            out += v->kind == Value::Kind::String ? paragraphs_from_markup(printed) : printed;
          } catch (const EvalError& e) {
            report_.error(template_code(e.code), p.binding.place, e.message, e.expected, e.got, e.hints);
          }
        }
        if (data && !pointer.empty() && !(values == 1 && pointer == common)) {
          common = values ? common_pointer(common, pointer) : pointer;
          values = values ? 2 : 1;
        }
        break;
    }
  }
  if (data) {
    const std::string& item = items_.empty() ? std::string() : items_.back();
    *data = values == 1 || (values == 2 && is_within(common, item)) ? std::move(common) : item;
  }
  return out;
}

// The longest JSON pointer both a and b lie within ("/p/0/a", "/p/0/b" → "/p/0").
std::string Instantiator::common_pointer(const std::string& a, const std::string& b) {
  std::size_t end = 0;  // end of the last whole token the two share
  for (std::size_t i = 0;; ++i) {
    const bool a_end = i == a.size() || a[i] == '/', b_end = i == b.size() || b[i] == '/';
    if (a_end && b_end) end = i;
    if (i == a.size() || i == b.size() || a[i] != b[i]) break;
  }
  return a.substr(0, end);
}

// Whether pointer p names inner or something within it (every pointer is within "").
bool Instantiator::is_within(const std::string& p, const std::string& inner) {
  return p.compare(0, inner.size(), inner) == 0 && (p.size() == inner.size() || p[inner.size()] == '/');
}

std::string Instantiator::data_array(const Expr& e) {
  if (e.kind == ExprKind::Name || e.kind == ExprKind::Member || e.kind == ExprKind::Index) {
    std::string pointer;
    try {
      Value v = evaluate(e, scope_, &pointer);
      if (v.kind == Value::Kind::Array && !pointer.empty())
        return pointer + " has " + std::to_string(v.ref->size()) + " elements";
    } catch (const EvalError&) {
    }
  }
  for (const Expr* c : {e.a.get(), e.b.get()})
    if (c)
      if (auto found = data_array(*c); !found.empty()) return found;
  for (const auto& c : e.args)
    if (auto found = data_array(*c); !found.empty()) return found;
  return "";
}

int Instantiator::span(const SpanAttr& s, const char* what) {
  if (!s.expr) return s.fixed;
  auto v = eval(*s.expr);
  if (!v) return 1;
  const std::string& text = s.expr->expr->text;
  if (v->kind == Value::Kind::Int && v->integer > limits::kTableSpan) {
    // The template is right; the data has more rows than a table can merge.
    std::string data = data_array(*s.expr->expr);
    report_.error("template.capacity", s.expr->place,
                  std::string(what) + " '" + text + "' is " + std::to_string(v->integer) +
                      ", more than a cell can span" +
                      (data.empty() ? std::string() : ": the data at " + data),
                  "at most " + std::to_string(limits::kTableSpan) + " (fewer elements in the data)",
                  std::to_string(v->integer));
    return 1;
  }
  if (v->kind != Value::Kind::Int || v->integer < 1) {
    std::string got = v->kind == Value::Kind::Int ? std::to_string(v->integer) : kind_name(v->kind);
    report_.error("template.type", s.expr->place,
                  std::string(what) + " '" + text + "' is not a whole number from 1 up",
                  "a whole number from 1 up", got);
    return 1;
  }
  return static_cast<int>(v->integer);
}

std::vector<doc::PageMark> Instantiator::marks(const std::vector<MarkNode>& nodes) {
  std::vector<doc::PageMark> out;
  for (const MarkNode& m : nodes) {
    doc::PageMark mark = m.proto;
    mark.text = text(m.text);  // {page} and {pages} are literal pieces since loading
    out.push_back(std::move(mark));
  }
  return out;
}

void Instantiator::block(const Node& n, std::vector<doc::Block>& out) {
  if (const auto* p = std::get_if<ParagraphNode>(&n.v)) {
    doc::Paragraph para = p->proto;
    para.text = text(p->text, &para.origin.data);
    if (p->outline) para.outline = text(*p->outline);
    else if (para.heading_level > 0) para.outline = para.text;
    std::replace(para.outline.begin(), para.outline.end(), '\n', ' ');  // a title is one line
    if (para.heading_level > 0) para.outline_level = para.heading_level;
    out.emplace_back(std::move(para));
  } else if (const auto* t = std::get_if<TableNode>(&n.v)) {
    table(*t, out);
  } else if (const auto* b = std::get_if<PageBreakNode>(&n.v)) {
    // between="true": not before the first iteration of the enclosing <for>.
    if (!b->between || (!iterations_.empty() && iterations_.back() > 0))
      out.emplace_back(doc::PageBreak{});
  }
}

void Instantiator::table(const TableNode& t, std::vector<doc::Block>& out) {
  BuiltTable built;
  built.table = t.proto;
  expand(t.rows, [&](const Node& rn) {
    const auto* r = std::get_if<RowNode>(&rn.v);
    if (!r) return;
    doc::Row row = r->proto;
    std::vector<bool> merges;
    expand(r->cells, [&](const Node& cn) {
      const auto* c = std::get_if<CellNode>(&cn.v);
      if (!c) return;
      doc::Cell cell = c->proto;
      cell.text = text(c->text, &cell.origin.data);
      cell.colspan = span(c->colspan, "colspan");
      cell.rowspan = span(c->rowspan, "rowspan");
      row.cells.push_back(std::move(cell));
      merges.push_back(c->merge_down);
    });
    built.table.rows.push_back(std::move(row));
    built.merge_down.push_back(std::move(merges));
    built.row_places.push_back(r->place);
  });
  std::vector<std::vector<int>> columns;
  if (check_geometry(built, t.place, columns, report_)) merge_down(built, columns);
  out.emplace_back(std::move(built.table));
}

}  // namespace jixiao::tmpl
