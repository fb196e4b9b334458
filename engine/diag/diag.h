// Diagnostics shared by every stage: what went wrong, where, and what was expected.
// Stages report every problem to a DiagnosticSink and go on; they throw only for I/O
// failures and bugs (see jixiao::Failure).
#pragma once
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "diag/limits.h"

namespace jixiao {

enum class Severity { Error, Warning, Note };

// 1-based line and column (in characters, not bytes) of a byte offset in UTF-8 text; with
// start, of text that begins at start in a larger one.
struct LineCol { int line = 1; int col = 1; };
LineCol line_col(std::string_view text, std::size_t byte_offset, LineCol start = {});
std::string to_string(LineCol lc);

// Where in its file a diagnostic is: the JSON pointer of the value concerned and/or its
// line:col in the file's text (0 = unknown). Built from one string as the stages give it:
// "" or "/…" is a pointer, "12:5" a line:col (anything else is kept as the pointer).
struct Place {
  std::string pointer;  // "/projects/3/indicators/0/weight"
  int line = 0, col = 0;

  Place() = default;
  Place(std::string text);  // NOLINT: stages pass a pointer or "line:col" as before
  Place(const char* text) : Place(std::string(text)) {}  // NOLINT
  Place(LineCol lc) : line(lc.line), col(lc.col) {}      // NOLINT
  bool empty() const { return pointer.empty() && line == 0; }
  bool has_line() const { return line > 0; }
  // The pointer when there is one, else "line:col", else "".
  std::string text() const;
  friend bool operator==(const Place&, const Place&) = default;
};

struct Diagnostic {
  Severity severity = Severity::Error;
  std::string code;      // stable, e.g. "model.type", "template.binding"
  std::string file;      // the file concerned (data, template, rule set, font manifest)
  Place place;           // JSON pointer and/or line:col in file
  std::string message;   // what is wrong
  std::string expected;  // what was expected (may be empty)
  std::string got;       // what was found (may be empty)
  std::vector<std::string> hints;
};

// "file:line:col: /pointer: error: message; expected X, got Y" then "  hint: …" lines
// ("file:line:col: error: …" or "file: /pointer: error: …" when only one is known).
std::string format(const Diagnostic& d);
const char* severity_name(Severity s);

class DiagnosticSink {
 public:
  void report(Diagnostic d);
  void error(std::string code, std::string file, Place place, std::string message,
             std::string expected = {}, std::string got = {});
  void warning(std::string code, std::string file, Place place, std::string message);
  bool has_errors() const { return errors_ > 0; }
  std::size_t error_count() const { return errors_; }
  const std::vector<Diagnostic>& all() const { return items_; }

 private:
  std::vector<Diagnostic> items_;
  std::size_t errors_ = 0;
};

// Thrown for what cannot be reported and worked around: unreadable files, I/O failure,
// a library refusing its input. Carries one diagnostic.
class Failure : public std::runtime_error {
 public:
  explicit Failure(Diagnostic d) : std::runtime_error(format(d)), diagnostic_(std::move(d)) {}
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

// An operating system error (errno) in jixiao's words: "no such file or directory",
// "permission denied", "is a directory" … (each with Chinese wording in the catalog); the
// C library's strerror for the rarer ones. engine/diag/files.cpp.
std::string os_error(int errnum);

// Reads a whole regular file of at most max_bytes. Throws Failure ("io.read") naming the
// file when it cannot be read, is not a regular file (a FIFO or device is refused without
// blocking) or is larger. engine/diag/files.cpp.
std::string read_file(const std::string& path, std::size_t max_bytes = limits::kDefinitionFileBytes);

// Writes bytes to path atomically: a temporary file created exclusively (O_EXCL, random
// name) beside it, synced and renamed into place, so a failure or a kill never leaves a
// half-written output. Refuses a target that is not a regular file (device, directory,
// symlink) or is one of inputs (the same file under another name); keeps an existing
// file's permissions. Throws Failure ("io.write").
void write_file_atomic(const std::string& path, const std::string& bytes,
                       const std::vector<std::string>& inputs = {});

// A path named inside a file (untrusted), resolved against base_dir. It must be relative and,
// once ".." and symlinks are resolved, lie inside base_dir or one of also_inside. Returns
// the resolved path, or "" with why set ("is an absolute path", "leads outside …").
std::string confined_path(const std::string& given, const std::string& base_dir,
                          const std::vector<std::string>& also_inside, std::string& why);

// Removes the temporaries of writes under way. Async-signal-safe: for a SIGINT/SIGTERM
// handler, which install_output_cleanup() sets up (then the signal's default action).
void remove_pending_outputs();
void install_output_cleanup();

}  // namespace jixiao
