#include "check_templates.h"

#include <iostream>

namespace jixiao::app {

// Placeholder until the static check lands (issue 13); refuses rather than passing.
int check_templates(const Options&) {
  std::cerr << "jixiao: templates --check is not built yet\n";
  return 2;
}

}  // namespace jixiao::app
