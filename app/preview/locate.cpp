#include "preview/locate.h"

#include <vector>

namespace jixiao::preview {

std::optional<SourceLine> source_line(const std::string& text, int line, int col) {
  if (line < 1) return std::nullopt;
  std::size_t begin = 0;
  for (int l = 1; l < line; ++l) {
    begin = text.find('\n', begin);
    if (begin == std::string::npos) return std::nullopt;
    ++begin;
  }
  std::size_t end = text.find('\n', begin);
  if (end == std::string::npos) end = text.size();
  if (end > begin && text[end - 1] == '\r') --end;
  // Character starts (UTF-8 lead bytes) of the line, to cut it by characters.
  std::vector<std::size_t> starts;
  for (std::size_t i = begin; i < end; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  starts.push_back(end);
  const int chars = static_cast<int>(starts.size()) - 1;
  if (col < 1) col = 1;
  if (col > chars + 1) col = chars + 1;
  constexpr int kWindow = 200, kBefore = 80;
  SourceLine out;
  int first = 0, last = chars;
  if (chars > kWindow) {
    first = col - 1 > kBefore ? col - 1 - kBefore : 0;
    last = first + kWindow < chars ? first + kWindow : chars;
  }
  out.text = (first > 0 ? "…" : "") + text.substr(starts[first], starts[last] - starts[first]) +
             (last < chars ? "…" : "");
  out.marker_col = col - first + (first > 0 ? 1 : 0);
  return out;
}

}  // namespace jixiao::preview
