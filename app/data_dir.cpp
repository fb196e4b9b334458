#include "data_dir.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include "catalog/options.h"

namespace jixiao::app {

namespace fs = std::filesystem;

std::string executable_dir() {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  return ec || exe.empty() ? std::string() : exe.parent_path().string();
}

namespace {

// <dir of the running executable>/../share/jixiao (the install's relative path), "" when
// /proc does not say.
std::string beside_executable() {
  std::string dir = executable_dir();
  return dir.empty() ? dir : (fs::path(dir) / JIXIAO_DATA_FROM_BIN).lexically_normal().string();
}

}  // namespace

std::string data_dir_problem(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return "not a directory";
  if (!fs::is_regular_file(fs::path(dir) / "fonts" / "fonts.json", ec)) return "no fonts/fonts.json";
  for (auto& e : fs::directory_iterator(fs::path(dir) / "templates" / "forms", ec))
    if (e.path().extension() == ".xml") return "";
  return "no templates/forms/*.xml";
}

DataDirSearch find_data_dir(const std::string& given) {
  DataDirSearch s;
  auto try_dir = [&](const std::string& how, const std::string& dir) {
    if (!s.dir.empty()) return;
    if (dir.empty()) return;  // /proc gave no executable
    if (std::string why = data_dir_problem(dir); !why.empty()) s.looked.push_back(how + " " + dir + " (" + why + ")");
    else s.dir = dir;
  };
  // What the user set is the only place looked at: a wrong one is never passed over.
  if (!given.empty()) {
    try_dir("--data-dir", given);
    return s;
  }
  if (const char* env = std::getenv("JIXIAO_DATA_DIR"); env && *env) {
    try_dir("$JIXIAO_DATA_DIR", env);
    return s;
  }
  try_dir("beside the executable:", beside_executable());
  try_dir("the source tree of this build:", default_data_dir());
  return s;
}

std::string preview_web_dir(const std::string& data_dir) {
  std::error_code ec;
  fs::path installed = fs::path(data_dir) / "preview";
  if (fs::is_regular_file(installed / "index.html", ec)) return installed.string();
  return (fs::path(data_dir) / "app" / "preview" / "web").string();
}

}  // namespace jixiao::app
