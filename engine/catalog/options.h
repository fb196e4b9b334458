// Where the catalog looks for definitions: what the engine's Options say about files.
#pragma once
#include <string>
#include <vector>

namespace jixiao {

struct CatalogOptions {
  std::string data_dir;                     // holds templates/ and fonts/; empty = built-in
  std::vector<std::string> template_dirs;   // searched before data_dir/templates
  std::vector<std::string> font_dirs;       // user font directories (licensed fonts)
};

// The directory holding templates/ and fonts/ compiled into this build.
std::string default_data_dir();

}  // namespace jixiao
