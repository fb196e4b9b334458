// What a user sets for every request of one engine (the CLI's options).
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "catalog/options.h"

namespace jixiao {

struct Options : CatalogOptions {
  // Where declarations named by data may lie besides the data file's own directory.
  std::vector<std::string> declaration_dirs;
  std::optional<std::int64_t> date;         // PDF date, seconds since the epoch
  // Language of diagnostics and the score table: "en" or "zh" (codes and pointers stay).
  std::string lang = "en";
  // Render: draw the layout overlay (cell and block boxes, baselines, overflow, page breaks).
  bool debug_layout = false;
  // Render: "a-2b" (PDF/A-2b), "ua-1" (PDF/UA-1), "a-2b,ua-1" or "none" (a plain PDF)
  // whatever the form says; empty: as the form's pdf-standard attribute says, else none.
  std::string pdf_standard;
  // Render: a tagged PDF (structure tree, /Lang), with --tags; PDF/UA-1 is always tagged.
  // Off by default: it costs 12–45% more render CPU (docs/pdf.md).
  bool tagged = false;
  // Render: the format written, "pdf" or "ofd" (GB/T 33190-2016, docs/ofd.md).
  std::string format = "pdf";
};

}  // namespace jixiao
