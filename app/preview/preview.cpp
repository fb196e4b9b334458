#include "preview/preview.h"

#include <iostream>

namespace jixiao::app {

// Placeholder until the preview server lands (issue 12); refuses rather than pretending.
int run_preview(const CommandLine&) {
  std::cerr << "jixiao: preview is not built yet\n";
  return 1;
}

}  // namespace jixiao::app
