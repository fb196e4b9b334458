// Where forms, rule sets, schemas and prefill maps are found: a user's --templates
// directories first, then the built-in templates/. Rendering and `templates --check` look
// through the same roots the same way.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "jixiao.h"

namespace jixiao {

// The template directories options name, a user's first, then data_dir's (or the built-in)
// templates/.
std::vector<std::string> template_roots(const Options& options);

// Every regular file <root>/<sub>/<name><ext> as (name, path): roots in order, each sorted
// by name, a file shadowing a later one of the same name.
std::vector<std::pair<std::string, std::string>> files_found(const std::vector<std::string>& roots,
                                                             const std::string& sub, const std::string& ext);

}  // namespace jixiao
