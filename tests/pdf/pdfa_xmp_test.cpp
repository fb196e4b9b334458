// The XMP packet of PDF/A-2b (engine/pdf/pdfa.cpp): escaped text, and an XMP twin only for
// the /Info entries written.
#include <catch2/catch.hpp>

#include "pdf/pdfa.h"

using namespace jixiao;

namespace {
bool has(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }
}  // namespace

TEST_CASE("pdfa xmp: text is escaped, absent entries have no twin, dates are /Info's instant", "[pdf][pdfa]") {
  pdf::InfoValues info;
  info.title = "A & <B> \"绩效\"";
  info.creator = "jixiao";
  info.producer = "jixiao with libharu 2.3.0";
  info.date = 1640937600;  // 2021-12-31T08:00:00Z
  const std::string x = pdf::xmp_packet(info);
  CHECK(x.rfind("<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>", 0) == 0);
  CHECK(has(x, "<rdf:li xml:lang=\"x-default\">A &amp; &lt;B&gt; &quot;绩效&quot;</rdf:li>"));
  CHECK(has(x, "<pdfaid:part>2</pdfaid:part>"));
  CHECK(has(x, "<pdfaid:conformance>B</pdfaid:conformance>"));
  CHECK(has(x, "<xmp:CreateDate>2021-12-31T08:00:00Z</xmp:CreateDate>"));
  CHECK(has(x, "<xmp:MetadataDate>2021-12-31T08:00:00Z</xmp:MetadataDate>"));
  CHECK(has(x, "<pdf:Producer>jixiao with libharu 2.3.0</pdf:Producer>"));
  for (const char* absent : {"dc:creator", "dc:description", "pdf:Keywords"}) CHECK_FALSE(has(x, absent));
  CHECK(x.size() > 20);
  CHECK(x.substr(x.size() - 19) == "<?xpacket end=\"w\"?>");
}
