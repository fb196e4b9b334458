// Font library: the families of the font manifest (fonts/fonts.json) loaded once per process
// with HarfBuzz (tables, metrics, shaping; FreeType only says why a file will not do). Library types stay in fonts.cpp.
// It holds faces only; what the stages derive from them and keep between documents is in
// their own caches (layout::ShapeCache, pdf::SubsetCache), held beside the library.
#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "diag/diag.h"

struct hb_face_t;  // HarfBuzz face, opaque here
struct hb_font_t;

namespace jixiao::layout {

// Facts about one loaded face that the PDF stage needs to embed it.
struct FontInfo {
  std::string file;             // path of the font file
  int index = 0;                // face index inside a TTC
  std::string manifest;         // the font manifest naming it (fonts/fonts.json) …
  std::string entry;            // … and the entry there, "/families/song/regular", for messages
  std::string postscript_name;  // e.g. "NotoSerifCJKsc-Regular" (no spaces)
  std::string family_name;      // e.g. "Noto Serif CJK SC": what readers drawing with system fonts look up
  int units_per_em = 1000;
  int ascender = 0;             // font units
  int descender = 0;            // font units, negative
  int cap_height = 0;
  int bbox[4] = {0, 0, 0, 0};   // xMin yMin xMax yMax, font units
  double italic_angle = 0;
  bool fixed_pitch = false;
  bool serif = true;
};

using FontId = int;  // index into FontLibrary; stable for the library's lifetime

class FontLibrary {
 public:
  // Reads the manifest (see docs/fonts.md) and opens every face it names. Problems (missing
  // file, bad index, unknown fallback family) are reported to sink with the manifest's name.
  // extra_dirs: user font directories searched for files the manifest names by file name.
  static std::unique_ptr<FontLibrary> load(const std::string& manifest_path,
                                           const std::vector<std::string>& extra_dirs,
                                           DiagnosticSink& sink);
  ~FontLibrary();
  FontLibrary(const FontLibrary&) = delete;
  FontLibrary& operator=(const FontLibrary&) = delete;

  std::size_t face_count() const;
  const FontInfo& info(FontId id) const;

  // The face for a family and weight; -1 when the family is unknown.
  FontId face_for(const std::string& family, bool bold) const;
  // The face for Latin text of that family (the manifest's "latin" face), or -1.
  FontId latin_face_for(const std::string& family, bool bold) const;
  // Faces tried in order when a face lacks a character.
  const std::vector<FontId>& fallback() const;
  // Glyph of a code point in a face, 0 when the face lacks it.
  std::uint32_t glyph(FontId id, char32_t cp) const;
  // Family names of the manifest, sorted.
  std::vector<std::string> families() const;

  // HarfBuzz objects for shaping (scale = units per em) and subsetting; owned by the library.
  hb_face_t* harfbuzz_face(FontId id) const;
  hb_font_t* harfbuzz_font(FontId id) const;
  // The face to subset for a document. Preparing a TrueType face for repeated subsetting
  // (hb_subset_preprocess) makes each later subset ~5 ms cheaper but costs ~400 ms and
  // ~70 MiB for a CJK font, so it is done only once a face has been subset often in this
  // process (bulk runs); one-off renders subset the plain face. A CFF face is subset from a
  // view showing only its CFF table (see fonts.cpp). All give the same bytes.
  hb_face_t* subset_face(FontId id) const;

 private:
  struct Impl;
  FontLibrary();
  std::unique_ptr<Impl> impl_;
};

}  // namespace jixiao::layout
