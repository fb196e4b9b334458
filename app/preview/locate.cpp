#include "preview/locate.h"

#include <string_view>
#include <vector>

#include "diag/utf8.h"

namespace jixiao::preview {
namespace {

// A small JSON scanner that only moves forward: enough to walk down one pointer. It trusts
// nothing: every step checks the end of the text.
class Scanner {
 public:
  explicit Scanner(const std::string& s) : s_(s) {}
  std::size_t pos = 0;

  void space() {
    while (pos < s_.size() && (s_[pos] == ' ' || s_[pos] == '\t' || s_[pos] == '\n' || s_[pos] == '\r')) ++pos;
  }
  bool at(char c) {
    space();
    return pos < s_.size() && s_[pos] == c;
  }
  bool eat(char c) {
    if (!at(c)) return false;
    ++pos;
    return true;
  }
  // A string at pos (its opening quote), decoded; false when unterminated.
  bool string(std::string& out) {
    if (!eat('"')) return false;
    out.clear();
    while (pos < s_.size()) {
      char c = s_[pos++];
      if (c == '"') return true;
      if (c != '\\') {
        out += c;
        continue;
      }
      if (pos >= s_.size()) return false;
      char e = s_[pos++];
      switch (e) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'u': {
          if (pos + 4 > s_.size()) return false;
          char32_t cp = static_cast<char32_t>(std::stoul(std::string(s_.substr(pos, 4)), nullptr, 16));
          pos += 4;
          if (cp >= 0xD800 && cp < 0xDC00 && pos + 6 <= s_.size() && s_[pos] == '\\' && s_[pos + 1] == 'u') {
            char32_t lo = static_cast<char32_t>(std::stoul(std::string(s_.substr(pos + 2, 4)), nullptr, 16));
            if (lo >= 0xDC00 && lo < 0xE000) {
              cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
              pos += 6;
            }
          }
          append_utf8(out, cp);
          break;
        }
        default: out += e;
      }
    }
    return false;
  }
  // Skips one value of any nesting, counting brackets outside strings.
  bool skip_value() {
    space();
    int depth = 0;
    std::string ignored;
    while (pos < s_.size()) {
      char c = s_[pos];
      if (c == '"') {
        if (!string(ignored)) return false;
      } else if (c == '{' || c == '[') {
        ++depth;
        ++pos;
      } else if (c == '}' || c == ']') {
        if (depth == 0) return true;  // the end of the container holding this value
        --depth;
        ++pos;
      } else if (c == ',' && depth == 0) {
        return true;
      } else {
        ++pos;
      }
      if (depth == 0 && (c == '"' || c == '}' || c == ']')) return true;
    }
    return depth == 0;
  }

 private:
  std::string_view s_;
};

// "/a~1b/0" → {"a/b", "0"}.
std::vector<std::string> tokens(const std::string& pointer) {
  std::vector<std::string> out;
  if (pointer.empty()) return out;
  std::size_t i = 1;
  while (true) {
    std::size_t end = pointer.find('/', i);
    std::string raw = pointer.substr(i, end == std::string::npos ? std::string::npos : end - i);
    std::string tok;
    for (std::size_t k = 0; k < raw.size(); ++k) {
      if (raw[k] == '~' && k + 1 < raw.size() && (raw[k + 1] == '0' || raw[k + 1] == '1')) {
        tok += raw[k + 1] == '0' ? '~' : '/';
        ++k;
      } else {
        tok += raw[k];
      }
    }
    out.push_back(std::move(tok));
    if (end == std::string::npos) break;
    i = end + 1;
  }
  return out;
}

}  // namespace

std::optional<std::size_t> locate_pointer(const std::string& json, const std::string& pointer) {
  if (!pointer.empty() && pointer[0] != '/') return std::nullopt;
  Scanner sc(json);
  sc.space();
  if (sc.pos >= json.size()) return std::nullopt;
  std::size_t found = sc.pos;
  try {
    for (const std::string& tok : tokens(pointer)) {
      if (sc.eat('{')) {
        bool hit = false;
        std::string key;
        while (!hit && sc.at('"')) {
          std::size_t key_at = sc.pos;
          if (!sc.string(key) || !sc.eat(':')) return found;
          if (key == tok) {
            found = key_at;
            hit = true;
          } else if (!sc.skip_value() || !sc.eat(',')) {
            return found;
          }
        }
        if (!hit) return found;
        sc.space();
      } else if (sc.eat('[')) {
        if (tok.empty() || tok.find_first_not_of("0123456789") != std::string::npos || tok.size() > 9)
          return found;
        long index = std::stol(tok);
        for (long k = 0; k < index; ++k)
          if (sc.at(']') || !sc.skip_value() || !sc.eat(',')) return found;
        if (sc.at(']')) return found;
        sc.space();
        found = sc.pos;
      } else {
        return found;  // a scalar has no members
      }
    }
  } catch (const std::exception&) {  // a bad \u escape: stop where we got
    return found;
  }
  return found;
}

std::optional<SourceLine> source_line(const std::string& text, int line, int col) {
  if (line < 1) return std::nullopt;
  std::size_t begin = 0;
  for (int l = 1; l < line; ++l) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return std::nullopt;
    ++begin;
  }
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  // Character starts (UTF-8 lead bytes) of the line, to cut it by characters.
  std::vector<std::size_t> starts;
  for (std::size_t i = begin; i < end; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(end);
  const int chars = static_cast<int>(starts.size()) - 1;
  if (col < 1) col = 1;
  if (col > chars + 1) col = chars + 1;
  constexpr int kWindow = 200, kBefore = 80;
  SourceLine out;
  int first = 0, last = chars;
  if (chars > kWindow) {
    first = col - 1 > kBefore ? col - 1 - kBefore : 0;
    last = first + kWindow < chars ? first + kWindow : chars;
  }
  out.text = (first > 0 ? "…" : "") + text.substr(starts[first], starts[last] - starts[first]) +
             (last < chars ? "…" : "");
  out.marker_col = col - first + (first > 0 ? 1 : 0);
  return out;
}

std::optional<std::pair<int, int>> parse_line_col(const std::string& place) {
  std::size_t colon = place.find(':');
  if (colon == 0 || colon == std::string::npos || colon + 1 == place.size() || colon > 9 ||
      place.size() - colon - 1 > 9)
    return std::nullopt;
  for (std::size_t i = 0; i < place.size(); ++i)
    if (i != colon && (place[i] < '0' || place[i] > '9')) return std::nullopt;
  return std::make_pair(std::stoi(place.substr(0, colon)), std::stoi(place.substr(colon + 1)));
}

}  // namespace jixiao::preview
