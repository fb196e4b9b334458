// --pdf-standard a-2b: every example through the structural checker of ../shared/verify
// (beside the source tree, as in CI), qpdf, our own field checks (pdfa_fields.py) and a
// Ghostscript PDF/A-2b conversion; the default output keeps none of it. docs/pdf.md.
// Debian's python3 (/usr/bin/python3) runs the checks: python3-pikepdf is its package.
#include <catch2/catch.hpp>

#include <fstream>

#include "support/support.h"

using namespace jixiao;

namespace {

const char* kExamples[] = {"mof-2020-project-selfeval", "shenzhen-2020-department-selfeval",
                           "shenzhen-2021-project-selfeval", "suzhou-2021-project-declaration",
                           "suzhou-2021-project-selfeval"};

std::string example(const std::string& name) { return test::source_path("examples/" + name + ".json"); }

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Renders data to out with extra options; exit 0, or 3 for an example's scoring warnings.
void render(const std::string& data, const std::string& out, const std::string& extra) {
  auto r = test::run_jixiao("render " + data + " -o " + out + " --date 2021-12-31T08:00:00Z " + extra);
  INFO(r.err);
  REQUIRE((r.exit_code == 0 || r.exit_code == 3));
}

// The checker lies beside the source tree (../shared/verify); missing, the test fails.
std::string checker() {
  std::string path = test::source_path("../shared/verify/pdfa2b_check.py");
  INFO("the PDF/A-2b checker is missing: " << path << " (../shared/verify beside the source tree)");
  REQUIRE(test::file_exists(path));
  return path;
}

void passes(const std::string& command, const std::string& expected) {
  auto r = test::run_command(command);
  INFO(command << "\n" << r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(has(r.out, expected));
}

bool is_pdfa_header(const std::string& bytes) {
  if (bytes.compare(0, 9, "%PDF-1.7\n") != 0 || bytes.size() < 15 || bytes[9] != '%') return false;
  for (int i = 10; i < 14; ++i)
    if (static_cast<unsigned char>(bytes[static_cast<std::size_t>(i)]) < 128) return false;
  return true;
}

}  // namespace

TEST_CASE("pdfa: every example in a-2b passes the structural checks, qpdf and the field checks",
          "[pdf][pdfa]") {
  const std::string check = checker();
  const std::string fields = test::source_path("tests/pdf/pdfa_fields.py");
  auto dir = test::temp_dir("pdfa");
  for (const char* name : kExamples) {
    INFO(name);
    const std::string out = dir + "/" + name + ".pdf";
    render(example(name), out, "--pdf-standard a-2b");
    CHECK(is_pdfa_header(test::slurp(out)));
    passes("/usr/bin/python3 " + check + " " + out, "PDF/A-2b STRUCTURAL CHECKS OK");
    passes("qpdf --check " + out, "No syntax or stream encoding errors");
    passes("/usr/bin/python3 " + fields + " " + out, "OK");
  }
}

TEST_CASE("pdfa: two renders are byte-identical, the default and 'none' have none of it", "[pdf][pdfa]") {
  auto dir = test::temp_dir("pdfa-same");
  const std::string data = example("shenzhen-2021-project-selfeval");
  render(data, dir + "/a.pdf", "--pdf-standard a-2b");
  render(data, dir + "/b.pdf", "--pdf-standard a-2b");
  render(data, dir + "/plain.pdf", "");
  render(data, dir + "/none.pdf", "--pdf-standard none");
  const std::string a = test::slurp(dir + "/a.pdf"), plain = test::slurp(dir + "/plain.pdf");
  CHECK(a == test::slurp(dir + "/b.pdf"));
  CHECK(plain == test::slurp(dir + "/none.pdf"));
  CHECK(plain.compare(0, 9, "%PDF-1.5\n") == 0);  // object streams
  const std::string a_objects = test::pdf_objects(dir + "/a.pdf"), plain_objects = test::pdf_objects(dir + "/plain.pdf");
  for (const char* part : {"/Metadata", "/OutputIntents", "pdfaid", "GTS_PDFA1"}) {
    CHECK(has(a_objects, part));
    CHECK_FALSE(has(plain_objects, part));
  }
  passes("qpdf --check " + dir + "/plain.pdf", "No syntax or stream encoding errors");
}

TEST_CASE("pdfa: Ghostscript converts each example's a-2b render to PDF/A-2b without aborting", "[pdf][pdfa]") {
  auto dir = test::temp_dir("pdfa-gs");
  auto def = test::run_command("gs --help | sed -n 's#^ *\\(/usr/share/ghostscript/[^ ]*/lib\\).*#\\1#p' | head -1");
  std::string lib = def.out.substr(0, def.out.find('\n'));
  if (lib.empty()) lib = test::run_command("dirname $(ls /usr/share/ghostscript/*/lib/PDFA_def.ps | head -1)").out;
  lib = lib.substr(0, lib.find('\n'));
  INFO("ghostscript (Debian ghostscript) and its PDFA_def.ps are needed: " << lib);
  REQUIRE(test::file_exists(lib + "/PDFA_def.ps"));
  // PDFA_def.ps names the profile "srgb.icc" relative to the working directory.
  test::run_command("sed 's#(srgb.icc)#(/usr/share/color/icc/sRGB.icc)#' " + lib + "/PDFA_def.ps > " + dir + "/def.ps");
  for (const char* name : kExamples) {
    INFO(name);
    const std::string in = dir + "/" + name + ".pdf", out = dir + "/" + name + ".gs.pdf";
    render(example(name), in, "--pdf-standard a-2b");
    auto r = test::run_command("gs -q -dPDFA=2 -dPDFACompatibilityPolicy=1 -sColorConversionStrategy=RGB "
                               "-sDEVICE=pdfwrite -dBATCH -dNOPAUSE --permit-file-read=/usr/share/color/icc/ -o " +
                               out + " " + dir + "/def.ps " + in + " 2>&1");
    INFO(r.out << r.err);
    CHECK(r.exit_code == 0);
    CHECK_FALSE(has(r.out + r.err, "PDF/A processing aborted"));
    CHECK(test::file_exists(out));
  }
}

TEST_CASE("pdfa: an unknown --pdf-standard is a usage error naming the allowed ones", "[pdf][pdfa]") {
  auto dir = test::temp_dir("pdfa-usage");
  auto r = test::run_jixiao("render " + example("mof-2020-project-selfeval") + " -o " + dir +
                            "/x.pdf --pdf-standard a-1b");
  INFO(r.err);
  CHECK(r.exit_code == 1);
  CHECK(has(r.err, "a-2b"));
  CHECK(has(r.err, "none"));
  CHECK_FALSE(test::file_exists(dir + "/x.pdf"));
  CHECK(has(r.err, "ua-1"));
  CHECK(has(test::run_jixiao("render --help").out, "--pdf-standard a-2b|ua-1|a-2b,ua-1|none"));
}

TEST_CASE("pdfa: the form's pdf-standard attribute is the default, the option overrides it", "[pdf][pdfa]") {
  auto dir = test::temp_dir("pdfa-form");
  test::run_command("mkdir -p " + dir + "/forms");
  const std::string form = "mof-project-selfeval-2020";
  std::string xml = test::slurp(test::source_path("templates/forms/" + form + ".xml"));
  std::ofstream(dir + "/forms/" + form + ".xml")
      << test::replace_all(xml, "<form id=\"" + form + "\"", "<form pdf-standard=\"a-2b\" id=\"" + form + "\"");
  const std::string data = example("mof-2020-project-selfeval"), tmpl = " --templates " + dir;
  render(data, dir + "/form.pdf", tmpl);
  render(data, dir + "/none.pdf", tmpl + " --pdf-standard none");
  CHECK(is_pdfa_header(test::slurp(dir + "/form.pdf")));
  passes("/usr/bin/python3 " + checker() + " " + dir + "/form.pdf", "PDF/A-2b STRUCTURAL CHECKS OK");
  CHECK_FALSE(has(test::pdf_objects(dir + "/none.pdf"), "/OutputIntents"));

  std::ofstream(dir + "/forms/" + form + ".xml", std::ios::trunc)
      << test::replace_all(xml, "<form id=\"" + form + "\"", "<form pdf-standard=\"pdf/a\" id=\"" + form + "\"");
  auto bad = test::run_jixiao("render " + data + " -o " + dir + "/bad.pdf" + tmpl);
  INFO(bad.err);
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, dir + "/forms/" + form + ".xml:"));
  CHECK(has(bad.err, "none, a-2b"));
}

TEST_CASE("pdfa: a character no font has is an error in a-2b, a warning otherwise", "[pdf][pdfa]") {
  auto dir = test::temp_dir("pdfa-notdef");
  const std::string data = dir + "/data.json";
  // U+E000, private use: no font of the manifest draws it.
  std::ofstream(data) << test::replace_all(test::slurp(example("mof-2020-project-selfeval")),
                                           "住房建设档案整理", "住房建设档案\xEE\x80\x80整理");
  auto plain = test::run_jixiao("render " + data + " -o " + dir + "/plain.pdf --date 0");
  CHECK(plain.exit_code == 3);
  CHECK(has(plain.err, "U+E000"));
  auto strict = test::run_jixiao("render " + data + " -o " + dir + "/a.pdf --date 0 --pdf-standard a-2b");
  INFO(strict.err);
  CHECK(strict.exit_code == 2);
  CHECK(has(strict.err, "PDF/A-2b does not allow a character without a glyph"));
  // At the template place of the warning, which names the data pointer.
  CHECK(has(strict.err, "in /projects/0/name; it is drawn as an empty box"));
  CHECK(has(strict.err, "mof-project-selfeval-2020.xml:35:9: error: PDF/A-2b"));
  CHECK_FALSE(test::file_exists(dir + "/a.pdf"));
}

TEST_CASE("pdfa: a bulk run in a-2b writes PDF/A files, --resume without the option renders again",
          "[pdf][pdfa][bulk]") {
  auto dir = test::temp_dir("pdfa-bulk");
  const std::string inputs = example("mof-2020-project-selfeval") + " " + example("suzhou-2021-project-selfeval");
  auto r = test::run_jixiao("render " + inputs + " -o " + dir + "/out/ --date 0 --pdf-standard a-2b -j 2");
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const std::string pdf = dir + "/out/mof-2020-project-selfeval.pdf";
  passes("/usr/bin/python3 " + checker() + " " + pdf, "PDF/A-2b STRUCTURAL CHECKS OK");
  auto again = test::run_jixiao("render " + inputs + " -o " + dir + "/out/ --date 0 --resume");
  INFO(again.err);
  CHECK(again.exit_code == 0);
  CHECK_FALSE(has(test::pdf_objects(pdf), "/OutputIntents"));
}

TEST_CASE("pdfa: the data dir's icc/sRGB.icc comes first, and a file that is no profile is an error naming it",
          "[pdf][pdfa]") {
  auto dir = test::temp_dir("pdfa-icc");
  test::run_command("mkdir -p " + dir + "/data/icc && ln -s " + test::source_path("templates") + " " + dir +
                    "/data/templates && ln -s " + test::source_path("fonts") + " " + dir + "/data/fonts");
  const std::string data = example("mof-2020-project-selfeval"), opts = " --data-dir " + dir + "/data --pdf-standard a-2b";
  std::ofstream(dir + "/data/icc/sRGB.icc") << std::string(200, 'x');
  auto bad = test::run_jixiao("render " + data + " -o " + dir + "/bad.pdf" + opts);
  INFO(bad.err);
  CHECK(bad.exit_code == 2);
  CHECK(has(bad.err, dir + "/data/icc/sRGB.icc: error: not an ICC profile"));
  CHECK_FALSE(test::file_exists(dir + "/bad.pdf"));
  test::run_command("cp /usr/share/color/icc/sRGB.icc " + dir + "/data/icc/sRGB.icc");
  render(data, dir + "/good.pdf", opts);
  passes("/usr/bin/python3 " + checker() + " " + dir + "/good.pdf", "PDF/A-2b STRUCTURAL CHECKS OK");
}
