#include "check/check.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "check/parts.h"
#include "diag/json.h"
#include "model/schema.h"

namespace jixiao::check {

namespace fs = std::filesystem;

namespace {

SchemaFile load_schema(const std::string& name, const std::string& path, DiagnosticSink& sink) {
  SchemaFile s{name, path, {}, false};
  if (!parse_json(path, read_file(path), s.doc, sink, {"schema.json", "schema"})) return s;
  s.ok = model::Schema::from_json(s.doc, path, sink) != nullptr;
  return s;
}

RuleFile load_rules(const Catalog& catalog, const std::string& name, const std::string& path, DiagnosticSink& sink) {
  RuleFile r{name, path, {}, nullptr, nullptr};
  DiagnosticSink local;
  auto rs = scoring::load_rule_set(path, local);
  for (const auto& d : local.all()) sink.report(d);
  if (local.has_errors()) return r;
  std::string text = read_file(path);
  DiagnosticSink ignored;  // parsed above already
  parse_json(path, text, r.doc, ignored);
  r.places = std::make_unique<JsonPlaces>(text);
  if (rs->id != name) {  // forms find a rule set by its file name: the two must agree
    Diagnostic d = catalog.rules_id_error(path, rs->id);
    d.place = r.places->place("/id");
    sink.report(std::move(d));
  }
  r.rules = std::move(rs);
  return r;
}

// Runs f on a file, reporting what it throws (an unreadable file) and going on to the next.
template <class F>
void guarded(const std::string& path, DiagnosticSink& sink, F&& f) {
  try {
    f();
  } catch (const Failure& e) {
    sink.report(e.diagnostic());
  } catch (const std::exception& e) {
    sink.error("internal", path, "", std::string("internal error: ") + e.what(), "no internal error");
  }
}

// The catalog's error for what the form at `place` names and no root has.
void report_missing(const Catalog& catalog, Catalog::Part part, const std::string& name, const std::string& path,
                    const std::string& place, DiagnosticSink& sink) {
  Diagnostic d = catalog.missing(part, name, path);
  d.place = place;
  sink.report(std::move(d));
}

}  // namespace

Summary check_templates(const Catalog& catalog, DiagnosticSink& sink) {
  Summary sum;
  PathCheck check(sink);

  std::map<std::string, SchemaFile> schemas;
  for (const auto& [name, path] : catalog.files("schemas", ".schema.json", sink))
    guarded(path, sink, [&, &name = name, &path = path] {
      schemas.emplace(name, load_schema(name, path, sink));
      ++sum.schemas;
    });

  std::map<std::string, RuleFile> rules;
  for (const auto& [name, path] : catalog.files("rules", ".json", sink))
    guarded(path, sink, [&, &name = name, &path = path] {
      rules.emplace(name, load_rules(catalog, name, path, sink));
      ++sum.rule_sets;
    });

  // Forms: each against its schema and rule set; each rule set against the schema of
  // every form that uses it (once per pair).
  std::map<std::string, const SchemaFile*> form_schemas;  // form id → its schema
  std::map<std::string, std::vector<const SchemaFile*>> prefill_targets;  // map → forms' schemas
  auto prefill_files = catalog.files("prefill", ".json", sink);
  auto has_prefill = [&](const std::string& name) {
    return std::any_of(prefill_files.begin(), prefill_files.end(), [&](const auto& p) { return p.first == name; });
  };
  std::set<std::pair<std::string, std::string>> rule_checks;
  auto form_files = catalog.files("forms", ".xml", sink);
  for (const auto& [id, path] : form_files)
    guarded(path, sink, [&, &id = id, &path = path] {
      ++sum.forms;
      auto form = load_form(path, sink);
      if (!form) return;
      const auto& f = form->form;
      if (f.id != id) {
        Diagnostic d = catalog.form_id_error(path, f.id);
        d.place = form->root_place;
        sink.report(std::move(d));
      }
      const SchemaFile* schema = nullptr;
      if (f.schema.empty())  // data is then not validated either: nothing to check against
        sink.warning("check.schema", path, form->root_place,
                     "the form names no schema (schema=\"…\"): its bindings and rule set are not checked");
      if (!f.schema.empty()) {
        auto it = schemas.find(f.schema);
        if (it == schemas.end())
          report_missing(catalog, Catalog::Part::Schema, f.schema, path, form->schema_place, sink);
        else
          schema = &it->second;
      }
      const RuleFile* rule_file = nullptr;
      if (!f.rules.empty()) {
        auto it = rules.find(f.rules);
        if (it == rules.end())
          report_missing(catalog, Catalog::Part::Rules, f.rules, path, form->rules_place, sink);
        else
          rule_file = &it->second;
      }
      if (schema && schema->ok) form_schemas.emplace(id, schema);
      std::string map = f.prefill.empty() ? id : f.prefill;
      if (!f.prefill.empty() && !has_prefill(f.prefill))
        report_missing(catalog, Catalog::Part::Prefill, f.prefill, path, form->prefill_place, sink);
      auto& targets = prefill_targets[map];
      if (schema && schema->ok && std::find(targets.begin(), targets.end(), schema) == targets.end())
        targets.push_back(schema);
      if (rule_file && !rule_file->rules) {
        // Its bindings of "evaluation" would all fail as echoes of the rule set's errors.
        Diagnostic d{Severity::Note, "check.rules-failed", path, form->rules_place,
                     "not checked: its rule set " + f.rules + " failed to load", "", "", {}};
        sink.report(std::move(d));
        return;
      }
      check_form(*form, schema, rule_file ? rule_file->rules.get() : nullptr, check);
      if (rule_file && schema && rule_checks.emplace(f.rules, f.schema).second)
        check_rule_set(*rule_file, *schema, check);
    });

  // Prefill maps, against the schema of each form that uses one (by its id or prefill="…").
  auto schema_of = [&](const std::string& form) -> const SchemaFile* {
    auto it = form_schemas.find(form);
    return it == form_schemas.end() ? nullptr : it->second;
  };
  for (const auto& [name, path] : prefill_files)
    guarded(path, sink, [&, &name = name, &path = path] {
      ++sum.prefill_maps;
      const auto& targets = prefill_targets[name];
      if (targets.empty())
        sink.warning("check.prefill", path, "",
                     "no form with a schema uses prefill map '" + name + "': what it fills in is not checked");
      if (targets.empty()) check_prefill(path, nullptr, schema_of, check, sink);
      for (const SchemaFile* target : targets) check_prefill(path, target, schema_of, check, sink);
    });
  return sum;
}

}  // namespace jixiao::check
