// What `jixiao --version` prints; defined in the build's generated jixiao_version.cpp
// (app/version.cmake), so a new commit recompiles one line, not the program.
#pragma once

namespace jixiao::app {

extern const char kVersion[];  // CMake's project(VERSION)
extern const char kCommit[];   // `git describe --always --dirty`, or "unknown" outside a checkout

}  // namespace jixiao::app
