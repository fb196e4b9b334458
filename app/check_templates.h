// `jixiao templates --check`: every form, rule set, schema and prefill map found, loaded and
// checked against each other before any data reaches them.
#pragma once
#include "jixiao.h"

namespace jixiao::app {

// Prints what it finds to stderr; returns 0 when all is well, 2 on any error.
int check_templates(const Options& options);

}  // namespace jixiao::app
