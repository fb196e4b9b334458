#include "run/locate.h"

#include "diag/json.h"

namespace jixiao {

namespace {

constexpr LineCol kUnknown{0, 0};

// Where the value of each pointer is: its member key or, in an array, its first character.
std::vector<LineCol> places_in(std::string_view text, const std::vector<std::string>& pointers, LineCol start) {
  std::vector<LineCol> out;
  std::size_t from = 0;
  LineCol from_lc = start;
  for (const JsonSpot& spot : json_value_offsets(text, pointers)) {
    if (spot.key == std::string::npos) {
      out.push_back(kUnknown);
      continue;
    }
    if (spot.key < from) {  // counted on from the last one when in order (they mostly are)
      from = 0;
      from_lc = start;
    }
    from_lc = line_col(text.substr(from), spot.key - from, from_lc);
    from = spot.key;
    out.push_back(from_lc);
  }
  return out;
}

bool under(const std::string& pointer, const std::string& prefix) {
  return pointer.compare(0, prefix.size(), prefix) == 0 &&
         (pointer.size() == prefix.size() || pointer[prefix.size()] == '/');
}

// line:col of each pointer in the data as the user gave it.
std::map<std::string, LineCol> data_places(const Request& req, const std::vector<std::string>& pointers) {
  std::map<std::string, LineCol> out;
  if (!req.document_pointer.empty() && req.document_source) {
    // In the document's own text (a value in the user's file) or, outside it, in the file.
    const std::string& doc = req.document_pointer;
    std::vector<std::string> inside, outside;
    for (const auto& p : pointers) (under(p, doc) ? inside : outside).push_back(p);
    std::vector<std::string> relative;
    for (const auto& p : inside) relative.push_back(p.substr(doc.size()));
    std::string_view text(req.document_source->text());
    if (req.document_at <= text.size()) {
      auto lcs = places_in(text.substr(req.document_at), relative, req.document_line_col);
      for (std::size_t i = 0; i < inside.size(); ++i) out[inside[i]] = lcs[i];
    }
    auto lcs = req.document_source->places(outside);
    for (std::size_t i = 0; i < outside.size(); ++i) out[outside[i]] = lcs[i];
    return out;
  }
  if (!req.document_pointer.empty()) return out;  // its text is not the user's file
  std::string read;
  if (!req.data_text) {
    try {
      read = read_file(req.data_file, limits::kDataFileBytes);
    } catch (const Failure&) {  // gone since: no places
      return out;
    }
  }
  auto lcs = places_in(req.data_text ? *req.data_text : read, pointers, {});
  for (std::size_t i = 0; i < pointers.size(); ++i) out[pointers[i]] = lcs[i];
  return out;
}

bool wants_line(const Diagnostic& d, const std::string& data_file) {
  return d.file == data_file && !d.place.has_line() && !d.place.pointer.empty() && d.place.pointer[0] == '/';
}

}  // namespace

std::vector<LineCol> SourceText::places(const std::vector<std::string>& pointers) const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<std::string> unknown;
  for (const auto& p : pointers)
    if (!known_.count(p)) unknown.push_back(p);
  if (!unknown.empty()) {
    auto lcs = places_in(text_, unknown, {});
    for (std::size_t i = 0; i < unknown.size(); ++i) known_[unknown[i]] = lcs[i];
  }
  std::vector<LineCol> out;
  for (const auto& p : pointers) out.push_back(known_[p]);
  return out;
}

void locate_data_places(const Request& req, Result& res) {
  std::vector<std::string> pointers;
  for (const Diagnostic& d : res.diagnostics.all())
    if (wants_line(d, req.data_file)) pointers.push_back(d.place.pointer);
  for (const auto& doc : res.documents)
    for (const auto& f : doc.findings)
      if (!f.pointer.empty()) pointers.push_back(f.pointer);
  if (pointers.empty()) return;
  std::map<std::string, LineCol> at = data_places(req, pointers);
  auto find = [&](const std::string& pointer) {
    auto it = at.find(pointer);
    return it == at.end() ? kUnknown : it->second;
  };
  DiagnosticSink sink;
  for (Diagnostic d : res.diagnostics.all()) {
    if (wants_line(d, req.data_file)) {
      LineCol lc = find(d.place.pointer);
      d.place.line = lc.line;
      d.place.col = lc.col;
    }
    sink.report(std::move(d));
  }
  res.diagnostics = std::move(sink);
  for (auto& doc : res.documents)
    for (auto& f : doc.findings) {
      LineCol lc = find(f.pointer);
      f.line = lc.line;
      f.col = lc.col;
    }
}

}  // namespace jixiao
