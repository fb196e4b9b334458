#include "diag/diag.h"

#include "diag/lang.h"

namespace jixiao {

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

namespace {

// "12:5" → 12, 5; false for anything else.
bool parse_line_col(const std::string& s, int& line, int& col) {
  std::size_t colon = s.find(':');
  if (colon == 0 || colon == std::string::npos || colon > 9 || s.size() - colon - 1 > 9 || colon + 1 == s.size())
    return false;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (i != colon && (s[i] < '0' || s[i] > '9')) return false;
  int l = std::stoi(s.substr(0, colon)), c = std::stoi(s.substr(colon + 1));
  if (l <= 0) return false;
  line = l;
  col = c;
  return true;
}

// "file:12:5: /ptr: " (as compilers print positions, so that editors jump there), else
// "file: /ptr: ".
std::string where(const Diagnostic& d) {
  std::string out;
  const Place& p = d.place;
  if (!d.file.empty()) out += d.file + (p.has_line() ? ":" : ": ");
  if (p.has_line()) out += to_string(LineCol{p.line, p.col}) + ": ";
  if (!p.pointer.empty()) out += p.pointer + ": ";
  return out;
}

}  // namespace

Place::Place(std::string text) {
  if (!parse_line_col(text, line, col)) pointer = std::move(text);
}

std::string Place::text() const {
  if (!pointer.empty()) return pointer;
  return has_line() ? to_string(LineCol{line, col}) : "";
}

std::string format(const Diagnostic& d) {
  std::string out = where(d);
  out += severity_name(d.severity);
  out += ": " + d.message;
  if (!d.expected.empty()) {
    out += "; expected " + d.expected;
    if (!d.got.empty()) out += ", got " + d.got;
  } else if (!d.got.empty()) {
    out += " (got " + d.got + ")";
  }
  for (const auto& h : d.hints) out += "\n  hint: " + h;
  return out;
}

const char* severity_name(Severity s, const std::string& lang) {
  if (lang != "zh") return severity_name(s);
  switch (s) {
    case Severity::Error: return "错误";
    case Severity::Warning: return "警告";
    case Severity::Note: return "说明";  // 提示 is a hint (docs/glossary.md)
  }
  return "错误";
}

std::string format(const Diagnostic& d, const std::string& lang) {
  if (lang != "zh") return format(d);
  std::string out = where(d);
  out += severity_name(d.severity, lang);
  out += "：" + translate(d.code, d.message, lang);
  std::string expected = translate(d.code, d.expected, lang), got = translate(d.code, d.got, lang);
  if (!expected.empty()) {
    out += "；应为 " + expected;
    if (!got.empty()) out += "，实为 " + got;
  } else if (!got.empty()) {
    out += "（实为 " + got + "）";
  }
  for (const auto& h : d.hints) out += "\n  提示：" + translate(d.code, h, lang);
  return out;
}

void DiagnosticSink::report(Diagnostic d) {
  if (d.severity == Severity::Error) ++errors_;
  items_.push_back(std::move(d));
}

void DiagnosticSink::error(std::string code, std::string file, Place place,
                           std::string message, std::string expected, std::string got) {
  report({Severity::Error, std::move(code), std::move(file), std::move(place), std::move(message),
          std::move(expected), std::move(got), {}});
}

void DiagnosticSink::warning(std::string code, std::string file, Place place,
                             std::string message) {
  report({Severity::Warning, std::move(code), std::move(file), std::move(place),
          std::move(message), {}, {}, {}});
}

LineCol line_col(std::string_view text, std::size_t byte_offset, LineCol start) {
  LineCol lc = start;
  if (byte_offset > text.size()) byte_offset = text.size();
  for (std::size_t i = 0; i < byte_offset; ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c == '\n') {
      ++lc.line;
      lc.col = 1;
    } else if ((c & 0xC0) != 0x80) {
      ++lc.col;  // count code points, not continuation bytes
    }
  }
  return lc;
}

std::string to_string(LineCol lc) { return std::to_string(lc.line) + ":" + std::to_string(lc.col); }

}  // namespace jixiao
