// Writing outputs beyond diag.h's write_file_atomic: streamed, clearing what a killed run
// left, and stopping a bulk run on a signal. engine/diag/files.cpp.
#pragma once
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diag/diag.h"

namespace jixiao {

// As write_file_atomic, the bytes handed over piecewise by produce(put): a bulk run's summary
// of 300,000 rows is written without being held whole. Nothing stays if produce throws.
void write_file_streamed(const std::string& path,
                         const std::function<void(const std::function<void(std::string_view)>&)>& produce,
                         const std::vector<std::string>& inputs = {});

// One output of write_files_atomic: its path, its bytes, and the files the render read (the
// output must not be one of them).
struct OutputFile {
  std::string path;
  std::string bytes;
  std::vector<std::string> inputs;
};

// As write_file_atomic for each of files, with one wait for the disk: every temporary is
// written and synced, then renamed into place, and each directory synced once. A bulk run
// writes its PDFs so. Returns, for each, what went wrong ("io.write"; nullopt: written).
std::vector<std::optional<Diagnostic>> write_files_atomic(const std::vector<OutputFile>& files);

// Removes from dir (not below) jixiao's own temporaries (".NAME.pdf.tmp-XXXXXX", the same for
// .csv/.xlsx/.json, ".NAME.xlsx.xlsx-XXXXXX", ".jixiao-spill-XXXXXX") left by a killed run: unlocked (a writer holds flock on its
// temporary until it is renamed) and over 2 s old (the moment between creating and locking).
// write_file_atomic does this once per directory before its first write there. Returns how
// many were removed.
std::size_t remove_stale_temporaries(const std::string& dir);

// For a bulk run: the first SIGINT/SIGTERM/SIGHUP is only noted and stop_signal() returns it
// (0 until then), so that the run stops taking documents and writes its summary; a second
// one ends the process as install_output_cleanup() does.
void install_stop_request();
int stop_signal();

}  // namespace jixiao
