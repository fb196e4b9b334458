#include "ofd/ofd.h"

#include <ctime>
#include <set>
#include <utility>
#include <vector>

#include "diag/diag.h"
#include "ofd/page.h"
#include "ofd/xml.h"
#include "ofd/zip.h"
#include "pdf/haru.h"
#include "pdf/usage.h"

namespace jixiao::ofd {

namespace {

std::string head(const char* root) {
  return std::string("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ofd:") + root + " xmlns:ofd=\"" + kNamespace + '"';
}

void element(std::string& out, const char* name, std::string_view utf8) {
  if (utf8.empty()) return;
  out += "<ofd:";
  out += name;
  out += '>';
  append_escaped(out, utf8);
  out += "</ofd:";
  out += name;
  out += '>';
}

// Every face subset once to the document's glyphs, its cmap kept for the characters the
// TextCodes hold (readers map them through it). IDs 1 … n.
std::vector<PackageFont> subset_fonts(const layout::LayoutResult& pages, const layout::FontLibrary& fonts,
                                      const pdf::DocumentUsage& usage) {
  std::vector<std::set<std::uint32_t>> codes(usage.faces().size());
  for (const layout::Page& page : pages.pages)
    for (const layout::GlyphRun& run : page.runs) {
      if (run.glyphs.empty()) continue;
      auto& mine = codes[static_cast<std::size_t>(usage.slot(run.font))];
      for (const Cluster& c : clusters(run))
        for (std::uint32_t k = 0; k < c.text_len; ++k) mine.insert(run.text[c.text_begin + k]);
    }
  std::vector<PackageFont> out;
  out.reserve(usage.faces().size());
  for (std::size_t i = 0; i < usage.faces().size(); ++i) {
    const layout::FontId id = usage.faces()[i].font();
    const std::vector<std::uint32_t> unicodes(codes[i].begin(), codes[i].end());
    try {
      // The whole face, not subset_face(): a CFF face's view for PDFs shows its CFF table alone.
      out.push_back({pdf::FontSubset(fonts.harfbuzz_face(id), fonts.harfbuzz_face(id), fonts.harfbuzz_font(id),
                                     usage.faces()[i].glyphs(), fonts.info(id).postscript_name, &unicodes),
                     static_cast<std::uint32_t>(i + 1)});
    } catch (const Failure& f) {
      throw Failure(pdf::font_failure(fonts.info(id), f.diagnostic()));
    }
  }
  return out;
}

std::string font_path(const PackageFont& f) {
  return "font_" + std::to_string(f.id) + (f.subset.outlines() == pdf::FontSubset::Outlines::Cff ? ".otf" : ".ttf");
}

// PublicRes.xml (section 7.9): the fonts, their files under Res/.
std::string public_res(const std::vector<PackageFont>& subsets, const pdf::DocumentUsage& usage,
                       const layout::FontLibrary& fonts) {
  std::string out = head("Res") + " BaseLoc=\"Res\"><ofd:Fonts>";
  for (std::size_t i = 0; i < subsets.size(); ++i) {
    const layout::FontInfo& info = fonts.info(usage.faces()[i].font());
    out += "<ofd:Font ID=\"" + std::to_string(subsets[i].id) + "\" FontName=\"";
    append_escaped(out, info.postscript_name);
    out += '"';
    if (!info.family_name.empty()) {
      out += " FamilyName=\"";
      append_escaped(out, info.family_name);
      out += '"';
    }
    if (!info.serif) out += " Serif=\"false\"";
    else out += " Serif=\"true\"";
    if (info.fixed_pitch) out += " FixedWidth=\"true\"";
    out += "><ofd:FontFile>" + font_path(subsets[i]) + "</ofd:FontFile></ofd:Font>";
  }
  out += "</ofd:Fonts></ofd:Res>\n";
  return out;
}

// Outlines (section 7.5): entries nest under the nearest earlier one of a lower level, as
// the PDF's bookmarks; each goes to the top of its block.
void outlines(std::string& out, const layout::LayoutResult& pages, const std::vector<std::uint32_t>& page_ids) {
  if (pages.outline.empty()) return;
  out += "<ofd:Outlines>";
  std::vector<int> open;
  for (const layout::OutlineEntry& e : pages.outline) {
    while (!open.empty() && open.back() >= e.level) {
      out += "</ofd:OutlineElem>";
      open.pop_back();
    }
    if (e.page >= page_ids.size())
      throw Failure({Severity::Error, "ofd.write", "", "", "an outline entry names page " + std::to_string(e.page + 1),
                     "a page of the document (1 to " + std::to_string(page_ids.size()) + ")", "", {}});
    out += "<ofd:OutlineElem Title=\"";
    append_escaped(out, e.title);
    out += "\"><ofd:Actions><ofd:Action Event=\"CLICK\"><ofd:Goto><ofd:Dest Type=\"XYZ\" PageID=\"" +
           std::to_string(page_ids[e.page]) + "\" Left=\"0\" Top=\"";
    append_mm(out, mm(e.y, "an outline position"));
    out += "\"/></ofd:Goto></ofd:Action></ofd:Actions>";
    open.push_back(e.level);
  }
  for (std::size_t i = 0; i < open.size(); ++i) out += "</ofd:OutlineElem>";
  out += "</ofd:Outlines>";
}

std::string date_text(std::int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
  return buf;
}

// OFD.xml (section 7.4): DocInfo and the one document's root.
std::string entry_file(const pdf::Metadata& meta, const std::string& doc_id, std::int64_t date) {
  std::string out = head("OFD") + " Version=\"1.0\" DocType=\"OFD\"><ofd:DocBody><ofd:DocInfo>";
  element(out, "DocID", doc_id);
  element(out, "Title", meta.title);
  element(out, "Author", meta.author);
  element(out, "Subject", meta.subject);
  element(out, "CreationDate", date_text(date));
  if (!meta.keywords.empty()) {
    out += "<ofd:Keywords>";
    element(out, "Keyword", meta.keywords);
    out += "</ofd:Keywords>";
  }
  element(out, "Creator", meta.creator);
  out += "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>\n";
  return out;
}

}  // namespace

std::string write_ofd(const layout::LayoutResult& pages, const layout::FontLibrary& fonts,
                      const pdf::Metadata& meta) {
  if (pages.pages.empty())
    throw Failure({Severity::Error, "ofd.write", "", "", "the layout has no pages to write", "at least one page",
                   "none", {}});
  const pdf::DocumentUsage usage = pdf::DocumentUsage::collect(pages, fonts);
  const std::vector<PackageFont> subsets = subset_fonts(pages, fonts, usage);

  // Parts after OFD.xml, in package order; the DocID is a digest of them and the metadata.
  std::vector<std::pair<std::string, std::string>> parts;
  std::uint32_t next_id = static_cast<std::uint32_t>(subsets.size()) + 1;
  std::vector<std::uint32_t> page_ids;
  for (std::size_t i = 0; i < pages.pages.size(); ++i) {
    page_ids.push_back(next_id++);
    parts.emplace_back("Doc_0/Pages/Page_" + std::to_string(i) + "/Content.xml",
                       page_content(pages.pages[i], fonts, usage, subsets, next_id));
  }
  std::string doc = head("Document") + "><ofd:CommonData><ofd:MaxUnitID>" + std::to_string(next_id - 1) +
                    "</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 ";
  append_mm(doc, mm(pages.pages.front().width, "a page width"));
  doc += ' ';
  append_mm(doc, mm(pages.pages.front().height, "a page height"));
  doc += "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData><ofd:Pages>";
  for (std::size_t i = 0; i < page_ids.size(); ++i)
    doc += "<ofd:Page ID=\"" + std::to_string(page_ids[i]) + "\" BaseLoc=\"Pages/Page_" + std::to_string(i) +
           "/Content.xml\"/>";
  doc += "</ofd:Pages>";
  outlines(doc, pages, page_ids);
  doc += "</ofd:Document>\n";
  parts.insert(parts.begin(), {"Doc_0/Document.xml", std::move(doc)});
  parts.insert(parts.begin() + 1, {"Doc_0/PublicRes.xml", public_res(subsets, usage, fonts)});
  for (const PackageFont& f : subsets) parts.emplace_back("Doc_0/Res/" + font_path(f), f.subset.font_file());

  const std::int64_t date = meta.date ? *meta.date : static_cast<std::int64_t>(std::time(nullptr));
  pdf::Digest digest;
  for (const std::string* s : {&meta.title, &meta.author, &meta.subject, &meta.keywords, &meta.creator}) {
    digest.add_u32(static_cast<std::uint32_t>(s->size()));
    digest.add(*s);
  }
  digest.add_u32(static_cast<std::uint32_t>(static_cast<std::uint64_t>(date) >> 32));
  digest.add_u32(static_cast<std::uint32_t>(date));
  for (const auto& [name, bytes] : parts) {
    digest.add(name);
    digest.add_u32(static_cast<std::uint32_t>(bytes.size()));
    digest.add(bytes);
  }
  unsigned char id[16];
  digest.finish(id);
  std::string doc_id;
  for (unsigned char b : id) {
    static const char hex[] = "0123456789abcdef";
    doc_id += hex[b >> 4];
    doc_id += hex[b & 15];
  }
  ZipWriter zip(date);
  zip.add("OFD.xml", entry_file(meta, doc_id, date));
  for (const auto& [name, bytes] : parts) zip.add(name, bytes);
  return zip.finish();
}

}  // namespace jixiao::ofd
