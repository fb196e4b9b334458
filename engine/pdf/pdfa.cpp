#include "pdf/pdfa.h"

#include <cstdio>
#include <ctime>

namespace jixiao::pdf {

namespace {

std::string xml_escaped(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// "2021-12-31T08:00:00Z": the instant /Info's D:20211231080000Z00'00' names.
std::string xmp_date(std::int64_t epoch_seconds) {
  std::time_t t = static_cast<std::time_t>(epoch_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);  // set_info_dates has checked the range already
  char buf[64];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

std::string lang_alt(const char* name, std::string_view text) {
  return std::string("   <") + name + "><rdf:Alt><rdf:li xml:lang=\"x-default\">" + xml_escaped(text) +
         "</rdf:li></rdf:Alt></" + name + ">\n";
}

std::string simple(const char* name, std::string_view text) {
  return std::string("   <") + name + ">" + xml_escaped(text) + "</" + name + ">\n";
}

}  // namespace

std::string xmp_packet(const InfoValues& info, Claims claims) {
  const std::string date = xmp_date(info.date);
  std::string x =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
      "    xmlns:pdfuaid=\"http://www.aiim.org/pdfua/ns/id/\"\n"
      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  if (claims.pdfa2b) x += "   <pdfaid:part>2</pdfaid:part>\n   <pdfaid:conformance>B</pdfaid:conformance>\n";
  if (claims.pdfua1) x += "   <pdfuaid:part>1</pdfuaid:part>\n";
  // Each /Info entry written has its XMP twin; absent ones have none (PDF/A-2 6.6.2.3.1).
  if (!info.title.empty()) x += lang_alt("dc:title", info.title);
  if (!info.author.empty())
    x += "   <dc:creator><rdf:Seq><rdf:li>" + xml_escaped(info.author) + "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!info.subject.empty()) x += lang_alt("dc:description", info.subject);
  if (!info.keywords.empty()) x += simple("pdf:Keywords", info.keywords);
  if (!info.creator.empty()) x += simple("xmp:CreatorTool", info.creator);
  x += simple("pdf:Producer", info.producer);
  x += simple("xmp:CreateDate", date);
  x += simple("xmp:ModifyDate", date);
  x += simple("xmp:MetadataDate", date);
  x += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n";
  // Padding lets an editor rewrite the packet in place, as the XMP specification advises.
  x += std::string(20, ' ') + "\n<?xpacket end=\"w\"?>";
  return x;
}

void add_xmp(const HaruDoc& doc, const InfoValues& info, Claims claims) {
  const char* doing = "writing the XMP metadata";
  HPDF_Doc d = doc.get();
  d->pdf_version = HPDF_VER_17;
  // The XMP stays uncompressed so that tools without a Flate decoder can read it.
  HPDF_Dict xmp = doc.new_stream(xmp_packet(info, claims), false, doing);
  doc.check(HPDF_Dict_AddName(xmp, "Type", "Metadata"), doing);
  doc.check(HPDF_Dict_AddName(xmp, "Subtype", "XML"), doing);
  doc.check(HPDF_Dict_Add(d->catalog, "Metadata", xmp), doing);
}

void add_output_intent(const HaruDoc& doc, std::string_view icc) {
  const char* doing = "writing the PDF/A-2b output intent";
  HPDF_Doc d = doc.get();
  HPDF_MMgr mmgr = doc.mmgr();

  HPDF_Dict profile = doc.new_stream(icc, true, doing);
  doc.check(HPDF_Dict_AddNumber(profile, "N", 3), doing);
  HPDF_Dict intent = doc.made(HPDF_Dict_New(mmgr), doing);
  doc.check(HPDF_Dict_AddName(intent, "Type", "OutputIntent"), doing);
  doc.check(HPDF_Dict_AddName(intent, "S", "GTS_PDFA1"), doing);
  for (const char* key : {"OutputConditionIdentifier", "Info"})
    doc.check(HPDF_Dict_Add(intent, key, doc.made(HPDF_String_New(mmgr, "sRGB IEC61966-2.1", nullptr), doing)),
              doing);
  doc.check(HPDF_Dict_Add(intent, "RegistryName",
                          doc.made(HPDF_String_New(mmgr, "http://www.color.org", nullptr), doing)),
            doing);
  doc.check(HPDF_Dict_Add(intent, "DestOutputProfile", profile), doing);
  HPDF_Array intents = doc.made(HPDF_Array_New(mmgr), doing);
  doc.check(HPDF_Array_Add(intents, intent), doing);
  doc.check(HPDF_Dict_Add(d->catalog, "OutputIntents", intents), doing);
}

}  // namespace jixiao::pdf
