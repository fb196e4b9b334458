#include "template/instantiate.h"

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
  d.page = form_.page;
  expand(form_.body, [&](const Node& n) { block(n, d.blocks); });
  return d;
}

template <class Leaf>
void Instantiator::expand(const Nodes& nodes, Leaf&& leaf) {
  for (const Node& n : nodes) {
    if (const auto* f = std::get_if<ForNode>(&n.v)) {
      auto v = eval(f->each);
      if (!v) continue;
      if (v->kind != Value::Kind::Array) {
        report_.error("template.type", f->each.place,
                      "<for each> over a non-array: '" + f->each.expr->text + "' is " +
                          kind_name(v->kind),
                      "an array", kind_name(v->kind));
        continue;
      }
      std::int64_t i = 0;
      for (const json& item : *v->ref) {
        scope_.push(f->var, Value::of(item));
        scope_.push(f->index_var, Value::of_int(i));
        iterations_.push_back(i++);
        expand(f->body, leaf);
        iterations_.pop_back();
        scope_.pop(2);
      }
    } else if (const auto* c = std::get_if<IfNode>(&n.v)) {
      auto v = eval(c->test);
      expand(v && truthy(*v) ? c->then_body : c->else_body, leaf);
    } else {
      leaf(n);
    }
  }
}

std::optional<Value> Instantiator::eval(const Binding& b) {
  try {
    return evaluate(*b.expr, scope_);
  } catch (const EvalError& e) {
    report_.error(template_code(e.code), b.place, e.message, e.expected, e.got);
    return std::nullopt;
  }
}

std::string Instantiator::text(const TextTemplate& t) {
  std::string out;
  for (const Piece& p : t.pieces) {
    switch (p.kind) {
      case Piece::Kind::Literal: out += p.literal; break;
      case Piece::Kind::Break: out += '\n'; break;
      case Piece::Kind::Bind:
        if (auto v = eval(p.binding)) {
          try {
            out += print(*v, p.binding.filter, *p.binding.expr);
          } catch (const EvalError& e) {
            report_.error(template_code(e.code), p.binding.place, e.message, e.expected, e.got);
          }
        }
        break;
    }
  }
  return out;
}

int Instantiator::span(const SpanAttr& s, const char* what) {
  if (!s.expr) return s.fixed;
  auto v = eval(*s.expr);
  if (!v) return 1;
  if (v->kind != Value::Kind::Int || v->integer < 1 || v->integer > 10000) {
    std::string got = v->kind == Value::Kind::Int ? std::to_string(v->integer) : kind_name(v->kind);
    report_.error("template.type", s.expr->place,
                  std::string(what) + " '" + s.expr->expr->text + "' is not a whole number from 1 up",
                  "a whole number from 1 up", got);
    return 1;
  }
  return static_cast<int>(v->integer);
}

void Instantiator::block(const Node& n, std::vector<doc::Block>& out) {
  if (const auto* p = std::get_if<ParagraphNode>(&n.v)) {
    doc::Paragraph para = p->proto;
    para.text = text(p->text);
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
      cell.text = text(c->text);
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
