#include "check/places.h"

#include "diag/diag.h"
#include "diag/json.h"

namespace jixiao::check {

namespace {

bool name_char(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

// The offset of the closing quote of the string starting at i.
std::size_t string_end(const std::string& text, std::size_t i) {
  for (++i; i < text.size() && text[i] != '"'; ++i)
    if (text[i] == '\\') ++i;
  return i;
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

JsonPlaces::JsonPlaces(std::string text) : text_(std::move(text)) {}

std::size_t JsonPlaces::offset(const std::string& pointer) const {
  auto it = offsets_.find(pointer);
  if (it == offsets_.end()) {
    std::size_t at = json_value_offsets(text_, {pointer}).front().at;
    it = offsets_.emplace(pointer, at == std::string::npos ? 0 : at).first;
  }
  return it->second;
}

std::string JsonPlaces::place(const std::string& pointer) const {
  return to_string(line_col(text_, offset(pointer == "/" ? "" : pointer)));
}

std::string JsonPlaces::place_of(const std::string& pointer, const std::string& token) const {
  std::size_t at = offset(pointer);
  if (at < text_.size() && text_[at] == '"') {
    std::size_t found = find_name(text_, at + 1, string_end(text_, at), token);
    if (found != std::string::npos) at = found;
  }
  return to_string(line_col(text_, at));
}

}  // namespace jixiao::check
