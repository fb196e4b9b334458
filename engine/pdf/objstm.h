// Object streams and a cross-reference stream (PDF 1.5; ISO 32000-1 7.5.7, 7.5.8) for a
// PDF libharu wrote: its dictionaries (structure elements, fonts, pages …) move into
// Flate-compressed object streams, its streams stay where they are, and a compressed
// cross-reference stream replaces the xref table and trailer. libharu cannot write either.
#pragma once
#include <functional>
#include <string>
#include <string_view>

namespace jixiao::pdf {

// pdf: a whole file as libharu saves it (one xref section, every object generation 0).
// deflate: zlib-format compression, as for every other stream. The result has the same
// objects under the same numbers, version at least 1.5. Throws Failure (pdf.write) when pdf
// is not laid out as libharu writes: a bug, never bad input.
std::string pack_objects(std::string_view pdf, const std::function<std::string(std::string_view)>& deflate);

}  // namespace jixiao::pdf
