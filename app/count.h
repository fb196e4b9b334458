// "1 page", "2 pages": a count and its English noun, for the CLI's summary lines.
#pragma once
#include <cstddef>
#include <string>

namespace jixiao::app {

inline std::string count(std::size_t n, const std::string& noun) {
  return std::to_string(n) + " " + noun + (n == 1 ? "" : "s");
}

}  // namespace jixiao::app
