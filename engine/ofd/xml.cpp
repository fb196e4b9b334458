#include "ofd/xml.h"

#include "diag/utf8.h"
#include "pdf/numbers.h"

namespace jixiao::ofd {

void append_escaped(std::string& out, char32_t c) {
  switch (c) {
    case '&': out += "&amp;"; return;
    case '<': out += "&lt;"; return;
    case '>': out += "&gt;"; return;
    case '"': out += "&quot;"; return;
    case '\t': out += "&#9;"; return;
    case '\n': out += "&#10;"; return;
    case '\r': out += "&#13;"; return;
    default: break;
  }
  if (c < 0x20 || c == 0xFFFE || c == 0xFFFF || (c >= 0xD800 && c <= 0xDFFF) || c > 0x10FFFF) c = 0xFFFD;
  append_utf8(out, c);
}

void append_escaped(std::string& out, std::string_view utf8) {
  char32_t c = 0;
  for (std::size_t i = 0; i < utf8.size();) append_escaped(out, next_code_point(utf8, i, c) ? c : 0xFFFD);
}

std::int64_t mm(double points, const char* what) {
  return pdf::to_thousandths(points * 25.4 / 72.0, what);
}

void append_mm(std::string& out, std::int64_t thousandths) { pdf::append_thousandths(out, thousandths); }

}  // namespace jixiao::ofd
