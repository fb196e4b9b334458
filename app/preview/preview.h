// `jixiao preview DATA.json`: a local web server (127.0.0.1 only) showing the rendered pages,
// re-rendered on every save of the data, template, rule set, schema, prefill map or fonts.
#pragma once
#include "cli.h"

namespace jixiao::app {

// Runs until interrupted; returns the exit status (1 when the server cannot start).
int run_preview(const CommandLine& line);

}  // namespace jixiao::app
