// Diagnostics in the user's language. Messages are built in English all over the engine,
// with values (field names, numbers, paths) inside; a catalog of English patterns gives
// each its Chinese wording with the same values carried over. Codes, files and places never
// change: a program or a colleague reading either language finds the same spot.
#pragma once
#include <string>
#include <vector>

#include "diag/diag.h"

namespace jixiao {

// format(d) in lang ("en" or "zh": "file: place: 错误：…；应为 X，实为 Y", "  提示：…"): file,
// place and code stay as they are; the wording comes from the catalog. diag/diag.cpp.
std::string format(const Diagnostic& d, const std::string& lang);
const char* severity_name(Severity s, const std::string& lang);

// One catalog entry. en is the English text with {1}, {2} … where values stand (in that
// order); zh uses the same numbers, in any order. code "" marks a shared phrase: wording
// that several codes use (expected and got values, expression errors, "an object" …).
// A value is itself looked up (as a whole) and translated when it is a known phrase; {=1}
// in zh carries it over as it is (a library's own words: JSON and XML parsers, strerror).
struct CatalogEntry {
  const char* code;
  const char* en;
  const char* zh;
};

// The Chinese catalog: engine/diag/zh_*.cpp, one file per part of the engine.
const std::vector<CatalogEntry>& zh_catalog();

// text (a message, an expected or got value, a hint) in lang ("en" or "zh"): the catalog's
// wording when an entry of this code or a shared phrase matches the whole text, else the
// text unchanged. Among matching entries the most specific (most fixed text) wins.
std::string translate(const std::string& code, const std::string& text, const std::string& lang);

// Whether the catalog has an entry for code (the tests require one for every code used).
bool has_translation(const std::string& code);

}  // namespace jixiao
