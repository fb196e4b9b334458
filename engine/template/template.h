// Template stage: a form template (XML under templates/forms/) instantiated with a view of
// the scored data → document tree. The template format is described in docs/templates.md.
#pragma once
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "diag/diag.h"
#include "doc/document.h"

namespace jixiao::tmpl {

class Template {
 public:
  // Parses the template file. Malformed XML, unknown elements or attributes and bad
  // expressions are reported to sink as "file:line:col" errors; returns nullptr then.
  static std::unique_ptr<Template> load(const std::string& path, DiagnosticSink& sink);
  ~Template();

  const std::string& file() const;
  const std::string& form_id() const;   // <form id="…">
  const std::string& rule_set() const;  // <form rules="…">
  const std::string& schema() const;    // <form schema="…">, empty when not given
  const std::string& prefill() const;   // <form prefill="…">, empty when not given

  // Instantiates the template with a view (see docs/templates.md: the view is the data file
  // with every optional field present and the scoring results under "evaluation").
  // A binding to a field the view does not have, or of the wrong type, is an error at the
  // template's file:line:col; the returned document is then incomplete.
  doc::Document instantiate(const nlohmann::json& view, DiagnosticSink& sink) const;

 private:
  Template();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixiao::tmpl
