#include "check/check.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "check/parts.h"
#include "diag/json.h"
#include "model/schema.h"
#include "catalog/roots.h"

namespace jixiao::check {

namespace fs = std::filesystem;

namespace {

SchemaFile load_schema(const std::string& name, const std::string& path, DiagnosticSink& sink) {
  SchemaFile s{name, path, {}, false};
  if (!parse_json(path, read_file(path), s.doc, sink, {"schema.json", "schema"})) return s;
  s.ok = model::Schema::from_json(s.doc, path, sink) != nullptr;
  return s;
}

// ", the id of rules/x.json" when another file found goes by that id: a copy whose id was
// not changed names the original, and both files are named.
std::string also(const std::vector<std::pair<std::string, std::string>>& files, const std::string& id,
                 const std::string& path) {
  for (const auto& [name, other] : files)
    if (name == id && other != path) return ", the id of " + other;
  return "";
}

RuleFile load_rules(const std::string& name, const std::string& path,
                    const std::vector<std::pair<std::string, std::string>>& files, DiagnosticSink& sink) {
  RuleFile r{name, path, {}, nullptr, nullptr};
  DiagnosticSink local;
  auto rs = scoring::load_rule_set(path, local);
  for (const auto& d : local.all()) sink.report(d);
  if (local.has_errors()) return r;
  std::string text = read_file(path);
  DiagnosticSink ignored;  // parsed above already
  parse_json(path, text, r.doc, ignored);
  r.places = std::make_unique<JsonPlaces>(text);
  if (rs->id != name)  // forms find a rule set by its file name: the two must agree
    sink.error("check.id", path, r.places->place("/id"), "the rule set's id is '" + rs->id + "'" + also(files, rs->id, path),
               "\"id\": \"" + name + "\", the name of the file", "'" + rs->id + "'");
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

}  // namespace

Summary check_templates(const std::vector<std::string>& roots, DiagnosticSink& sink) {
  Summary sum;
  PathCheck check(sink);

  std::map<std::string, SchemaFile> schemas;
  for (const auto& [name, path] : files_found(roots, "schemas", ".schema.json", sink))
    guarded(path, sink, [&, &name = name, &path = path] {
      schemas.emplace(name, load_schema(name, path, sink));
      ++sum.schemas;
    });

  std::map<std::string, RuleFile> rules;
  auto rule_files = files_found(roots, "rules", ".json", sink);
  for (const auto& [name, path] : rule_files)
    guarded(path, sink, [&, &name = name, &path = path] {
      rules.emplace(name, load_rules(name, path, rule_files, sink));
      ++sum.rule_sets;
    });

  // Forms: each against its schema and rule set; each rule set against the schema of
  // every form that uses it (once per pair).
  std::map<std::string, const SchemaFile*> form_schemas;  // form id → its schema
  std::map<std::string, std::vector<const SchemaFile*>> prefill_targets;  // map → forms' schemas
  auto prefill_files = files_found(roots, "prefill", ".json", sink);
  auto has_prefill = [&](const std::string& name) {
    return std::any_of(prefill_files.begin(), prefill_files.end(), [&](const auto& p) { return p.first == name; });
  };
  std::set<std::pair<std::string, std::string>> rule_checks;
  auto form_files = files_found(roots, "forms", ".xml", sink);
  for (const auto& [id, path] : form_files)
    guarded(path, sink, [&, &id = id, &path = path] {
      ++sum.forms;
      auto form = load_form(path, sink);
      if (!form) return;
      const auto& f = form->form;
      if (f.id != id)
        sink.error("check.id", path, form->root_place, "the template's id is '" + f.id + "'" + also(form_files, f.id, path),
                   "id=\"" + id + "\", the name of the file", "'" + f.id + "'");
      const SchemaFile* schema = nullptr;
      if (f.schema.empty())  // data is then not validated either: nothing to check against
        sink.warning("check.schema", path, form->root_place,
                     "the form names no schema (schema=\"…\"): its bindings and rule set are not checked");
      if (!f.schema.empty()) {
        auto it = schemas.find(f.schema);
        if (it == schemas.end())
          sink.error("check.schema", path, form->schema_place, "schema '" + f.schema + "' not found",
                     "a file schemas/" + f.schema + ".schema.json in a template directory");
        else
          schema = &it->second;
      }
      const RuleFile* rule_file = nullptr;
      if (!f.rules.empty()) {
        auto it = rules.find(f.rules);
        if (it == rules.end())
          sink.error("check.rules", path, form->rules_place, "rule set '" + f.rules + "' not found",
                     "a file rules/" + f.rules + ".json in a template directory");
        else
          rule_file = &it->second;
      }
      if (schema && schema->ok) form_schemas.emplace(id, schema);
      std::string map = f.prefill.empty() ? id : f.prefill;
      if (!f.prefill.empty() && !has_prefill(f.prefill))
        sink.error("check.prefill", path, form->prefill_place, "prefill map '" + f.prefill + "' not found",
                   "a file prefill/" + f.prefill + ".json in a template directory");
      auto& targets = prefill_targets[map];
      if (schema && schema->ok && std::find(targets.begin(), targets.end(), schema) == targets.end())
        targets.push_back(schema);
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
