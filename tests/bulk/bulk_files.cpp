#include "bulk_files.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support/support.h"

namespace jixiao::test {

namespace fs = std::filesystem;
using nlohmann::json;

std::map<std::string, std::string> pdfs_in(const std::string& dir) {
  std::map<std::string, std::string> out;
  for (auto& e : fs::recursive_directory_iterator(dir))
    if (e.path().extension() == ".pdf") out[fs::relative(e.path(), dir).string()] = test::slurp(e.path().string());
  return out;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string l; std::getline(in, l);) {
    if (!l.empty() && l.back() == '\r') l.pop_back();
    out.push_back(l);
  }
  return out;
}

std::vector<std::string> summary_rows(const std::string& csv_file) {
  auto rows = lines_of(test::slurp(csv_file));
  REQUIRE(!rows.empty());
  rows.erase(rows.begin());
  std::sort(rows.begin(), rows.end());
  return rows;
}

void write(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::binary) << text;
}

void make_projects(const std::string& dir, int n_files, int docs_each) {
  json example = json::parse(test::slurp(test::source_path("examples/shenzhen-2021-project-selfeval.json")));
  json projects = example["projects"];
  int k = 0;
  for (int f = 0; f < n_files; ++f) {
    json set = example;
    set["projects"] = json::array();
    for (int d = 0; d < docs_each; ++d, ++k) {
      json p = projects[static_cast<std::size_t>(k) % projects.size()];
      p["name"] = p["name"].get<std::string>() + "（" + std::to_string(k) + "）";
      set["projects"].push_back(p);
    }
    char name[32];
    std::snprintf(name, sizeof name, "/unit-%03d.json", f);
    write(dir + name, set.dump(1));
  }
}

}  // namespace jixiao::test
