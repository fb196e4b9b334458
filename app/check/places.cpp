#include "check/places.h"

#include "diag/diag.h"
#include "diag/json.h"

namespace jixiao::check {

namespace {

bool name_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

void append_utf8(std::string& out, unsigned cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

}  // namespace

std::size_t find_name(const std::string& text, std::size_t from, std::size_t to, const std::string& token) {
  if (token.empty() || to > text.size()) return std::string::npos;
  for (std::size_t at = text.find(token, from); at != std::string::npos && at + token.size() <= to;
       at = text.find(token, at + 1)) {
    bool before = at > 0 && name_char(text[at - 1]) && name_char(token.front());
    bool after = at + token.size() < text.size() && name_char(text[at + token.size()]) && name_char(token.back());
    if (!before && !after) return at;
  }
  return std::string::npos;
}

std::size_t offset_of(const std::string& text, const std::string& place) {
  auto colon = place.find(':');
  if (colon == std::string::npos) return std::string::npos;
  long line = 0, col = 0;
  try {
    line = std::stol(place.substr(0, colon));
    col = std::stol(place.substr(colon + 1));
  } catch (const std::exception&) {
    return std::string::npos;
  }
  std::size_t i = 0;
  for (long l = 1; l < line; ++l) {
    i = text.find('\n', i);
    if (i == std::string::npos) return i;
    ++i;
  }
  for (long c = 1; c < col && i < text.size(); ++c) {  // characters, not bytes
    ++i;
    while (i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) ++i;
  }
  return i;
}

JsonPlaces::JsonPlaces(std::string text) : text_(std::move(text)) {
  std::size_t i = 0;
  scan(i, "");
}

void JsonPlaces::skip_space(std::size_t& i) const {
  while (i < text_.size() && (text_[i] == ' ' || text_[i] == '\t' || text_[i] == '\n' || text_[i] == '\r')) ++i;
}

std::size_t JsonPlaces::string_end(std::size_t i) const {
  for (++i; i < text_.size() && text_[i] != '"'; ++i)
    if (text_[i] == '\\') ++i;
  return i;
}

std::string JsonPlaces::read_key(std::size_t& i) const {
  std::string out;
  std::size_t end = string_end(i);
  for (std::size_t k = i + 1; k < end; ++k) {
    if (text_[k] != '\\') {
      out += text_[k];
      continue;
    }
    char e = text_[++k];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        unsigned cp = std::stoul(text_.substr(k + 1, 4), nullptr, 16);
        k += 4;
        if (cp >= 0xD800 && cp < 0xDC00 && k + 6 < end && text_[k + 1] == '\\' && text_[k + 2] == 'u') {
          unsigned lo = std::stoul(text_.substr(k + 3, 4), nullptr, 16);
          cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
          k += 6;
        }
        append_utf8(out, cp);
        break;
      }
      default: out += e;
    }
  }
  i = end + 1;
  return out;
}

void JsonPlaces::scan(std::size_t& i, const std::string& pointer) {
  skip_space(i);
  if (i >= text_.size()) return;
  offsets_[pointer] = i;
  char c = text_[i];
  if (c == '{' || c == '[') {
    bool object = c == '{';
    std::size_t index = 0;
    ++i;
    for (;;) {
      skip_space(i);
      if (i >= text_.size()) return;
      if (text_[i] == (object ? '}' : ']')) break;
      if (text_[i] == ',') {
        ++i;
        continue;
      }
      if (object) {
        std::string key = read_key(i);
        skip_space(i);
        if (i < text_.size() && text_[i] == ':') ++i;
        scan(i, pointer + "/" + json_pointer_token(key));
      } else {
        scan(i, pointer + "/" + std::to_string(index++));
      }
    }
    ++i;
  } else if (c == '"') {
    i = string_end(i) + 1;
  } else {
    while (i < text_.size() && text_[i] != ',' && text_[i] != '}' && text_[i] != ']' && text_[i] != ' ' &&
           text_[i] != '\n' && text_[i] != '\r' && text_[i] != '\t')
      ++i;
  }
}

std::size_t JsonPlaces::offset(const std::string& pointer) const {
  for (std::string p = pointer;; p = p.substr(0, p.rfind('/'))) {
    if (auto it = offsets_.find(p); it != offsets_.end()) return it->second;
    if (p.empty()) return 0;
  }
}

std::string JsonPlaces::place(const std::string& pointer) const {
  return to_string(line_col(text_, offset(pointer == "/" ? "" : pointer)));
}

std::string JsonPlaces::place_of(const std::string& pointer, const std::string& token) const {
  std::size_t at = offset(pointer);
  if (at < text_.size() && text_[at] == '"') {
    std::size_t found = find_name(text_, at + 1, string_end(at), token);
    if (found != std::string::npos) at = found;
  }
  return to_string(line_col(text_, at));
}

}  // namespace jixiao::check
