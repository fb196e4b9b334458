// Helpers shared by the tests: paths into the source tree, running the CLI, reading PDFs
// back with poppler's tools.
#pragma once
#include <string>
#include <vector>

namespace jixiao::test {

// Absolute path of a file in the source tree ("examples/x.json").
std::string source_path(const std::string& relative);
// A fresh empty directory under the build's temp area, unique per call.
std::string temp_dir(const std::string& name);

struct CommandResult {
  int exit_code = -1;
  std::string out;  // stdout
  std::string err;  // stderr
};
// Runs a shell command (through /bin/sh), capturing stdout and stderr.
CommandResult run_command(const std::string& command);
// Runs build/jixiao with the given arguments (already shell-quoted as needed).
CommandResult run_jixiao(const std::string& args);

bool file_exists(const std::string& path);
std::string slurp(const std::string& path);
// Removes all white space (ASCII and U+3000) so texts can be compared across layouts.
std::string strip_space(const std::string& utf8);

}  // namespace jixiao::test
