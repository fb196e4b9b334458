// UTF-8 decoding and encoding shared by the stages that look at characters (text setting,
// value reading). Strict: overlong forms, surrogates and values past U+10FFFF are malformed.
#pragma once
#include <string>
#include <string_view>

namespace jixiao {

// Decodes the code point at s[i] and moves i past it. On a malformed sequence returns false
// and moves i by one byte, so callers can resynchronise.
bool next_code_point(std::string_view s, std::size_t& i, char32_t& cp);

void append_utf8(std::string& out, char32_t c);
std::string to_utf8(std::u32string_view s);

}  // namespace jixiao
