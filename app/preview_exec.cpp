// `jixiao preview` in the main program: it runs the preview program (jixiao-preview, the
// same command line with the web server linked in) in its own place. Debian's cpp-httplib
// is a shared library that starts OpenSSL when it is loaded: 11 ms of CPU at every start of
// every command (measured: an empty program linked with it, 2.2 → 13.5 ms), so only the
// preview pays it. The preview replaces this process: same PID, signals and exit status.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <vector>

#include "data_dir.h"
#include "preview/preview.h"

namespace jixiao::app {

namespace fs = std::filesystem;

namespace {

// Beside this program (a build tree), else where the install puts it
// (<prefix>/libexec/jixiao, found by the relative path between bin and libexec).
std::string preview_program() {
  std::string dir = executable_dir();
  if (dir.empty()) return {};
  std::error_code ec;
  for (fs::path p : {fs::path(dir) / "jixiao-preview", fs::path(dir) / JIXIAO_PREVIEW_FROM_BIN / "jixiao-preview"})
    if (fs::is_regular_file(p, ec) && ::access(p.c_str(), X_OK) == 0) return p.lexically_normal().string();
  return {};
}

}  // namespace

int run_preview(const CommandLine& line) {
  std::string program = preview_program();
  const bool zh = line.options.lang == "zh";
  if (program.empty()) {
    std::cerr << (zh ? "jixiao: 找不到预览程序 jixiao-preview（应在 jixiao 旁边或安装目录的 libexec/jixiao 中）\n"
                     : "jixiao: the preview program jixiao-preview is missing (expected beside jixiao or in the "
                       "install's libexec/jixiao)\n");
    return 1;
  }
  // The data directory as this program found it: the preview program lies elsewhere.
  std::vector<std::string> args = line.argv;
  if (!line.options.data_dir.empty()) {
    args.push_back("--data-dir");
    args.push_back(line.options.data_dir);
  }
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  ::execv(program.c_str(), argv.data());
  std::cerr << (zh ? "jixiao: 无法启动 " : "jixiao: cannot start ") << program << ": " << std::strerror(errno) << "\n";
  return 1;
}

}  // namespace jixiao::app
