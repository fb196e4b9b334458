#include "pdf/font.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "pdf/tounicode.h"

namespace jixiao::pdf {

namespace {

// PDF names are at most 127 bytes; PostScript names are plain ASCII without delimiters, but
// FontLibrary falls back to the file name, which may be anything.
std::string clean_ps_name(const std::string& ps) {
  std::string out;
  for (char c : ps) {
    bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-' || c == '_' || c == '.';
    out += ok ? c : '-';
    if (out.size() == 100) break;
  }
  return out.empty() ? "Font" : out;
}

// Subset fonts are named "TAG+Name" with a six-letter tag (PDF 32000 9.6.4). Derived from the
// glyph set so the same document always gets the same name, and different subsets of one
// face in different files do not clash in a merged document.
std::string subset_tag(const std::string& ps, const std::vector<std::uint32_t>& glyphs) {
  // MD5 (libharu's), as since the first release: the tags of the same glyph sets stay.
  HPDF_MD5_CTX md5;
  HPDF_MD5Init(&md5);
  HPDF_MD5Update(&md5, reinterpret_cast<const HPDF_BYTE*>(ps.data()), static_cast<HPDF_UINT32>(ps.size()));
  for (std::uint32_t g : glyphs) {
    const HPDF_BYTE b[4] = {static_cast<HPDF_BYTE>(g >> 24), static_cast<HPDF_BYTE>(g >> 16),
                            static_cast<HPDF_BYTE>(g >> 8), static_cast<HPDF_BYTE>(g)};
    HPDF_MD5Update(&md5, b, 4);
  }
  unsigned char md[16];
  HPDF_MD5Final(md, &md5);
  std::string tag(6, 'A');
  for (int i = 0; i < 6; ++i) tag[static_cast<std::size_t>(i)] = static_cast<char>('A' + md[i] % 26);
  return tag;
}

int per_mille(int font_units, int units_per_em) {
  return static_cast<int>(std::lround(font_units * 1000.0 / (units_per_em > 0 ? units_per_em : 1000)));
}

void add_width(const HaruDoc& doc, HPDF_Array array, double w) {
  // Whole widths as integers; the rest are multiples of 1/8, exact as libharu's float.
  if (w == std::floor(w))
    doc.check(HPDF_Array_AddNumber(array, static_cast<HPDF_INT32>(w)), "writing /W");
  else
    doc.check(HPDF_Array_AddReal(array, static_cast<HPDF_REAL>(w)), "writing /W");
}

// The face subset to the document's glyphs, from subsets when an earlier document made it.
std::shared_ptr<const PreparedFont> prepare(const HaruDoc& doc, const FaceUsage& usage,
                                            const layout::FontLibrary& fonts, SubsetCache* subsets) {
  const layout::FontId id = usage.font();
  std::string key;
  key.reserve(usage.glyphs().size() * 4);
  for (std::uint32_t g : usage.glyphs())
    for (int shift : {24, 16, 8, 0}) key += static_cast<char>(g >> shift);
  if (subsets)
    if (auto kept = subsets->find(id, key)) return kept;
  const std::string& ps = fonts.info(id).postscript_name;
  std::shared_ptr<PreparedFont> made;
  try {
    // CID-keyed CFF and TrueType faces are written by us from glyphs kept in subsets (else
    // for this document only); the same bytes either way. Other faces: hb-subset.
    hb_face_t* face = fonts.harfbuzz_face(id);
    hb_font_t* font = fonts.harfbuzz_font(id);
    std::shared_ptr<CffGlyphs> cff = subsets ? subsets->cff_glyphs(id, ps) : CffGlyphs::of(fonts, id, ps);
    std::shared_ptr<TrueTypeGlyphs> truetype;
    if (!cff)
      truetype = subsets ? subsets->truetype_glyphs(id, ps) : TrueTypeGlyphs::of(face, fonts.subset_face(id), font, ps);
    made = std::make_shared<PreparedFont>(PreparedFont{
        cff ? cff->subset(fonts, id, usage.glyphs(), ps)
        : truetype ? truetype->subset(font, usage.glyphs(), ps)
                   : FontSubset(face, fonts.subset_face(id), font, usage.glyphs(), ps),
        {}, {}});
  } catch (const Failure& f) {
    throw Failure(font_failure(fonts.info(id), f.diagnostic()));
  }
  made->deflated = doc.deflate(made->subset.program());
  Digest program;
  program.add(made->subset.program());
  program.finish(made->fingerprint);
  if (subsets) subsets->keep(id, key, made);
  return made;
}

}  // namespace

EmbeddedFont::EmbeddedFont(const HaruDoc& doc, const FaceUsage& usage,
                           const layout::FontLibrary& fonts, SubsetCache* subsets, Digest& digest)
    : prepared_(prepare(doc, usage, fonts, subsets)) {
  const layout::FontInfo& info = fonts.info(usage.font());
  std::string ps = clean_ps_name(info.postscript_name);
  name_ = subset_tag(ps, usage.glyphs()) + "+" + ps;
  digest.add(name_);
  digest.add(std::string_view(reinterpret_cast<const char*>(prepared_->fingerprint), sizeof prepared_->fingerprint));

  HPDF_Dict cid = cid_font(doc, usage, descriptor(doc, info));
  type0_ = doc.new_indirect_dict("making a Type0 font");
  doc.check(HPDF_Dict_AddName(type0_, "Type", "Font"), "making a Type0 font");
  doc.check(HPDF_Dict_AddName(type0_, "Subtype", "Type0"), "making a Type0 font");
  doc.check(HPDF_Dict_AddName(type0_, "BaseFont", name_.c_str()), "making a Type0 font");
  doc.check(HPDF_Dict_AddName(type0_, "Encoding", "Identity-H"), "making a Type0 font");
  HPDF_Array descendants = doc.made(HPDF_Array_New(doc.mmgr()), "making a Type0 font");
  doc.check(HPDF_Dict_Add(type0_, "DescendantFonts", descendants), "making a Type0 font");
  doc.check(HPDF_Array_Add(descendants, cid), "making a Type0 font");
  doc.check(HPDF_Dict_Add(type0_, "ToUnicode", to_unicode(doc, usage)), "making a ToUnicode CMap");
}

HPDF_Dict EmbeddedFont::descriptor(const HaruDoc& doc, const layout::FontInfo& info) const {
  const char* doing = "making a font descriptor";
  const FontSubset& subset = prepared_->subset;
  const bool cff = subset.outlines() == FontSubset::Outlines::Cff;
  HPDF_Dict file = doc.new_deflated_stream(prepared_->deflated, "embedding a font program");
  if (cff)  // a bare CFF program (PDF 32000 Table 126), CID-keyed or not
    doc.check(HPDF_Dict_AddName(file, "Subtype", "CIDFontType0C"), "embedding a font program");
  else
    doc.check(HPDF_Dict_AddNumber(file, "Length1", static_cast<HPDF_INT32>(subset.program().size())),
              "embedding a font program");

  HPDF_Dict d = doc.new_indirect_dict(doing);
  const int upem = info.units_per_em;
  // Symbolic: the glyphs are addressed by CID, not through a standard Latin character set.
  int flags = 4 | (info.serif ? 2 : 0) | (info.fixed_pitch ? 1 : 0);
  HPDF_Array bbox = doc.made(HPDF_Array_New(doc.mmgr()), doing);
  doc.check(HPDF_Dict_AddName(d, "Type", "FontDescriptor"), doing);
  doc.check(HPDF_Dict_AddName(d, "FontName", name_.c_str()), doing);
  doc.check(HPDF_Dict_AddNumber(d, "Flags", flags), doing);
  doc.check(HPDF_Dict_Add(d, "FontBBox", bbox), doing);
  for (int v : info.bbox) doc.check(HPDF_Array_AddNumber(bbox, per_mille(v, upem)), doing);
  doc.check(HPDF_Dict_AddReal(d, "ItalicAngle", static_cast<HPDF_REAL>(info.italic_angle)), doing);
  doc.check(HPDF_Dict_AddNumber(d, "Ascent", per_mille(info.ascender, upem)), doing);
  doc.check(HPDF_Dict_AddNumber(d, "Descent", per_mille(info.descender, upem)), doing);
  doc.check(HPDF_Dict_AddNumber(d, "CapHeight", per_mille(info.cap_height, upem)), doing);
  // No font carries StemV; 80 is the customary stand-in for a regular weight.
  doc.check(HPDF_Dict_AddNumber(d, "StemV", 80), doing);
  doc.check(HPDF_Dict_Add(d, cff ? "FontFile3" : "FontFile2", file), doing);
  return d;
}

HPDF_Dict EmbeddedFont::cid_font(const HaruDoc& doc, const FaceUsage& usage,
                                 HPDF_Dict descriptor) const {
  const FontSubset& subset = prepared_->subset;
  const bool truetype = subset.outlines() == FontSubset::Outlines::TrueType;
  const char* doing = truetype ? "making a CIDFontType2 font" : "making a CIDFontType0 font";
  HPDF_Dict f = doc.new_indirect_dict(doing);
  doc.check(HPDF_Dict_AddName(f, "Type", "Font"), doing);
  doc.check(HPDF_Dict_AddName(f, "Subtype", truetype ? "CIDFontType2" : "CIDFontType0"), doing);
  doc.check(HPDF_Dict_AddName(f, "BaseFont", name_.c_str()), doing);
  HPDF_Dict system = doc.made(HPDF_Dict_New(doc.mmgr()), doing);
  doc.check(HPDF_Dict_Add(f, "CIDSystemInfo", system), doing);
  doc.check(HPDF_Dict_Add(system, "Registry", doc.made(HPDF_String_New(doc.mmgr(), "Adobe", nullptr), doing)), doing);
  doc.check(HPDF_Dict_Add(system, "Ordering", doc.made(HPDF_String_New(doc.mmgr(), "Identity", nullptr), doing)), doing);
  doc.check(HPDF_Dict_AddNumber(system, "Supplement", 0), doing);
  doc.check(HPDF_Dict_Add(f, "FontDescriptor", descriptor), doing);

  // The CIDs shown, ascending; /DW is their most common width so /W lists only the others
  // (for CJK faces nearly every glyph is 1000 wide and /W stays short).
  // (CID, width) of the glyphs shown, ascending and unique by CID.
  std::vector<std::pair<std::uint16_t, double>> cids;
  cids.reserve(usage.glyphs().size());
  for (std::uint32_t g : usage.glyphs()) cids.emplace_back(subset.cid(g), subset.width(g));
  std::sort(cids.begin(), cids.end());
  cids.erase(std::unique(cids.begin(), cids.end(),
                         [](const auto& a, const auto& b) { return a.first == b.first; }),
             cids.end());
  std::map<double, int> counts;
  for (const auto& c : cids) ++counts[c.second];
  double dw = 1000;
  int best = 0;
  for (const auto& [w, n] : counts)
    if (n > best) best = n, dw = w;
  if (dw == std::floor(dw))
    doc.check(HPDF_Dict_AddNumber(f, "DW", static_cast<HPDF_INT32>(dw)), doing);
  else
    doc.check(HPDF_Dict_AddReal(f, "DW", static_cast<HPDF_REAL>(dw)), doing);

  if (!std::all_of(cids.begin(), cids.end(), [&](const auto& c) { return c.second == dw; })) {
    HPDF_Array w = doc.made(HPDF_Array_New(doc.mmgr()), doing);
    doc.check(HPDF_Dict_Add(f, "W", w), doing);
    HPDF_Array group = nullptr;  // the [w1 w2 …] after a first CID, while CIDs stay consecutive
    int last = -2;
    for (const auto& [c, width] : cids) {
      if (width == dw) {
        group = nullptr;
        continue;
      }
      if (!group || c != last + 1) {
        doc.check(HPDF_Array_AddNumber(w, c), doing);
        group = doc.made(HPDF_Array_New(doc.mmgr()), doing);
        doc.check(HPDF_Array_Add(w, group), doing);
      }
      add_width(doc, group, width);
      last = c;
    }
  }
  // CIDFontType0 finds glyphs through the CFF charset; only a TrueType program needs a map.
  if (truetype) doc.check(HPDF_Dict_AddName(f, "CIDToGIDMap", "Identity"), doing);
  return f;
}

HPDF_Dict EmbeddedFont::to_unicode(const HaruDoc& doc, const FaceUsage& usage) const {
  std::vector<CidText> entries;
  entries.reserve(usage.glyphs().size());
  for (std::size_t i = 0; i < usage.glyphs().size(); ++i)
    entries.push_back({prepared_->subset.cid(usage.glyphs()[i]), usage.text(i)});
  std::sort(entries.begin(), entries.end(),
            [](const CidText& a, const CidText& b) { return a.cid < b.cid; });
  return doc.new_stream(to_unicode_cmap(entries), true, "making a ToUnicode CMap");
}

}  // namespace jixiao::pdf
