// write_pdf end to end: hand-built pages from the real fonts, read back with qpdf and poppler.
#include <catch2/catch.hpp>

#include <sstream>

#include "pdf/pdf.h"
#include "pdf_fixture.h"
#include "support/support.h"

using namespace jixiao;
using jixiao::test::face;
using jixiao::test::shape;

namespace {

constexpr std::int64_t kDate = 1710491400;  // 2024-03-15 08:30:00 UTC

// A two-page form in the shape the layout stage produces: a title in 黑, labels in 宋,
// amounts in the Latin face, a justified label, table rules; a second page in 楷.
layout::LayoutResult form() {
  layout::LayoutResult doc;
  layout::Page p1;
  p1.runs.push_back(shape(face("hei"), 16, 225, 80, U"项目支出绩效自评表"));
  p1.runs.push_back(shape(face("song"), 10.5f, 60, 130, U"偏差原因分析及改进措施，。（）"));
  p1.runs.push_back(shape(face("song"), 10.5f, 60, 160, U"金额（元）"));
  p1.runs.push_back(shape(face("latin"), 10.5f, 300, 160, U"870996.00"));
  p1.runs.push_back(shape(face("song"), 10.5f, 60, 190, U"项目名称", 7.5f));
  for (float y : {115.f, 145.f, 175.f, 205.f}) p1.rules.push_back({55, y, 540, y, 0.5f});
  for (float x : {55.f, 290.f, 540.f}) p1.rules.push_back({x, 115, x, 205, 0.5f});
  p1.rules.push_back({55, 100, 540, 100, 1.5f});
  doc.pages.push_back(p1);

  layout::Page p2;
  p2.runs.push_back(shape(face("kai"), 12, 60, 100, U"（2024年度）单位：财政局"));
  p2.runs.push_back(shape(face("song"), 10.5f, 60, 130, U"自评得分"));
  p2.runs.push_back(shape(face("latin"), 10.5f, 300, 130, U"92.50"));
  doc.pages.push_back(p2);
  return doc;
}

pdf::Metadata metadata() {
  pdf::Metadata m;
  m.title = "项目支出绩效自评表";
  m.author = "财政局";
  m.subject = "2024年度项目支出绩效自评";
  m.keywords = "绩效, 自评";
  m.date = kDate;
  return m;
}

std::string write_form(const std::string& name, std::string* bytes_out = nullptr) {
  std::string bytes = pdf::write_pdf(form(), test::font_library(), metadata());
  if (bytes_out) *bytes_out = bytes;
  return test::save_temp(bytes, name);
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

}  // namespace

TEST_CASE("a written form passes qpdf --check", "[pdf]") {
  std::string path = write_form("form.pdf");
  auto r = test::run_command("qpdf --check '" + path + "'");
  INFO(r.out << r.err);
  CHECK(r.exit_code == 0);
  CHECK(r.out.find("No syntax or stream encoding errors found") != std::string::npos);
  CHECK(r.out.find("WARNING") == std::string::npos);
  CHECK(r.err.empty());
}

TEST_CASE("every face is an embedded subset CID font with ToUnicode: CFF as Type 0C, TrueType as TrueType", "[pdf]") {
  std::string path = write_form("fonts.pdf");
  auto r = test::run_command("pdffonts '" + path + "'");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  auto rows = lines(r.out);
  REQUIRE(rows.size() == 2 + 4);  // header, rule, then hei, song, latin, kai
  // Noto Sans/Serif CJK SC are OpenType/CFF; Liberation Serif and LXGW WenKai are TrueType.
  const char* types[] = {"CID Type 0C", "CID Type 0C", "CID TrueType", "CID TrueType"};
  const char* names[] = {"+NotoSansCJKsc-Regular ", "+NotoSerifCJKsc-Regular ", "+LiberationSerif ",
                         "+LXGWWenKai-Regular "};
  for (std::size_t i = 2; i < rows.size(); ++i) {
    INFO(rows[i]);
    CHECK(rows[i].find(names[i - 2]) == 6);
    CHECK(rows[i].find(types[i - 2]) != std::string::npos);
    CHECK(rows[i].find("Identity-H") != std::string::npos);
    CHECK(rows[i].find("yes yes yes") != std::string::npos);
    CHECK(rows[i][6] == '+');  // subset tag
  }
}

TEST_CASE("pdftotext gives back exactly the strings, page by page", "[pdf]") {
  std::string path = write_form("text.pdf");
  auto page_text = [&](int n) {
    auto r = test::run_command("pdftotext -layout -f " + std::to_string(n) + " -l " + std::to_string(n) +
                               " '" + path + "' -");
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.err.empty());
    return test::strip_space(r.out);
  };
  CHECK(page_text(1) == "项目支出绩效自评表偏差原因分析及改进措施，。（）金额（元）870996.00项目名称");
  CHECK(page_text(2) == "（2024年度）单位：财政局自评得分92.50");
}

TEST_CASE("pdfinfo shows the Chinese title, two A4 pages and the given date", "[pdf]") {
  std::string path = write_form("info.pdf");
  auto r = test::run_command("pdfinfo -rawdates '" + path + "'");
  INFO(r.out << r.err);
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK(r.out.find("Title:           项目支出绩效自评表\n") != std::string::npos);
  CHECK(r.out.find("Author:          财政局\n") != std::string::npos);
  CHECK(r.out.find("Subject:         2024年度项目支出绩效自评\n") != std::string::npos);
  CHECK(r.out.find("Keywords:        绩效, 自评\n") != std::string::npos);
  CHECK(r.out.find("Creator:         jixiao\n") != std::string::npos);
  CHECK(r.out.find("Producer:        jixiao with libharu") != std::string::npos);
  CHECK(r.out.find("CreationDate:    D:20240315083000Z00'00'\n") != std::string::npos);
  CHECK(r.out.find("ModDate:         D:20240315083000Z00'00'\n") != std::string::npos);
  CHECK(r.out.find("Pages:           2\n") != std::string::npos);
  CHECK(r.out.find("Page size:       595.276 x 841.89 pts (A4)\n") != std::string::npos);
}

TEST_CASE("the same pages and metadata give the same bytes, another date other bytes", "[pdf]") {
  std::string a = pdf::write_pdf(form(), test::font_library(), metadata());
  std::string b = pdf::write_pdf(form(), test::font_library(), metadata());
  CHECK(a == b);
  auto meta = metadata();
  meta.object_streams = false;  // /Info and the trailer plainly readable
  a = pdf::write_pdf(form(), test::font_library(), meta);
  meta.date = kDate + 86400;
  std::string c = pdf::write_pdf(form(), test::font_library(), meta);
  CHECK(a != c);
  CHECK(c.find("D:20240316083000Z") != std::string::npos);
  // The /ID is a digest of the content, not random: present, and different for other content.
  CHECK(a.find("/ID [") != std::string::npos);
  auto id = [](const std::string& pdf) { return pdf.substr(pdf.find("/ID ["), 60); };
  CHECK(id(a) != id(c));
}

TEST_CASE("without a date the current time is used", "[pdf]") {
  auto meta = metadata();
  meta.date.reset();
  meta.object_streams = false;  // /Info plainly readable
  std::string bytes = pdf::write_pdf(form(), test::font_library(), meta);
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char year[16];
  std::snprintf(year, sizeof year, "D:%04d", tm.tm_year + 1900);
  CHECK(bytes.find(std::string("/CreationDate (") + year) != std::string::npos);
}
