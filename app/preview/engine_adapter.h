// One preview render through the engine: drop what changed from its caches, render with the
// PDF and the page map in memory (debug: with the layout overlay).
#pragma once
#include <string>
#include <vector>

#include "jixiao.h"

namespace jixiao::preview {

struct EngineRun {
  Result result;
  std::string pdf, page_map;        // empty unless the render succeeded
  std::vector<std::string> inputs;  // every file the run read
};

EngineRun run_engine(Engine& engine, const std::string& data_file, const std::vector<std::string>& changed,
                     bool debug);

}  // namespace jixiao::preview
