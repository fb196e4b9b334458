// Where templates/, fonts/ and the preview's web files are when --data-dir does not say:
// $JIXIAO_DATA_DIR, then beside the executable (<prefix>/bin/jixiao finds
// <prefix>/share/jixiao, so an installed or relocated prefix works), then the source tree
// this build came from. A directory counts only when it holds forms and the font manifest.
#pragma once
#include <string>
#include <vector>

namespace jixiao::app {

struct DataDirSearch {
  std::string dir;                  // "" when none would do
  std::vector<std::string> looked;  // each place tried and why it did not do, in order
};

// given: --data-dir ("" when not given). --data-dir, else $JIXIAO_DATA_DIR when set, is
// then the only place looked at.
DataDirSearch find_data_dir(const std::string& given);

// Why dir cannot serve as the data directory, "" when it can.
std::string data_dir_problem(const std::string& dir);

// The directory of the running executable (from /proc/self/exe), "" when /proc does not say.
std::string executable_dir();

// The preview's web files under a data directory: share/jixiao/preview when installed,
// app/preview/web in a source tree.
std::string preview_web_dir(const std::string& data_dir);

}  // namespace jixiao::app
