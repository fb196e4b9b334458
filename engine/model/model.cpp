#include "model/model.h"

#include "diag/json.h"
#include "model/reader.h"

namespace jixiao::model {

bool is_form_id(const std::string& id) {
  if (id.empty() || id.size() > 100 || id[0] == '.') return false;
  for (char c : id)
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.'))
      return false;
  return true;
}

Dossier parse_dossier(const std::string& path, const std::string& text, DiagnosticSink& sink,
                      bool quote_content) {
  Dossier d;
  d.file = path;
  if (!parse_json(path, text, d.source, sink, {"model.json", "JSON", quote_content})) return d;
  Reader r(path, sink);
  if (!r.object(d.source, "", "the document")) return d;
  if (r.string(d.source, "", "form", d.form, true) && !is_form_id(d.form)) {
    // The id becomes a file name (forms/<id>.xml): it must not reach another directory.
    sink.error("model.form", path, "/form", "not a form id", "letters, digits, '-', '_' and '.' (as in shenzhen-project-selfeval-2021)",
               describe(d.source["form"]));
    d.form.clear();
  }
  if (auto it = d.source.find("title"); it != d.source.end() && it->is_string())
    d.title = it->get<std::string>();
  return d;
}

Dossier load_dossier(const std::string& path, DiagnosticSink& sink) {
  return parse_dossier(path, read_file(path, limits::kDataFileBytes), sink);
}

}  // namespace jixiao::model
