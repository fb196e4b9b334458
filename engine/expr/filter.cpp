// Parsing of the filters a {…} binding may end with: "| fixed:2", "| trim:1", "| money".
#include <charconv>

#include "expr/eval_detail.h"

namespace jixiao::expr::detail {
namespace {

bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || is_digit(c);
}
void skip_space(std::string_view s, std::size_t& pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
    ++pos;
}

}  // namespace

std::string describe_at(std::string_view s, std::size_t pos, bool braced) {
  if (pos >= s.size()) return braced ? "end of text (missing '}')" : "end of expression";
  if (braced && s[pos] == '}') return "'}'";
  std::size_t n = 1;  // a whole UTF-8 character
  unsigned char c = static_cast<unsigned char>(s[pos]);
  if (c >= 0xF0) n = 4;
  else if (c >= 0xE0) n = 3;
  else if (c >= 0xC0) n = 2;
  return "'" + std::string(s.substr(pos, n)) + "'";
}

bool parse_filter(std::string_view s, std::size_t& pos, Filter& out, ParseError& error) {
  auto fail = [&](std::size_t at, std::string message, std::string expected, std::string got) {
    error = {at, std::move(message), std::move(expected), std::move(got)};
    return false;
  };
  skip_space(s, pos);
  std::size_t at = pos;
  while (pos < s.size() && is_word_char(s[pos]) && !(pos == at && is_digit(s[pos]))) ++pos;
  std::string w(s.substr(at, pos - at));
  out = Filter{};
  if (w == "money") {
    out.kind = FilterKind::Money;
    return true;
  }
  if (w == "fixed") out.kind = FilterKind::Fixed;
  else if (w == "trim") out.kind = FilterKind::Trim;
  else
    return fail(at, w.empty() ? "expected a filter after '|'" : "unknown filter '" + w + "'",
                "fixed:N, trim:N or money", w.empty() ? describe_at(s, at, true) : "'" + w + "'");
  skip_space(s, pos);
  if (pos >= s.size() || s[pos] != ':')
    return fail(pos, "filter '" + w + "' needs a number of decimals",
                "':' and a number of decimals (" + w + ":2)", describe_at(s, pos, true));
  ++pos;
  skip_space(s, pos);
  std::size_t digits = pos;
  while (pos < s.size() && is_digit(s[pos])) ++pos;
  int n = -1;
  std::from_chars(s.data() + digits, s.data() + pos, n);
  if (pos == digits || n < 0 || n > 15)
    return fail(digits, "bad number of decimals", "a whole number from 0 to 15",
                describe_at(s, digits, true));
  out.decimals = n;
  return true;
}

}  // namespace jixiao::expr::detail
