#include "pdf/subset.h"

#include <hb-subset.h>
#include <hb.h>

#include <algorithm>
#include <cmath>
#include <memory>

#include "diag/diag.h"
#include "pdf/cff.h"

namespace jixiao::pdf {

namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Failure({Severity::Error, "pdf.write", "", "",
                 "cannot subset font " + name + ": " + what, "", "", {}});
}

constexpr hb_tag_t kCff = HB_TAG('C', 'F', 'F', ' ');

// Tables a CIDFontType2 program needs (PDF 32000 9.9): outlines, metrics, header. post and
// OS/2 are small and some rasterisers read them; name identifies the font in tools. cmap is
// not needed: CIDs are glyph ids. Everything else — layout (GSUB/GPOS/GDEF), hinting,
// embedded bitmaps, vertical metrics — is dropped. A CFF face keeps only its CFF table:
// that table alone is the /FontFile3 program, widths come from /W. A whole font file (OFD:
// readers map TextCode characters through its cmap) keeps cmap and the OpenType tables.
bool keep_table(hb_tag_t tag, bool cff, bool whole) {
  if (cff && !whole) return tag == kCff;
  if (whole && (tag == HB_TAG('c', 'm', 'a', 'p') || tag == kCff)) return true;
  static const hb_tag_t keep[] = {
      HB_TAG('g', 'l', 'y', 'f'), HB_TAG('l', 'o', 'c', 'a'), HB_TAG('h', 'e', 'a', 'd'),
      HB_TAG('h', 'h', 'e', 'a'), HB_TAG('h', 'm', 't', 'x'), HB_TAG('m', 'a', 'x', 'p'),
      HB_TAG('p', 'o', 's', 't'), HB_TAG('O', 'S', '/', '2'), HB_TAG('n', 'a', 'm', 'e')};
  return std::find(std::begin(keep), std::end(keep), tag) != std::end(keep);
}

bool has_table(hb_face_t* face, hb_tag_t tag) {
  hb_blob_t* blob = hb_face_reference_table(face, tag);
  bool has = hb_blob_get_length(blob) > 0;
  hb_blob_destroy(blob);
  return has;
}

struct InputDeleter {
  void operator()(hb_subset_input_t* p) const { hb_subset_input_destroy(p); }
};
struct PlanDeleter {
  void operator()(hb_subset_plan_t* p) const { hb_subset_plan_destroy(p); }
};
struct MapDeleter {
  void operator()(hb_map_t* p) const { hb_map_destroy(p); }
};
struct FaceDeleter {
  void operator()(hb_face_t* p) const { hb_face_destroy(p); }
};
struct BlobDeleter {
  void operator()(hb_blob_t* p) const { hb_blob_destroy(p); }
};

}  // namespace

// Advances in 1/1000 em are rounded to 1/8: exactly representable as the float libharu
// stores /W entries in, so /W carries no float noise and matches what positioning assumed.
double advance_per_mille(hb_font_t* font, std::uint32_t gid) {
  int x_scale = 0, y_scale = 0;
  hb_font_get_scale(font, &x_scale, &y_scale);
  double w = hb_font_get_glyph_h_advance(font, gid) * 1000.0 / (x_scale ? x_scale : 1000);
  return std::round(w * 8.0) / 8.0;
}

FontSubset::FontSubset(hb_face_t* face, hb_face_t* source, hb_font_t* font,
                       const std::vector<std::uint32_t>& glyphs, const std::string& name,
                       const std::vector<std::uint32_t>* unicodes) {
  if (has_table(face, HB_TAG('C', 'F', 'F', '2')))
    fail(name, "CFF2 (variable) outlines cannot be embedded; use a static OpenType/CFF or TrueType font");
  const bool cff = has_table(face, kCff);
  if (!cff && !has_table(face, HB_TAG('g', 'l', 'y', 'f'))) fail(name, "no glyf or CFF outlines");
  outlines_ = cff ? Outlines::Cff : Outlines::TrueType;
  std::unique_ptr<hb_subset_input_t, InputDeleter> input(hb_subset_input_create_or_fail());
  if (!input) fail(name, "out of memory");
  hb_set_t* gids = hb_subset_input_glyph_set(input.get());
  hb_set_add(gids, 0);
  for (std::uint32_t g : glyphs) hb_set_add(gids, g);
  // For a PDF the unicode set stays empty: no cmap-driven glyphs are pulled in.
  if (unicodes) {
    hb_set_t* codes = hb_subset_input_unicode_set(input.get());
    for (std::uint32_t u : *unicodes) hb_set_add(codes, u);
  }
  hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
  hb_set_clear(drop);
  hb_tag_t tags[64];
  for (unsigned start = 0;;) {
    unsigned count = 64;
    unsigned total = hb_face_get_table_tags(face, start, &count, tags);
    for (unsigned i = 0; i < count; ++i)
      if (!keep_table(tags[i], cff, unicodes != nullptr)) hb_set_add(drop, tags[i]);
    start += count;
    if (count == 0 || start >= total) break;
  }
  // A visible .notdef box beats an invisible gap where layout had no glyph. A CFF subset
  // that keeps subroutines keeps whole ones shared with unused glyphs; flattened, the
  // charstrings repeat, which Flate takes back: for Noto Serif CJK SC and 633 glyphs the
  // stream is 119 KB flattened against 136 KB with subroutines (HarfBuzz 6.0).
  unsigned flags = HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE;
  if (cff) flags |= HB_SUBSET_FLAGS_DESUBROUTINIZE;
  hb_subset_input_set_flags(input.get(), flags);

  std::unique_ptr<hb_subset_plan_t, PlanDeleter> plan(hb_subset_plan_create_or_fail(source, input.get()));
  if (!plan) fail(name, "HarfBuzz could not plan the subset");
  // Held here until the subset is whole: a constructor that throws runs no destructor.
  std::unique_ptr<hb_map_t, MapDeleter> old_to_new(
      hb_map_reference(const_cast<hb_map_t*>(hb_subset_plan_old_to_new_glyph_mapping(plan.get()))));
  const hb_map_t* new_to_old = hb_subset_plan_new_to_old_glyph_mapping(plan.get());
  std::unique_ptr<hb_face_t, FaceDeleter> result(hb_subset_plan_execute_or_fail(plan.get()));
  if (!result) fail(name, "HarfBuzz could not build the subset");
  // TrueType: the whole subset font is the /FontFile2 program; CFF: its bare CFF table.
  std::unique_ptr<hb_blob_t, BlobDeleter> blob(cff ? hb_face_reference_table(result.get(), kCff)
                                                   : hb_face_reference_blob(result.get()));
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob.get(), &length);
  if (!data || length == 0) fail(name, "HarfBuzz produced an empty font");
  program_.assign(data, length);
  if (unicodes) {
    std::unique_ptr<hb_blob_t, BlobDeleter> whole(hb_face_reference_blob(result.get()));
    const char* bytes = hb_blob_get_data(whole.get(), &length);
    if (!bytes || length == 0) fail(name, "HarfBuzz produced an empty font");
    font_file_.assign(bytes, length);
  }

  // Without HB_SUBSET_FLAGS_RETAIN_GIDS the new ids are dense: 0 … population-1.
  unsigned count = hb_map_get_population(new_to_old);
  if (count == 0 || count > 65536) fail(name, "unexpected glyph count " + std::to_string(count));
  widths_.resize(count);
  for (unsigned gid = 0; gid < count; ++gid) {
    hb_codepoint_t old = hb_map_get(new_to_old, gid);
    widths_[gid] = old == HB_MAP_VALUE_INVALID ? 0.0 : advance_per_mille(font, old);
  }
  if (!cff) {
    old_to_new_ = old_to_new.release();
    return;
  }
  CffCharset charset = read_cff_charset(program_, name);
  if (charset.cid.size() != count)
    fail(name, "the CFF subset has " + std::to_string(charset.cid.size()) + " glyphs, the plan " + std::to_string(count));
  cid_keyed_ = charset.cid_keyed;
  cids_ = std::move(charset.cid);
  old_to_new_ = old_to_new.release();
}

FontSubset::FontSubset(std::string program, const std::vector<std::uint32_t>& kept,
                       std::vector<std::uint16_t> cids, std::vector<double> widths, Outlines outlines)
    : outlines_(outlines),
      cid_keyed_(outlines == Outlines::Cff),
      program_(std::move(program)),
      widths_(std::move(widths)),
      cids_(std::move(cids)),
      old_to_new_(hb_map_create()) {
  for (std::size_t i = 0; i < kept.size(); ++i) hb_map_set(old_to_new_, kept[i], static_cast<hb_codepoint_t>(i));
}

FontSubset::~FontSubset() {
  if (old_to_new_) hb_map_destroy(old_to_new_);
}

FontSubset::FontSubset(FontSubset&& other) noexcept
    : outlines_(other.outlines_),
      cid_keyed_(other.cid_keyed_),
      program_(std::move(other.program_)),
      font_file_(std::move(other.font_file_)),
      widths_(std::move(other.widths_)),
      cids_(std::move(other.cids_)),
      old_to_new_(other.old_to_new_) {
  other.old_to_new_ = nullptr;
}

std::uint32_t FontSubset::new_gid(std::uint32_t original_gid) const {
  hb_codepoint_t g = hb_map_get(old_to_new_, original_gid);
  return g == HB_MAP_VALUE_INVALID || g >= widths_.size() ? 0 : g;
}

std::uint16_t FontSubset::cid(std::uint32_t original_gid) const {
  std::uint32_t g = new_gid(original_gid);
  return cids_.empty() ? static_cast<std::uint16_t>(g) : cids_[g];
}

}  // namespace jixiao::pdf
