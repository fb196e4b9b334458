#include "model/model.h"

#include "model/reader.h"

namespace jixiao::model {

namespace {

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
  if (!r.object(d.source, "", "the document")) return d;
  r.string(d.source, "", "form", d.form, true);
  if (auto it = d.source.find("title"); it != d.source.end() && it->is_string())
    d.title = it->get<std::string>();
  return d;
}

Dossier load_dossier(const std::string& path, DiagnosticSink& sink) {
  return parse_dossier(path, read_file(path), sink);
}

}  // namespace jixiao::model
