// Progress of a bulk run on stderr: a bar redrawn in place on a terminal, a plain line
// every tenth of the run (and at the end) otherwise, so logs stay readable.
#pragma once
#include "bulk/run.h"

namespace jixiao::app {

class ProgressPrinter {
 public:
  ProgressPrinter(bool terminal, bool zh) : terminal_(terminal), zh_(zh) {}
  void operator()(const bulk::Progress& p);
  void finish();  // ends the bar's line

 private:
  bool terminal_;
  bool zh_;  // the line in Chinese (--lang zh)
  std::size_t last_tenth_ = 0;
  bool drawn_ = false;
};

}  // namespace jixiao::app
