// The little XML the OFD parts need: escaped text and mm numbers, locale-free.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>

namespace jixiao::ofd {

inline constexpr const char* kNamespace = "http://www.ofdspec.org/2016";

// Appends a code point as UTF-8, escaped for element text and attribute values. Characters
// XML 1.0 cannot hold (C0 controls but tab, LF and CR; U+FFFE, U+FFFF; surrogates; beyond
// U+10FFFF) become U+FFFD; tab, LF and CR become character references so parsers keep them.
void append_escaped(std::string& out, char32_t c);
// The same for UTF-8 text (metadata, outline titles).
void append_escaped(std::string& out, std::string_view utf8);
// Points → millimetres (OFD's unit, section 7.4), in thousandths, checked as PDF numbers are.
std::int64_t mm(double points, const char* what);
// Appends n/1000 ("12", "-0.5", "210.002").
void append_mm(std::string& out, std::int64_t thousandths);

}  // namespace jixiao::ofd
