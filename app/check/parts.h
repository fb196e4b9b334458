// The pieces of the template check (check.cpp runs them): internal to the check stage.
#pragma once
#include <functional>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "check/paths.h"
#include "check/places.h"
#include "template/nodes.h"
#include "template/source.h"
#include "scoring/scoring.h"

namespace jixiao::check {

struct SchemaFile {
  std::string name, path;
  json doc;
  bool ok = false;  // parsed and a valid schema
};

struct RuleFile {
  std::string name, path;
  json doc;
  std::unique_ptr<JsonPlaces> places;
  std::unique_ptr<scoring::RuleSet> rules;  // null when it does not load
};

// The shape of what a view adds under each document's "evaluation" for these rules, as a
// schema (taken from scoring::to_view itself, so it follows what scoring gives).
std::shared_ptr<const json> evaluation_schema(const scoring::RuleSet& rules);

// What a rule set names, against the data schema of a form that uses it.
void check_rule_set(const RuleFile& rules, const SchemaFile& schema, PathCheck& check);

// A form template as the template stage loads it, with the places of what <form> names.
struct LoadedForm {
  std::string path;
  std::unique_ptr<tmpl::XmlSource> src;
  tmpl::FormNode form;
  std::string rules_place, schema_place, prefill_place;  // line:col of attribute values ("" if absent)
  std::string root_place;                 // of <form>
};
// Null (after reporting) when the template does not load.
std::unique_ptr<LoadedForm> load_form(const std::string& path, DiagnosticSink& sink);
// What a form binds, against its view: schema may be null (no schema: nothing to check
// against), rules too (an unscored form: no "evaluation").
void check_form(const LoadedForm& form, const SchemaFile* schema, const scoring::RuleSet* rules,
                PathCheck& check);

// A prefill map: what it copies to must exist in the self-evaluation's schema (target),
// what it copies from in the declaration's; schema_of gives the schema of a form id (null
// when unknown).
void check_prefill(const std::string& path, const SchemaFile* target,
                   const std::function<const SchemaFile*(const std::string& form)>& schema_of,
                   PathCheck& check, DiagnosticSink& sink);

}  // namespace jixiao::check
