// The command line (CLI11): subcommands, their options, per-command help, --version, and
// usage errors that name the option and the command. Parsing only; main.cpp runs it.
#pragma once
#include <string>
#include <vector>

#include "bulk/run.h"
#include "jixiao.h"

namespace jixiao::app {

struct CommandLine {
  enum class Run { Engine, Bulk, ListForms, CheckTemplates, Preview, Merge, Print } run = Run::Print;
  Request request;           // Run::Engine: render, score or check
  bulk::BulkOptions bulk;    // Run::Bulk: render of many inputs into a directory
  Options options;
  bool json = false;         // score --json
  bool warnings_fail = true; // render of one document: exit 3 with warnings (--fail-on)
  std::string merge_dir;     // merge OUTDIR
  std::string editor;        // preview --editor or $JIXIAO_EDITOR: URL pattern with {file} {line} {col}
  int port = -1;             // preview --port (-1: 8030 or the next free one; 0: any free one)
  std::vector<std::string> argv;  // the command line as given (preview hands it on: preview_exec.cpp)
  // Run::Print: help, version or a usage error, and the exit status (0, or 1 for usage).
  std::string out, err;
  int exit_code = 0;
};

CommandLine parse_command_line(int argc, const char* const* argv);

}  // namespace jixiao::app
