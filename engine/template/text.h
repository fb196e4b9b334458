// Text with {…} bindings, as found in <p>, <td> and some attributes.
#pragma once
#include <cstddef>
#include <string_view>
#include <vector>

#include "template/nodes.h"
#include "template/reporter.h"
#include "template/source.h"

namespace jixiao::tmpl {

// Splits decoded text into literal pieces and bindings and appends them to out.
// raw_map gives the file offset of every byte of decoded (XmlSource::map_decoded), so
// errors point at the offending character. "{{" and "}}" stand for literal braces.
// Returns false after reporting an error.
bool append_text(const XmlSource& src, std::string_view decoded,
                 const std::vector<std::size_t>& raw_map, TextTemplate& out, Reporter& report);

// The white-space rule of <p> and <td> (see docs/templates.md): white space at both ends
// and next to <br/> is removed; a run of white space containing a line break disappears
// next to a non-ASCII (Chinese) character and becomes one space otherwise; other runs
// are kept. Applies to literal text only; values of bindings are printed as they are.
void collapse_white_space(TextTemplate& text);

// Reports a failed parse of an expression at its file place (raw_map as above): a syntax
// error as "template.expression", a limit passed as "template.depth", "template.size" or
// "template.range".
void report_parse_error(const XmlSource& src, const std::vector<std::size_t>& raw_map,
                        const ParseError& err, Reporter& report);

// Whether s is only XML white space.
bool is_blank(std::string_view s);

}  // namespace jixiao::tmpl
