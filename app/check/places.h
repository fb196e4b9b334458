// Where things are in the files checked, for "file:line:col" messages: the value at a JSON
// pointer of a JSON file, and a name inside an expression (a template binding or a rule
// set's formula string), so that the column points at the misspelt name itself.
#pragma once
#include <cstddef>
#include <map>
#include <string>

namespace jixiao::check {

// The byte offset of token in text[from, to) as a whole name (not part of a longer one:
// "budget" is not found in "budgets"), or std::string::npos.
std::size_t find_name(const std::string& text, std::size_t from, std::size_t to, const std::string& token);

// The offset of a "line:col" place (col in characters) in text; npos when it is not one.
std::size_t offset_of(const std::string& text, const std::string& place);

class JsonPlaces {
 public:
  // text must be JSON that parse_json accepted.
  explicit JsonPlaces(std::string text);
  // "line:col" of the value at pointer ("/categories/0/name"); of the nearest enclosing
  // value found when it is not in the file.
  std::string place(const std::string& pointer) const;
  // "line:col" of token inside the string value at pointer (a formula naming it), else of
  // the value.
  std::string place_of(const std::string& pointer, const std::string& token) const;

 private:
  std::size_t offset(const std::string& pointer) const;  // of the value, by the strict reader
  std::string text_;
  mutable std::map<std::string, std::size_t> offsets_;  // looked up once each
};

}  // namespace jixiao::check
