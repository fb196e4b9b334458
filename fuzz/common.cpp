#include "common.h"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace jixiao::fuzz {

std::string source_path(const std::string& relative) {
  return std::string(JIXIAO_SOURCE_DIR) + "/" + relative;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

namespace {
std::string* g_dir = nullptr;
void remove_dir() {
  if (g_dir) {
    std::error_code ec;
    std::filesystem::remove_all(*g_dir, ec);
  }
}
}  // namespace

const std::string& temp_dir() {
  if (!g_dir) {
    std::string base = std::filesystem::temp_directory_path().string() + "/jixiao-fuzz-XXXXXX";
    if (!::mkdtemp(base.data())) {
      std::perror("mkdtemp");
      std::abort();
    }
    g_dir = new std::string(base);
    std::atexit(remove_dir);
  }
  return *g_dir;
}

std::string write_temp(const std::string& name, const std::uint8_t* data, std::size_t size) {
  std::string path = temp_dir() + "/" + name;
  std::filesystem::create_directories(std::filesystem::path(path).parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  out.close();
  if (!out) {
    std::perror(path.c_str());
    std::abort();
  }
  return path;
}

void abort_on_internal(const DiagnosticSink& sink) {
  for (const auto& d : sink.all()) {
    if (d.code == "internal") {
      std::fprintf(stderr, "fuzz: internal error (an exception the engine did not expect):\n%s\n",
                   format(d).c_str());
      std::abort();
    }
  }
}

}  // namespace jixiao::fuzz
