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

// A hostile input's run: bounded in time (killed after timeout_s) and measured.
struct BoundedResult {
  int exit_code = -1;       // -1 when killed by a signal (a crash) or the timeout
  int signal = 0;           // the signal that ended it, if any
  bool timed_out = false;
  double seconds = 0;       // wall time
  long max_rss_mib = 0;     // peak resident memory
  std::string out, err;
};
// Runs build/jixiao with args (shell-quoted), killing it after timeout_s seconds.
BoundedResult run_jixiao_bounded(const std::string& args, double timeout_s = 10);
// The budget a hostile input must stay within: 1 s and 200 MiB, scaled for sanitizer builds
// (ASan's shadow memory and checks cost ~3x in memory, more in time).
double hostile_seconds();
long hostile_mib();
// True in a sanitizer build: ASan keeps freed memory in quarantine (256 MiB by default), so
// "memory stays flat over N documents" is shown by the normal build, at full N.
bool sanitized();

bool file_exists(const std::string& path);
std::string slurp(const std::string& path);
// A PDF's objects as text: qpdf's QDF form, object streams unpacked and streams decompressed,
// so a test can look for dictionary keys (jixiao packs dictionaries into object streams).
std::string pdf_objects(const std::string& pdf_path);
// s with every occurrence of from replaced by to (copied templates made into variants).
std::string replace_all(std::string s, const std::string& from, const std::string& to);
// Whether text holds "file:LINE:COL: rest" for some line and column: a data diagnostic,
// where the test is about the message rather than the numbers.
bool has_placed(const std::string& text, const std::string& file, const std::string& rest);
// Removes all white space (ASCII and U+3000) so texts can be compared across layouts.
std::string strip_space(const std::string& utf8);

}  // namespace jixiao::test
