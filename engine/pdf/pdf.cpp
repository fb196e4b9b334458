#include "pdf/pdf.h"

#include <bit>
#include <ctime>
#include <stdexcept>
#include <vector>

#include "diag/limits.h"

#include "pdf/content.h"
#include "pdf/font.h"
#include "pdf/haru.h"
#include "pdf/numbers.h"
#include "pdf/objstm.h"
#include "pdf/outline.h"
#include "pdf/pdfa.h"
#include "pdf/tags.h"
#include "pdf/usage.h"

namespace jixiao::pdf {

namespace {

void add_float(Digest& d, float v) { d.add_u32(std::bit_cast<std::uint32_t>(v)); }

// Table borders. Consecutive rules of one width share a path and a stroke; projecting
// square caps (2 J) close the corners where borders meet. Written here rather than through
// libharu's path calls so the page's whole content goes out as one compressed stream.
void draw_rules(std::string& ops, const layout::Page& p, Digest& digest, bool tagged) {
  if (p.rules.empty()) return;
  if (tagged) ops += Tags::kLayoutArtifact;
  ops += "2 J\n";
  float width = -1;
  bool open = false;
  const auto point = [&](double x, double y, const char* op) {
    append_number(ops, checked(x, "a rule position"));
    ops += ' ';
    append_number(ops, checked(y, "a rule position"));
    ops += op;
  };
  for (const layout::Rule& r : p.rules) {
    if (r.width != width) {
      if (open) ops += "S\n";
      open = false;
      width = r.width;
      append_number(ops, checked(width, "a rule width"));
      ops += " w\n";
    }
    point(r.x1, p.height - r.y1, " m\n");
    point(r.x2, p.height - r.y2, " l\n");
    open = true;
    for (float v : {r.x1, r.y1, r.x2, r.y2, r.width}) add_float(digest, v);
  }
  if (open) ops += "S\n";
  if (tagged) ops += "EMC\n";
}

// The debug overlay, over everything else and in its own graphics state.
void draw_overlay(std::string& ops, const layout::Page& p, bool tagged) {
  if (p.overlay.empty()) return;
  if (tagged) ops += Tags::kLayoutArtifact;
  ops += "q\n0 J\n";
  const auto put = [&](double v) {
    append_number(ops, checked(v, "an overlay position"));
    ops += ' ';
  };
  for (const layout::Mark& m : p.overlay) {
    append_rgb(ops, m.rgb);
    ops += m.kind == layout::Mark::Kind::Fill ? " rg\n" : " RG\n";
    put(m.width);
    ops += "w\n";
    if (m.kind == layout::Mark::Kind::Line) {
      put(m.x);
      put(p.height - m.y);
      ops += "m ";
      put(m.x + m.w);
      put(p.height - (m.y + m.h));
      ops += "l S\n";
    } else {
      put(m.x);
      put(p.height - (m.y + m.h));
      put(m.w);
      put(m.h);
      ops += m.kind == layout::Mark::Kind::Fill ? "re f\n" : "re S\n";
    }
  }
  ops += "Q\n";
  if (tagged) ops += "EMC\n";
}

// /Resources /Font of a page: only the fonts it shows, named /F<n> as numbered for the
// whole document (n = 1 + the face's index in DocumentUsage).
void add_font_resources(const HaruDoc& doc, HPDF_Page page, const std::vector<bool>& used,
                        const std::vector<EmbeddedFont>& fonts) {
  const char* doing = "adding page resources";
  HPDF_Dict resources = doc.made(
      static_cast<HPDF_Dict>(HPDF_Dict_GetItem(page, "Resources", HPDF_OCLASS_DICT)), doing);
  HPDF_Dict dict = nullptr;
  for (std::size_t i = 0; i < used.size(); ++i) {
    if (!used[i]) continue;
    if (!dict) {
      dict = doc.made(HPDF_Dict_New(doc.mmgr()), doing);
      doc.check(HPDF_Dict_Add(resources, "Font", dict), doing);
    }
    std::string name = "F" + std::to_string(i + 1);
    doc.check(HPDF_Dict_Add(dict, name.c_str(), fonts[i].dict()), doing);
  }
}

// The order runs are shown in: layout's, except that the page's artifacts (page number,
// header rows and labels repeated on a continued page) come after its first element. A cell
// split across a page break then extracts whole: its second half directly follows its first,
// which ended the previous page.
std::vector<std::size_t> reading_order(const std::vector<layout::GlyphRun>& runs) {
  std::vector<std::size_t> order, artifacts;
  order.reserve(runs.size());
  std::size_t i = 0;
  for (; i < runs.size() && runs[i].tag == layout::kArtifact; ++i) artifacts.push_back(i);
  const std::uint32_t first = i < runs.size() ? runs[i].tag : layout::kArtifact;
  for (; i < runs.size() && (runs[i].tag == first || runs[i].tag == layout::kArtifact); ++i)
    (runs[i].tag == first ? order : artifacts).push_back(i);
  for (std::size_t k = i; k < runs.size(); ++k)
    if (runs[k].tag == layout::kArtifact) artifacts.push_back(k);
  order.insert(order.end(), artifacts.begin(), artifacts.end());
  for (; i < runs.size(); ++i)
    if (runs[i].tag != layout::kArtifact) order.push_back(i);
  return order;
}

HPDF_Page write_page(const HaruDoc& doc, const layout::Page& p, const DocumentUsage& usage,
                     const std::vector<EmbeddedFont>& fonts, Digest& digest, Tags* tags, std::size_t index) {
  for (float v : {p.width, p.height})
    if (!(v >= 3 && v <= limits::kLengthPoints)) out_of_range("a page size", v, "3 to 14400 pt (libharu's limits)");
  HPDF_Page page = doc.made(HPDF_AddPage(doc.get()), "adding a page");
  doc.check(HPDF_Page_SetWidth(page, p.width), "setting the page size");
  doc.check(HPDF_Page_SetHeight(page, p.height), "setting the page size");
  add_float(digest, p.width);
  add_float(digest, p.height);
  std::string ops;
  draw_rules(ops, p, digest, tags != nullptr);

  TextWriter text(p.height, tags, index);
  std::vector<bool> used(fonts.size(), false);
  for (std::size_t i : reading_order(p.runs)) {
    const layout::GlyphRun& run = p.runs[i];
    if (run.glyphs.empty()) continue;
    const auto slot = static_cast<std::size_t>(usage.slot(run.font));
    used[slot] = true;
    text.add(run, static_cast<int>(slot) + 1, fonts[slot].subset(),
             i < p.run_colors.size() ? p.run_colors[i] : 0);
  }
  ops += text.finish();
  draw_overlay(ops, p, tags != nullptr);
  digest.add(ops);
  auto* attr = static_cast<HPDF_PageAttr>(page->attr);
  doc.write_compressed(attr->contents, ops, "writing a page");
  attr->stream = attr->contents->stream;  // the page's stream was replaced: never a freed one
  add_font_resources(doc, page, used, fonts);
  return page;
}

// value, cut to limits::kPdfInfoChars code points at a character boundary.
std::string_view info_text(const char* key, const std::string& value, DiagnosticSink* sink) {
  std::size_t chars = 0, i = 0;
  for (; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) == 0x80) continue;
    if (chars++ == limits::kPdfInfoChars) break;
  }
  if (i == value.size()) return value;
  if (sink)
    sink->warning("pdf.metadata-cut", "", "",
                  std::string("the document's /") + key + " is cut to its first " +
                      std::to_string(limits::kPdfInfoChars) +
                      " characters in the PDF's properties (the pages show it whole)");
  return std::string_view(value).substr(0, i);
}

// Returns what /Info says, for the XMP of PDF/A to repeat.
InfoValues write_info(const HaruDoc& doc, const Metadata& meta, std::int64_t date, Digest& digest,
                      DiagnosticSink* sink, const std::string& producer) {
  InfoValues out;
  out.date = date;
  const std::pair<const char*, const std::string*> texts[] = {
      {"Title", &meta.title},       {"Author", &meta.author},   {"Subject", &meta.subject},
      {"Keywords", &meta.keywords}, {"Creator", &meta.creator}, {"Producer", &producer}};
  std::string_view* written[] = {&out.title, &out.author, &out.subject, &out.keywords, &out.creator, &out.producer};
  for (std::size_t i = 0; i < std::size(texts); ++i) {
    const auto& [key, whole] = texts[i];
    const std::string_view value = info_text(key, *whole, sink);
    *written[i] = value;
    digest.add(key);
    digest.add_u32(static_cast<std::uint32_t>(value.size()));
    digest.add(value);
    if (!value.empty()) doc.set_info_text(key, value);
  }
  digest.add_u32(static_cast<std::uint32_t>(static_cast<std::uint64_t>(date) >> 32));
  digest.add_u32(static_cast<std::uint32_t>(date));
  doc.set_info_dates(date);
  return out;
}

}  // namespace

std::string write_pdf(const layout::LayoutResult& pages, const layout::FontLibrary& fonts,
                      const Metadata& meta, DiagnosticSink* sink, SubsetCache* subsets) {
  if (subsets && !subsets->serves(fonts))
    throw std::invalid_argument("write_pdf: a subset cache made for another font library");
  if (pages.pages.empty())
    throw Failure({Severity::Error, "pdf.write", "", "", "the layout has no pages to write",
                   "at least one page", "none", {}});
  // Pass 1: every face is subset once, to the glyphs of the whole document.
  const DocumentUsage usage = DocumentUsage::collect(pages, fonts);

  HaruDoc doc;  // compresses every stream itself (HaruDoc::write_compressed)
  // /ID: libharu writes none for unencrypted files; ours is a digest of the content, so
  // identical input gives identical bytes and different documents different IDs.
  Digest digest;
  std::vector<EmbeddedFont> embedded;
  embedded.reserve(usage.faces().size());
  for (const FaceUsage& face : usage.faces()) embedded.emplace_back(doc, face, fonts, subsets, digest);

  std::vector<HPDF_Page> written;
  written.reserve(pages.pages.size());
  std::optional<Tags> tags;
  if (meta.tagged) tags.emplace(pages);
  Tags* tagging = tags ? &*tags : nullptr;
  for (std::size_t i = 0; i < pages.pages.size(); ++i)
    written.push_back(write_page(doc, pages.pages[i], usage, embedded, digest, tagging, i));
  add_outline(doc, pages, written, digest);
  if (tags) {
    tags->write(doc, written, meta.lang, digest);
    doc.get()->pdf_version = HPDF_VER_17;  // /MarkInfo and /Lang are 1.4, /ActualText and /Tabs 1.5
  }

  const std::string producer = std::string("jixiao with libharu ") + HPDF_GetVersion();
  const InfoValues info = write_info(
      doc, meta, meta.date ? *meta.date : static_cast<std::int64_t>(std::time(nullptr)), digest, sink, producer);
  if (!meta.pdfa_icc_profile.empty() || meta.pdfua) {
    add_xmp(doc, info, {!meta.pdfa_icc_profile.empty(), meta.pdfua});
    digest.add(meta.pdfua ? "PDF/UA-1" : "");  // only then: plain PDFs keep their /ID
  }
  if (!meta.pdfa_icc_profile.empty()) {
    add_output_intent(doc, meta.pdfa_icc_profile);
    digest.add("PDF/A-2b");
    digest.add(meta.pdfa_icc_profile);
  }
  unsigned char id[16];
  digest.finish(id);
  doc.set_id(id);
  // The dictionaries (fonts', pages', a tagged PDF's hundreds of structure elements) compressed
  // together in object streams cost a tenth of their plain size (docs/pdf.md).
  if (!meta.object_streams) return doc.save();
  return pack_objects(doc.save(), [&doc](std::string_view b) { return doc.deflate(b); });
}

}  // namespace jixiao::pdf
