#include "catalog/roots.h"

#include <algorithm>
#include <filesystem>
#include <set>

namespace jixiao {

namespace fs = std::filesystem;

std::vector<std::string> template_roots(const CatalogOptions& options) {
  std::vector<std::string> roots = options.template_dirs;
  std::string data = options.data_dir.empty() ? default_data_dir() : options.data_dir;
  roots.push_back((fs::path(data) / "templates").string());
  return roots;
}

bool inside_root(const std::string& file, const std::string& root) {
  std::error_code ec;
  fs::path rel = fs::absolute(file, ec).lexically_normal().lexically_relative(fs::absolute(root, ec).lexically_normal());
  if (ec || rel.empty() || *rel.begin() == "..") return false;
  std::string why;
  return !confined_path(rel.string(), root, {}, why).empty();  // the declarations' check
}

std::string file_in_root(const std::string& root, const std::string& sub, const std::string& file) {
  fs::path p = fs::path(root) / sub / file;
  std::error_code ec;
  if (!fs::is_regular_file(p, ec)) return {};
  if (!inside_root(p.string(), root)) {
    fs::path target = fs::weakly_canonical(p, ec);
    throw Failure({Severity::Error, "template.outside-root", p.string(), "",
                   sub + "/" + file + " leads outside its template directory " + root,
                   "a file inside " + root + " (a symbolic link there must point within it)",
                   ec ? p.string() : target.string(), {}});
  }
  return p.string();
}

std::vector<std::pair<std::string, std::string>> files_found(const std::vector<std::string>& roots,
                                                             const std::string& sub, const std::string& ext,
                                                             DiagnosticSink& sink) {
  std::vector<std::pair<std::string, std::string>> out;
  std::set<std::string> taken;
  for (const auto& root : roots) {
    std::vector<std::string> here;
    std::error_code ec;
    for (auto& e : fs::directory_iterator(fs::path(root) / sub, ec)) {
      std::string file = e.path().filename().string();
      if (file.size() <= ext.size() || file.compare(file.size() - ext.size(), ext.size(), ext) != 0) continue;
      here.push_back(file);
    }
    std::sort(here.begin(), here.end());
    for (const auto& file : here) {
      std::string name = file.substr(0, file.size() - ext.size());
      if (taken.count(name)) continue;
      try {
        std::string path = file_in_root(root, sub, file);
        if (path.empty()) continue;
        taken.insert(name);
        out.emplace_back(name, path);
      } catch (const Failure& f) {
        taken.insert(name);
        sink.report(f.diagnostic());
      }
    }
  }
  return out;
}

}  // namespace jixiao
