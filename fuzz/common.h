// Shared by the fuzz targets: the source tree's files and a private temporary directory.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/diag.h"

namespace jixiao::fuzz {

// Absolute path of a file in the source tree ("templates/forms/x.xml").
std::string source_path(const std::string& relative);
std::string slurp(const std::string& path);
// A directory private to this process (mkdtemp under $TMPDIR), removed at exit, so that
// parallel jobs (-jobs=N) never share files.
const std::string& temp_dir();
// Writes bytes to temp_dir()/name and returns the path.
std::string write_temp(const std::string& name, const std::uint8_t* data, std::size_t size);
// An "internal error" diagnostic is the engine's catch-all for an unexpected exception: a
// bug, so the targets stop on it (with the diagnostic printed) as on a crash.
void abort_on_internal(const DiagnosticSink& sink);

}  // namespace jixiao::fuzz
