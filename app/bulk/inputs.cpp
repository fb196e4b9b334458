#include "bulk/inputs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "diag/limits.h"

namespace jixiao::bulk {

namespace fs = std::filesystem;

namespace {

bool is_jsonl(const fs::path& p) { return p.extension() == ".jsonl"; }
bool is_data(const fs::path& p) { return p.extension() == ".json" || is_jsonl(p); }

std::string without_extension(const fs::path& p) {
  return (p.parent_path() / p.stem()).generic_string();
}

// One DataSet per non-blank line, read in blocks: a JSON Lines file may be far larger than
// one data file may be, and so may one of its lines. Only each line's place is kept; a line
// over the limit is kept too (not its bytes), so that it fails alone when it is read.
void add_lines(const std::string& path, const std::string& stem, std::vector<DataSet>& out,
               DiagnosticSink& sink) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    sink.error("bulk.input", path, "", "cannot read the JSON Lines file", "a readable file");
    return;
  }
  std::size_t number = 0, offset = 0, start = 0, first = out.size();
  bool blank = true;  // only " \t\r" so far on this line
  auto end_line = [&](std::size_t end) {
    ++number;
    if (!blank)
      out.push_back({path, path + ":" + std::to_string(number), stem + "-", number, start, end - start});
    start = end + 1;
    blank = true;
  };
  std::vector<char> block(1 << 16);
  while (in) {
    in.read(block.data(), static_cast<std::streamsize>(block.size()));
    std::size_t got = static_cast<std::size_t>(in.gcount());
    for (std::size_t i = 0; i < got; ++i, ++offset) {
      char c = block[i];
      if (c == '\n') end_line(offset);
      else if (blank && c != ' ' && c != '\t' && c != '\r') blank = false;
    }
  }
  if (in.bad()) sink.error("bulk.input", path, "", "cannot read the JSON Lines file", "a readable file");
  if (offset > start) end_line(offset);  // a last line without its newline
  // Line numbers zero-padded to the last one's width: a listing of the PDFs follows the file.
  std::size_t width = std::to_string(number).size();
  for (std::size_t i = first; i < out.size(); ++i) {
    std::string n = std::to_string(out[i].line);
    out[i].out_stem += std::string(width - n.size(), '0') + n;
  }
}

void add_file(const fs::path& file, const std::string& stem, std::vector<DataSet>& out,
              DiagnosticSink& sink) {
  if (is_jsonl(file)) add_lines(file.string(), stem, out, sink);
  else out.push_back({file.string(), file.string(), stem, 0, 0, 0});
}

}  // namespace

std::vector<DataSet> expand_inputs(const std::vector<std::string>& inputs, const std::string& skip,
                                   DiagnosticSink& sink) {
  std::vector<DataSet> out;
  std::error_code ec;
  fs::path skip_dir = skip.empty() ? fs::path() : fs::weakly_canonical(skip, ec);
  for (const auto& input : inputs) {
    fs::path p(input);
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
      for (; !ec && it != end; it.increment(ec)) {
        if (it->is_directory(ec) && !skip_dir.empty() && fs::weakly_canonical(it->path(), ec) == skip_dir) {
          it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec) && is_data(it->path())) files.push_back(it->path());
      }
      if (ec) sink.error("bulk.input", input, "", "cannot list the directory: " + os_error(ec.value()));
      std::sort(files.begin(), files.end());
      for (const auto& f : files) add_file(f, without_extension(fs::relative(f, p, ec)), out, sink);
    } else if (fs::is_regular_file(p, ec)) {
      add_file(p, p.stem().string(), out, sink);
    } else {
      sink.error("bulk.input", input, "", fs::exists(p, ec) ? "not a data file or directory" : "no such file or directory",
                 "a data file (.json), a JSON Lines file (.jsonl) or a directory of them");
    }
  }
  // Whether two of them would write one PDF is checked once their documents are known
  // (bulk/outputs.h).
  return out;
}

std::string read_data_set(const DataSet& set) {
  if (set.line == 0) return read_file(set.path, limits::kDataFileBytes);
  // A line over the limit fails alone, its document `failed`, the rest of the file is read.
  if (set.length > limits::kDataFileBytes)
    throw Failure({Severity::Error, "bulk.input", set.name, "", "line of " + std::to_string(set.length) + " bytes",
                   "at most " + std::to_string(limits::kDataFileBytes) + " bytes, as for a data file", "", {}});
  std::ifstream in(set.path, std::ios::binary);
  std::string text(set.length, '\0');
  in.seekg(static_cast<std::streamoff>(set.offset));
  if (!in.read(text.data(), static_cast<std::streamsize>(set.length)))
    throw Failure({Severity::Error, "io.read", set.name, "", "cannot read the line (the file changed during the run?)",
                   "the JSON Lines file as it was when the run started", "", {}});
  return text;
}

}  // namespace jixiao::bulk
