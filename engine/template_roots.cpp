#include "template_roots.h"

#include <algorithm>
#include <filesystem>

namespace jixiao {

namespace fs = std::filesystem;

std::vector<std::string> template_roots(const Options& options) {
  std::vector<std::string> roots = options.template_dirs;
  std::string data = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  roots.push_back((fs::path(data) / "templates").string());
  return roots;
}

std::vector<std::pair<std::string, std::string>> files_found(const std::vector<std::string>& roots,
                                                             const std::string& sub, const std::string& ext) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& root : roots) {
    std::vector<std::pair<std::string, std::string>> here;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(fs::path(root) / sub, ec)) {
      std::string file = e.path().filename().string();
      if (file.size() <= ext.size() || file.compare(file.size() - ext.size(), ext.size(), ext) != 0) continue;
      if (!e.is_regular_file(ec)) continue;
      here.emplace_back(file.substr(0, file.size() - ext.size()), e.path().string());
    }
    std::sort(here.begin(), here.end());
    for (auto& f : here)
      if (std::none_of(out.begin(), out.end(), [&](const auto& o) { return o.first == f.first; }))
        out.push_back(std::move(f));
  }
  return out;
}

}  // namespace jixiao
