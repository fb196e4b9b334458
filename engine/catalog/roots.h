// Where forms, rule sets, schemas and prefill maps are found: a user's --templates
// directories first, then the built-in templates/. Rendering and `templates --check` look
// through the same roots the same way, and take a file only when its real path (symbolic
// links followed) stays inside its root, as a declaration must stay inside its directory.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "catalog/options.h"

namespace jixiao {

// The template directories options name, a user's first, then data_dir's (or the built-in)
// templates/.
std::vector<std::string> template_roots(const CatalogOptions& options);

// Whether file, once ".." and symbolic links are resolved, lies inside root (resolved the
// same way, so a root that is itself a link is fine).
bool inside_root(const std::string& file, const std::string& root);

// <root>/<sub>/<file> when it is a regular file, "" when there is none. One that leads
// outside the root throws Failure ("template.outside-root": the file, its root, where it
// leads): a data file's `form` must not make jixiao read, watch or serve /etc/passwd.
std::string file_in_root(const std::string& root, const std::string& sub, const std::string& file);

// Every regular file <root>/<sub>/<name><ext> as (name, path): roots in order, each sorted
// by name, a file shadowing a later one of the same name. A file leading outside its root
// is reported to sink and left out (it still shadows: a later root's file is not used in
// its place).
std::vector<std::pair<std::string, std::string>> files_found(const std::vector<std::string>& roots,
                                                             const std::string& sub, const std::string& ext,
                                                             DiagnosticSink& sink);

}  // namespace jixiao
