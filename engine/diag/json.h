// Strict JSON reading for every file jixiao takes in (data, declarations, rule sets, schemas,
// prefill maps, the font manifest). RFC 8259 as nlohmann reads it, plus what a form must
// never accept silently: a key given twice (nlohmann keeps the last), a NUL byte or an
// escaped U+0000, nesting deeper than limits::kJsonDepth (recursive code downstream), a
// string longer than limits::kJsonStringBytes, a number too large for a double.
#pragma once
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "diag/diag.h"

namespace jixiao {

struct JsonReadOptions {
  std::string code = "json";     // diagnostic code: "model.json", "rules.json" …
  std::string what = "JSON";     // "malformed <what>: …"
  // false for files the data named (declarations): a message must never quote their
  // content, so nlohmann's "last read: '…'" is left out.
  bool quote_content = true;
};

// Parses text (read from file) into out. On a problem reports one error at file line:col
// (the JSON pointer of the value concerned is in the message) and returns false.
bool parse_json(const std::string& file, const std::string& text, nlohmann::json& out,
                DiagnosticSink& sink, const JsonReadOptions& options = {});

// Reads a data file's root object as parse_json does, except that the elements of its
// array member `member` are handed to on_element(index, element, at) one at a time as they
// are read and not kept (at: the byte offset of the element in text): out gets the rest,
// with member an empty array. A bulk run reads a file of 10,000 projects this way holding
// one project at a time. on_element returning false stops the reading (then this returns
// false with nothing reported).
bool parse_json_elements(const std::string& file, const std::string& text, const std::string& member,
                         nlohmann::json& out,
                         const std::function<bool(std::size_t, nlohmann::json&&, std::size_t)>& on_element,
                         DiagnosticSink& sink, const JsonReadOptions& options = {});

// Where values are in JSON text (its first value; what follows is not read).
struct JsonSpot {
  std::size_t at = std::string::npos;   // the value's first character
  std::size_t key = std::string::npos;  // an object member's key (its opening quote), else at
  bool found = false;  // false: the pointer names nothing there; the spot is of the nearest
                       // enclosing value that exists (npos when the text is not JSON that far)
};
// The spot of the value at each JSON pointer ("" the root, "/a~1b/0"), in one reading.
std::vector<JsonSpot> json_value_offsets(std::string_view text, const std::vector<std::string>& pointers);

// The diagnostics of sink, those about file with a JSON pointer into it and no line:col
// given the line:col of the value's key (in an array, of the value) in text, the file's
// JSON: "rules/x.json:12:5: /remainders: error: …". engine/diag/json_places.cpp.
DiagnosticSink located_in_json(const DiagnosticSink& sink, const std::string& file, std::string_view text);

// A key as one reference token of a JSON pointer (RFC 6901): '~' → "~0", '/' → "~1".
std::string json_pointer_token(const std::string& key);

}  // namespace jixiao
