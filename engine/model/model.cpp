#include "model/model.h"

#include "model/reader.h"

namespace jixiao::model {

namespace {

void read_fund_line(Reader& r, const nlohmann::json& funds, const std::string& ptr,
                    const char* key, FundLine& out) {
  const nlohmann::json* line = r.member(funds, ptr, key, "an object {initial, annual, executed}");
  std::string lp = child(ptr, key);
  if (!line || !r.object(*line, lp, key)) return;
  out.pointer = lp;
  r.number(*line, lp, "initial", out.initial);
  r.number(*line, lp, "annual", out.annual);
  r.number(*line, lp, "executed", out.executed);
  r.only(*line, lp, {"initial", "annual", "executed"});
}

void read_indicator(Reader& r, const nlohmann::json& v, const std::string& ptr, Indicator& ind) {
  ind.pointer = ptr;
  if (!r.object(v, ptr, "an indicator")) return;
  r.string(v, ptr, "level1", ind.level1, true);
  r.string(v, ptr, "level2", ind.level2);
  r.string(v, ptr, "name", ind.name, true);
  r.string(v, ptr, "target", ind.target);
  r.string(v, ptr, "actual", ind.actual);
  r.number(v, ptr, "weight", ind.weight);
  r.number(v, ptr, "score", ind.score);
  r.string(v, ptr, "deviation_reason", ind.deviation_reason);
  r.only(v, ptr, {"level1", "level2", "name", "target", "actual", "weight", "score",
                  "deviation_reason"});
}

void read_project(Reader& r, const nlohmann::json& v, const std::string& ptr, Project& p) {
  p.pointer = ptr;
  if (!r.object(v, ptr, "a project")) return;
  r.string(v, ptr, "name", p.name, true);
  r.number(v, ptr, "amount", p.amount);
  r.string(v, ptr, "department", p.department);
  r.string(v, ptr, "implementer", p.implementer);
  if (const nlohmann::json* f = r.member(v, ptr, "funds", "an object {total, fiscal, carryover, other}")) {
    std::string fp = child(ptr, "funds");
    if (r.object(*f, fp, "'funds'")) {
      read_fund_line(r, *f, fp, "total", p.funds.total);
      read_fund_line(r, *f, fp, "fiscal", p.funds.fiscal);
      read_fund_line(r, *f, fp, "carryover", p.funds.carryover);
      read_fund_line(r, *f, fp, "other", p.funds.other);
      r.only(*f, fp, {"total", "fiscal", "carryover", "other"});
    }
  }
  if (const nlohmann::json* g = r.member(v, ptr, "goals", "an object {expected, actual}")) {
    std::string gp = child(ptr, "goals");
    if (r.object(*g, gp, "'goals'")) {
      r.string(*g, gp, "expected", p.goal_expected);
      r.string(*g, gp, "actual", p.goal_actual);
      r.only(*g, gp, {"expected", "actual"});
    }
  }
  if (const nlohmann::json* inds = r.array(v, ptr, "indicators", true)) {
    std::string ip = child(ptr, "indicators");
    p.indicators.resize(inds->size());
    for (std::size_t i = 0; i < inds->size(); ++i)
      read_indicator(r, (*inds)[i], child(ip, i), p.indicators[i]);
  }
  r.only(v, ptr, {"name", "amount", "department", "implementer", "funds", "goals", "indicators"});
}

// nlohmann's message after its "[json.exception…] parse error at line L, column C: " prefix.
std::string parse_error_detail(const std::string& what) {
  auto pos = what.find(": ");
  return pos == std::string::npos ? what : what.substr(pos + 2);
}

}  // namespace

Dossier parse_dossier(const std::string& path, const std::string& text, DiagnosticSink& sink) {
  Dossier d;
  d.file = path;
  try {
    d.source = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    // e.byte is 1-based: the position of the character that could not be read.
    sink.error("model.json", path, to_string(line_col(text, e.byte > 0 ? e.byte - 1 : 0)),
               "malformed JSON: " + parse_error_detail(e.what()), "well-formed JSON (RFC 8259)");
    return d;
  }
  Reader r(path, sink);
  const nlohmann::json& root = d.source;
  if (!r.object(root, "", "the document")) return d;
  r.string(root, "", "form", d.form, true);
  if (auto it = root.find("title"); it != root.end()) {
    if (it->is_string()) d.title = it->get<std::string>();
    else sink.error("model.type", path, "/title", "wrong type for 'title'", "a string", describe(*it));
  }
  if (const nlohmann::json* ps = r.array(root, "", "projects", true)) {
    d.projects.resize(ps->size());
    for (std::size_t i = 0; i < ps->size(); ++i)
      read_project(r, (*ps)[i], child("/projects", i), d.projects[i]);
  }
  r.only(root, "", {"$schema", "form", "title", "projects"});
  return d;
}

Dossier load_dossier(const std::string& path, DiagnosticSink& sink) {
  return parse_dossier(path, read_file(path), sink);
}

}  // namespace jixiao::model
