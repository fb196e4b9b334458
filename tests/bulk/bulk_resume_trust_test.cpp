// Issue 20, class 2: --resume trusts only what it wrote. The manifest records each PDF's
// size, hash and pages; a PDF emptied, replaced or cut short is rendered again, an
// unchanged row keeps its pages and bytes, and the keys hold contents only: an identical
// copy of templates/ and fonts/ at another path (--data-dir) keeps every document.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "bulk_files.h"
#include "support/support.h"

using namespace jixiao;
namespace fs = std::filesystem;

namespace {

const char* kDate = " --date 1640995200";

struct Row {
  std::string status, pages, bytes;
  bool operator==(const Row& o) const { return status == o.status && pages == o.pages && bytes == o.bytes; }
};

// summary.csv by output: its last four columns are status, output, pages, bytes.
std::map<std::string, Row> rows_by_output(const std::string& csv) {
  std::map<std::string, Row> out;
  for (const auto& line : test::summary_rows(csv)) {
    std::string field[4];  // from the right: a project's name may hold a comma
    std::size_t end = line.size();
    for (int i = 3; i >= 0; --i) {
      std::size_t comma = line.rfind(',', end - 1);
      field[i] = line.substr(comma + 1, end - comma - 1);
      end = comma;
    }
    out[field[1]] = {field[0], field[2], field[3]};
  }
  return out;
}

// Twenty PDFs of four files, rendered once.
std::string rendered(const std::string& dir) {
  fs::create_directories(dir + "/in");
  test::make_projects(dir + "/in", 4, 5);
  auto first = test::run_jixiao("render " + dir + "/in -o " + dir + "/out/ -j 2" + kDate);
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  return dir + "/out";
}

}  // namespace

TEST_CASE("bulk: --resume renders again a PDF emptied, replaced by text or cut short, the rest keep pages and bytes",
          "[bulk]") {
  auto dir = test::temp_dir("bulk-resume-trust");
  std::string out = rendered(dir);
  auto first = rows_by_output(out + "/summary.csv");
  auto pdfs = test::pdfs_in(out);
  REQUIRE(first.size() == 20);
  REQUIRE(pdfs.size() == 20);
  const std::string emptied = "unit-000-2.pdf", replaced = "unit-001-4.pdf", cut = "unit-003-5.pdf",
                    flipped = "unit-002-3.pdf";
  test::write(out + "/" + emptied, "");
  test::write(out + "/" + replaced, "a clerk's note, not a PDF\n");
  fs::resize_file(out + "/" + cut, pdfs[cut].size() / 2);
  std::string one_byte = pdfs[flipped];  // same size, one byte of a stream changed
  one_byte[one_byte.size() / 2] ^= 1;
  test::write(out + "/" + flipped, one_byte);

  auto resumed = test::run_jixiao("render " + dir + "/in -o " + out + "/ -j 2 --resume" + kDate);
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(resumed.err.find("(16 unchanged)") != std::string::npos);
  auto again = rows_by_output(out + "/summary.csv");
  REQUIRE(again.size() == 20);
  for (const auto& [name, row] : first) {
    INFO(name);
    bool damaged = name == emptied || name == replaced || name == cut || name == flipped;
    CHECK(again[name].status == (damaged ? "ok" : "unchanged"));
    CHECK(again[name].pages == row.pages);  // never 0 for an unchanged row
    CHECK(again[name].bytes == row.bytes);
    CHECK(std::stoi(row.pages) >= 1);
  }
  CHECK(test::pdfs_in(out) == pdfs);  // the same bytes as the first run, damage repaired
  for (const auto& name : {emptied, replaced, cut, flipped}) {
    INFO(name);
    CHECK(test::run_command("qpdf --check " + out + "/" + name).exit_code == 0);
    CHECK(test::run_command("pdfinfo " + out + "/" + name).exit_code == 0);
  }
}

TEST_CASE("bulk: --resume keys hold contents, not paths: templates and fonts copied elsewhere keep every document",
          "[bulk]") {
  auto dir = test::temp_dir("bulk-resume-copy");
  std::string out = rendered(dir);
  auto first = rows_by_output(out + "/summary.csv");
  fs::create_directories(dir + "/data");
  fs::copy(test::source_path("templates"), dir + "/data/templates", fs::copy_options::recursive);
  fs::copy(test::source_path("fonts"), dir + "/data/fonts", fs::copy_options::recursive);
  auto copied = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume --data-dir " + dir + "/data" + kDate);
  INFO(copied.err);
  CHECK(copied.exit_code == 0);
  CHECK(copied.err.find("(20 unchanged)") != std::string::npos);
  for (auto& [name, row] : rows_by_output(out + "/summary.csv"))
    CHECK(row == Row{"unchanged", first[name].pages, first[name].bytes});
  // What does change the bytes still renders again: the font manifest, --debug-layout.
  std::string fonts = test::slurp(dir + "/data/fonts/fonts.json");
  test::write(dir + "/data/fonts/fonts.json", fonts + "\n");
  auto manifest = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume --data-dir " + dir + "/data" + kDate);
  CHECK(manifest.err.find("(0 unchanged)") != std::string::npos);
  auto debug = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume --debug-layout" + kDate);
  CHECK(debug.err.find("(0 unchanged)") != std::string::npos);
}

TEST_CASE("bulk: an old or damaged manifest line does not count, a symbolic link is not trusted", "[bulk]") {
  auto dir = test::temp_dir("bulk-resume-manifest");
  std::string out = rendered(dir);
  const std::string manifest = out + "/.jixiao-manifest.tsv";
  auto lines = test::lines_of(test::slurp(manifest));
  REQUIRE(lines.size() == 20);
  // The older format (output and key only), one line with a changed page count, one cut short.
  std::string text;
  for (std::size_t i = 0; i < 10; ++i) text += lines[i].substr(0, lines[i].find('\t', lines[i].find('\t') + 1)) + "\n";
  for (std::size_t i = 10; i < 18; ++i) text += lines[i] + "\n";
  std::string forged = lines[18];
  std::size_t pages_at = forged.rfind('\t', forged.rfind('\t') - 1) + 1;
  forged[pages_at] = forged[pages_at] == '9' ? '8' : '9';
  text += forged + "\n" + lines[19].substr(0, lines[19].size() - 3);
  test::write(manifest, text);
  auto resumed = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume" + kDate);
  INFO(resumed.err);
  CHECK(resumed.exit_code == 0);
  CHECK(resumed.err.find("(8 unchanged)") != std::string::npos);  // lines 10-17
  // The next resume trusts them all again (each was recorded when rendered, on a line of its own).
  auto next = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume" + kDate);
  CHECK(next.err.find("(20 unchanged)") != std::string::npos);
  // A PDF name that is a symbolic link to a good copy is not trusted, and not written through.
  fs::rename(out + "/unit-002-1.pdf", dir + "/kept.pdf");
  fs::create_symlink(dir + "/kept.pdf", out + "/unit-002-1.pdf");
  auto linked = test::run_jixiao("render " + dir + "/in -o " + out + "/ --resume" + kDate);
  CHECK(linked.exit_code == 2);
  CHECK(linked.err.find(out + "/unit-002-1.pdf: error: the output is a symbolic link") != std::string::npos);
  CHECK(linked.err.find("(19 unchanged)") != std::string::npos);
}

TEST_CASE("bulk: warnings exit 0 by default and 3 with --fail-on warning, on a first run and on a resume", "[bulk]") {
  auto dir = test::temp_dir("bulk-resume-warnings");
  std::string in = test::source_path("examples/shenzhen-2020-department-selfeval.json");  // declared scores: warnings
  // A job runner counts a non-zero exit as failed: a shard that wrote every PDF has not.
  auto first = test::run_jixiao("render " + in + " -o " + dir + "/out/" + kDate);
  CHECK(first.exit_code == 0);
  CHECK(first.err.find("warning") != std::string::npos);  // still said
  auto strict = test::run_jixiao("render " + in + " -o " + dir + "/strict/ --fail-on warning" + kDate);
  REQUIRE(strict.exit_code == 3);
  auto resumed = test::run_jixiao("render " + in + " -o " + dir + "/strict/ --resume --fail-on warning" + kDate);
  CHECK(resumed.err.find("(1 unchanged)") != std::string::npos);
  CHECK(resumed.exit_code == 3);
  auto resumed_default = test::run_jixiao("render " + in + " -o " + dir + "/out/ --resume" + kDate);
  CHECK(resumed_default.exit_code == 0);
  // One document: warnings exit 3 unless --fail-on error.
  CHECK(test::run_jixiao("render " + in + " -o " + dir + "/one.pdf" + kDate).exit_code == 3);
  CHECK(test::run_jixiao("render " + in + " -o " + dir + "/two.pdf --fail-on error" + kDate).exit_code == 0);
  CHECK(test::run_jixiao("render " + in + " -o " + dir + "/three.pdf --fail-on nothing" + kDate).exit_code == 1);
}
