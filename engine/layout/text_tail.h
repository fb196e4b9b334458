// The last lines of a paragraph re-broken after greedy filling: no character alone on the
// last line (孤字), and short centred cells balanced. Private to the layout stage.
#pragma once
#include <cstddef>
#include <vector>

#include "layout/text_lines.h"

namespace jixiao::layout {

// ends: the greedy line ends of p (the last is p.text.size()); changed in place when a
// better set of breaks with the same number of lines exists, else left alone.
void rebreak_tail(const ShapedParagraph& p, const LineFormat& format, std::vector<std::size_t>& ends);

}  // namespace jixiao::layout
