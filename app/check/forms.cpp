// The template half of the check: every binding, each= and test= of a form against the
// shape of its view (docs/templates.md): the data as its schema describes it, "title" at
// the root, and each document's "evaluation" as the rule set scores it.
#include "check/parts.h"
#include "template/loader.h"
#include "template/reporter.h"

namespace jixiao::check {

using namespace jixiao::tmpl;

namespace {

class FormWalk {
 public:
  FormWalk(const LoadedForm& f, Shape root, PathCheck& check) : f_(f), root_(std::move(root)), check_(check) {}

  void form() {
    for (const auto* t : {&f_.form.title, &f_.form.subject, &f_.form.author, &f_.form.keywords}) text(*t);
    for (const auto& m : f_.form.headers) text(m.text);
    for (const auto& m : f_.form.footers) text(m.text);
    nodes(f_.form.body);
  }

 private:
  // The place of a name inside the binding: from the binding's start ('{' or the start of
  // an each=/test= value) to its end ('}' or the closing quote).
  Spot spot(const Binding& b) const {
    return {f_.path, [this, &b](const std::string& name) {
              const std::string& text = f_.src->text();
              std::size_t from = offset_of(text, b.place);
              if (from == std::string::npos) return b.place;
              std::size_t to = text.find_first_of("}\"<", from + 1);
              std::size_t at = find_name(text, from, to == std::string::npos ? text.size() : to, name);
              return at == std::string::npos ? b.place : f_.src->place(at);
            }};
  }
  void binding(const Binding& b) {
    if (b.expr) check_.value(*b.expr, root_, vars_, spot(b));
  }
  void text(const TextTemplate& t) {
    for (const auto& p : t.pieces)
      if (p.kind == Piece::Kind::Bind) binding(p.binding);
  }
  void nodes(const Nodes& ns) {
    for (const auto& n : ns) node(n);
  }
  void node(const Node& n) {
    if (auto* p = std::get_if<ParagraphNode>(&n.v)) {
      text(p->text);
      if (p->outline) text(*p->outline);  // the bookmark's title binds like the text
      return;
    }
    if (auto* t = std::get_if<TableNode>(&n.v)) return nodes(t->rows);
    if (auto* r = std::get_if<RowNode>(&n.v)) return nodes(r->cells);
    if (auto* c = std::get_if<CellNode>(&n.v)) {
      text(c->text);
      if (c->colspan.expr) binding(*c->colspan.expr);
      if (c->rowspan.expr) binding(*c->rowspan.expr);
      return;
    }
    if (auto* f = std::get_if<ForNode>(&n.v)) {
      Shape item = f->each.expr ? check_.each(*f->each.expr, root_, vars_, spot(f->each)) : Shape::any();
      vars_.push_back({f->var, item});
      vars_.push_back({f->index_var, Shape::any()});
      vars_.push_back({f->key_var, Shape::any()});
      nodes(f->body);
      vars_.resize(vars_.size() - 3);
      return;
    }
    if (auto* i = std::get_if<IfNode>(&n.v)) {
      binding(i->test);
      nodes(i->then_body);
      nodes(i->else_body);
    }
  }

  const LoadedForm& f_;
  Shape root_;
  PathCheck& check_;
  std::vector<Var> vars_;
};

}  // namespace

std::unique_ptr<LoadedForm> load_form(const std::string& path, DiagnosticSink& sink) {
  auto f = std::make_unique<LoadedForm>();
  f->path = path;
  f->src = std::make_unique<XmlSource>(path, read_file(path));
  pugi::xml_document xml;
  if (!f->src->parse(xml, sink)) return nullptr;
  Reporter report(sink, path);
  Loader loader(*f->src, report);
  pugi::xml_node root = xml.document_element();
  f->form = loader.form(root);
  if (report.has_errors()) return nullptr;
  f->root_place = f->src->place(f->src->element_offset(root));
  auto spots = f->src->attribute_spots(root);
  std::size_t i = 0;
  for (auto a = root.first_attribute(); a && i < spots.size(); a = a.next_attribute(), ++i) {
    std::string name = a.name();
    if (name == "rules") f->rules_place = f->src->place(spots[i].value);
    if (name == "schema") f->schema_place = f->src->place(spots[i].value);
    if (name == "prefill") f->prefill_place = f->src->place(spots[i].value);
  }
  return f;
}

void check_form(const LoadedForm& form, const SchemaFile* schema, const scoring::RuleSet* rules,
                PathCheck& check) {
  if (!schema || !schema->ok) return;
  Shape root = Shape::of(schema->doc, schema->path);
  auto view = std::make_shared<ViewInfo>();
  if (rules) {
    view->documents = rules->documents;
    view->evaluation = evaluation_schema(*rules);
  }
  root.tag = ViewTag::Root;
  root.view = view;
  FormWalk(form, std::move(root), check).form();
}

}  // namespace jixiao::check
