#include "model/model.h"

#include "diag/json.h"
#include "model/reader.h"

namespace jixiao::model {

Dossier parse_dossier(const std::string& path, const std::string& text, DiagnosticSink& sink,
                      bool quote_content) {
  Dossier d;
  d.file = path;
  if (!parse_json(path, text, d.source, sink, {"model.json", "JSON", quote_content})) return d;
  Reader r(path, sink);
  if (!r.object(d.source, "", "the document")) return d;
  r.string(d.source, "", "form", d.form, true);
  if (auto it = d.source.find("title"); it != d.source.end() && it->is_string())
    d.title = it->get<std::string>();
  return d;
}

Dossier load_dossier(const std::string& path, DiagnosticSink& sink) {
  return parse_dossier(path, read_file(path, limits::kDataFileBytes), sink);
}

}  // namespace jixiao::model
