#include "diag/json.h"

namespace jixiao {

namespace {

bool wants_line(const Diagnostic& d, const std::string& file) {
  return d.file == file && !d.place.has_line() && !d.place.pointer.empty() && d.place.pointer[0] == '/';
}

}  // namespace

DiagnosticSink located_in_json(const DiagnosticSink& sink, const std::string& file, std::string_view text) {
  std::vector<std::string> pointers;
  for (const Diagnostic& d : sink.all())
    if (wants_line(d, file)) pointers.push_back(d.place.pointer);
  std::vector<JsonSpot> spots = pointers.empty() ? std::vector<JsonSpot>{} : json_value_offsets(text, pointers);
  DiagnosticSink out;
  std::size_t k = 0;
  for (Diagnostic d : sink.all()) {
    if (wants_line(d, file)) {
      const JsonSpot& spot = spots[k++];
      if (spot.key != std::string::npos && spot.key <= text.size()) {
        LineCol lc = line_col(text, spot.key);
        d.place.line = lc.line;
        d.place.col = lc.col;
      }
    }
    out.report(std::move(d));
  }
  return out;
}

}  // namespace jixiao
