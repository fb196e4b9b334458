#include "template/template.h"

#include "template/instantiate.h"
#include "template/loader.h"
#include "template/nodes.h"
#include "template/source.h"

namespace jixiao::tmpl {

struct Template::Impl {
  std::string file;
  FormNode form;
};

Template::Template() : impl_(std::make_unique<Impl>()) {}
Template::~Template() = default;

std::unique_ptr<Template> Template::load(const std::string& path, DiagnosticSink& sink) {
  XmlSource src(path, read_file(path));  // an unreadable file throws Failure ("io.read")
  Reporter report(sink, path);
  pugi::xml_document xml;
  if (!src.parse(xml, sink)) return nullptr;
  Loader loader(src, report);
  FormNode form = loader.form(xml.document_element());
  if (report.has_errors()) return nullptr;
  std::unique_ptr<Template> t(new Template());
  t->impl_->file = path;
  t->impl_->form = std::move(form);
  return t;
}

const std::string& Template::file() const { return impl_->file; }
const std::string& Template::form_id() const { return impl_->form.id; }
const std::string& Template::rule_set() const { return impl_->form.rules; }
const std::string& Template::schema() const { return impl_->form.schema; }
const std::string& Template::prefill() const { return impl_->form.prefill; }

doc::Document Template::instantiate(const nlohmann::json& view, DiagnosticSink& sink) const {
  // A Reporter per call: within one call each mistake is reported once, however many
  // projects the view holds.
  Reporter report(sink, impl_->file);
  return Instantiator(impl_->form, view, report).run();
}

}  // namespace jixiao::tmpl
