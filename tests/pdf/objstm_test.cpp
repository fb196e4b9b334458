// Object streams and the cross-reference stream (engine/pdf/objstm.cpp), checked with qpdf
// and poppler: the packed file holds the same objects, text and pages as libharu's.
#include <catch2/catch.hpp>

#include <fstream>
#include <libdeflate.h>

#include "diag/diag.h"
#include "pdf/objstm.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;

namespace {

std::string zlib(std::string_view in) {
  libdeflate_compressor* c = libdeflate_alloc_compressor(6);
  std::string out(libdeflate_zlib_compress_bound(c, in.size()), '\0');
  const std::size_t n = libdeflate_zlib_compress(c, in.data(), in.size(), out.data(), out.size());
  libdeflate_free_compressor(c);
  REQUIRE(n > 0);
  out.resize(n);
  return out;
}

// libharu's own output for a real example: the layout the CLI would write, unpacked.
std::string plain_pdf() {
  layout::LayoutResult doc;
  layout::Page page;
  page.runs.push_back(test::shape(test::face("hei"), 16, 225, 80, U"项目支出绩效自评表"));
  page.runs.push_back(test::shape(test::face("song"), 10.5f, 60, 130, U"偏差原因分析及改进措施，。（）"));
  page.runs.push_back(test::shape(test::face("latin"), 10.5f, 300, 160, U"870996.00"));
  page.rules.push_back({55, 115, 540, 115, 0.5f});
  doc.pages.push_back(page);
  pdf::Metadata meta;
  meta.title = "项目支出绩效自评表 (test)";
  meta.date = 0;
  meta.object_streams = false;
  return pdf::write_pdf(doc, test::font_library(), meta);
}

bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

}  // namespace

TEST_CASE("objstm: a packed PDF has the same objects, pages and text, its dictionaries compressed", "[pdf][objstm]") {
  const std::string dir = test::temp_dir("objstm");
  const std::string plain = plain_pdf();
  const std::string packed = pdf::pack_objects(plain, zlib);
  std::ofstream(dir + "/packed.pdf", std::ios::binary) << packed;
  std::ofstream(dir + "/plain.pdf", std::ios::binary) << plain;
  CHECK(plain.compare(0, 8, "%PDF-1.3") == 0);
  CHECK(packed.compare(0, 8, "%PDF-1.5") == 0);  // 1.3 raised: object streams are 1.5
  CHECK(packed.size() < plain.size());
  CHECK_FALSE(has(packed, "/Type /Catalog"));  // inside an object stream now
  CHECK(has(packed, "/Type/XRef"));
  CHECK_FALSE(has(packed, "\ntrailer"));

  auto check = test::run_command("qpdf --check " + dir + "/packed.pdf");
  INFO(check.out << check.err);
  CHECK(check.exit_code == 0);
  CHECK(has(check.out, "No syntax or stream encoding errors"));
  // The same objects: qpdf's JSON of both, object by object, once streams are left out.
  auto objects = [&](const std::string& f) {
    return test::run_command("qpdf --json --json-key=objects " + dir + "/" + f + " | " +
                             "/usr/bin/python3 -c \"import json,sys; o=json.load(sys.stdin)['objects']; "
                             "print(sorted(k for k in o if k!='trailer'))\"").out;
  };
  CHECK(objects("plain.pdf") == objects("packed.pdf"));
  auto text = [&](const std::string& f) { return test::run_command("pdftotext " + dir + "/" + f + " -").out; };
  CHECK(text("plain.pdf") == text("packed.pdf"));
  CHECK_FALSE(text("packed.pdf").empty());
  auto info = test::run_command("pdfinfo " + dir + "/packed.pdf").out;
  CHECK(has(test::strip_space(info), "Pages:1"));
  CHECK(has(test::strip_space(info), "Producer:jixiao"));
  // Deterministic: the same input, the same bytes.
  CHECK(pdf::pack_objects(plain, zlib) == packed);
}

TEST_CASE("objstm: input not laid out as libharu writes it is a failure, not a broken file", "[pdf][objstm]") {
  const std::string plain = plain_pdf();
  for (std::string bad : {std::string("%PDF-1.3\n"), plain.substr(0, plain.size() / 2),
                          test::replace_all(plain, "xref\n0 ", "xref\n1 "),
                          test::replace_all(plain, "1 0 obj", "9 0 obj")}) {
    CHECK_THROWS_AS(pdf::pack_objects(bad, zlib), Failure);
  }
}
