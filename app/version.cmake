# Writes OUT (jixiao_version.cpp) from app/version.cpp.in with VERSION and the source tree's
# git commit. Run on every build (cmake -P); configure_file rewrites OUT only when its text
# changes, so an unchanged commit recompiles nothing.
#   cmake -DSOURCE_DIR=… -DVERSION=… -DOUT=… -P version.cmake
set(JIXIAO_VERSION "${VERSION}")
set(JIXIAO_COMMIT "unknown")
find_program(GIT_EXECUTABLE git)
if(GIT_EXECUTABLE)
  # Only the source tree's own checkout counts: a tarball unpacked inside some other
  # repository must not report that repository's commit.
  execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" rev-parse --show-toplevel
                  OUTPUT_VARIABLE top RESULT_VARIABLE top_status
                  OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
  file(REAL_PATH "${SOURCE_DIR}" source_real)
  if(top_status EQUAL 0)
    file(REAL_PATH "${top}" top_real)
  endif()
  if(top_status EQUAL 0 AND top_real STREQUAL source_real)
    execute_process(COMMAND "${GIT_EXECUTABLE}" -C "${SOURCE_DIR}" describe --always --dirty
                    OUTPUT_VARIABLE described RESULT_VARIABLE status
                    OUTPUT_STRIP_TRAILING_WHITESPACE ERROR_QUIET)
    if(status EQUAL 0 AND described MATCHES "^[-0-9A-Za-z._/+]+$")
      set(JIXIAO_COMMIT "${described}")
    endif()
  endif()
endif()
configure_file("${CMAKE_CURRENT_LIST_DIR}/version.cpp.in" "${OUT}" @ONLY)
