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

std::string format(const Diagnostic& d) {
  std::string out;
  // "file:12:5: " for positions in a text file (as compilers print them), "file: /ptr: " for
  // JSON pointers.
  bool line_col = !d.place.empty() && d.place[0] >= '0' && d.place[0] <= '9';
  if (!d.file.empty()) out += d.file + (line_col ? ":" : ": ");
  if (!d.place.empty()) out += d.place + ": ";
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
    case Severity::Note: return "提示";
  }
  return "错误";
}

std::string format(const Diagnostic& d, const std::string& lang) {
  if (lang != "zh") return format(d);
  std::string out;
  bool line_col = !d.place.empty() && d.place[0] >= '0' && d.place[0] <= '9';
  if (!d.file.empty()) out += d.file + (line_col ? ":" : ": ");
  if (!d.place.empty()) out += d.place + ": ";
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

void DiagnosticSink::error(std::string code, std::string file, std::string place,
                           std::string message, std::string expected, std::string got) {
  report({Severity::Error, std::move(code), std::move(file), std::move(place), std::move(message),
          std::move(expected), std::move(got), {}});
}

void DiagnosticSink::warning(std::string code, std::string file, std::string place,
                             std::string message) {
  report({Severity::Warning, std::move(code), std::move(file), std::move(place),
          std::move(message), {}, {}, {}});
}

LineCol line_col(const std::string& text, std::size_t byte_offset) {
  LineCol lc;
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
