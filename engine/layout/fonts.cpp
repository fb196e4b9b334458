#include "layout/fonts.h"

#include "layout/face_info.h"

#include "diag/json.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include <hb.h>
#include <hb-subset.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

namespace jixiao::layout {

namespace fs = std::filesystem;

struct Face {
  FontInfo info;
  hb_face_t* hb_face = nullptr;
  hb_font_t* hb_font = nullptr;
  hb_face_t* subset_face = nullptr;  // see FontLibrary::subset_face
  int subsets = 0;
};

struct FamilyFaces {
  FontId regular = -1;
  FontId bold = -1;
  std::string latin;  // family used for Latin text, or empty
};

struct FontLibrary::Impl {
  FT_Library ft = nullptr;
  std::mutex subset_mutex;  // guards Face::subset_face and Face::subsets
  std::vector<Face> faces;
  std::map<std::string, FamilyFaces> families;
  std::vector<FontId> fallback;
  // Same file and index share one face.
  std::map<std::pair<std::string, int>, FontId> by_file;

  // Why FreeType refused: not a font at all, or a face index the file does not have.
  std::string open_error(const std::string& path, int index, std::string& field) {
    FT_Face probe = nullptr;
    if (FT_New_Face(ft, path.c_str(), -1, &probe) != 0)
      return "FreeType cannot read this file as a font (damaged, truncated or another format)";
    long faces = probe->num_faces;
    FT_Done_Face(probe);
    if (index >= faces) {
      field = "index";
      return "the file has " + std::to_string(faces) + " face" + (faces == 1 ? "" : "s") + ", there is no index " +
             std::to_string(index);
    }
    return "FreeType cannot open face " + std::to_string(index) + " of this file (damaged or truncated)";
  }

  // A face PDF embedding cannot use: no glyphs, no outlines, variable CFF2; "" when usable.
  static std::string outline_problem(hb_face_t* hb) {
    auto length = [&](hb_tag_t tag) {
      hb_blob_t* blob = hb_face_reference_table(hb, tag);
      unsigned n = hb_blob_get_length(blob);
      hb_blob_destroy(blob);
      return n;
    };
    if (hb_face_get_glyph_count(hb) == 0) return "the face has no glyphs (damaged file?)";
    if (length(HB_TAG('C', 'F', 'F', '2')))
      return "CFF2 (variable) outlines cannot be embedded; use a static OpenType/CFF or TrueType font";
    if (length(HB_TAG('C', 'F', 'F', ' '))) return "";
    if (!length(HB_TAG('g', 'l', 'y', 'f')) || !length(HB_TAG('l', 'o', 'c', 'a')))
      return "no glyf/loca or CFF outlines (damaged file?)";
    return "";
  }

  // A table of the face's directory that runs past the end of the file (a file cut short,
  // which FreeType opens lazily and HarfBuzz subsets into garbage); "" when none.
  static std::string cut_table(hb_blob_t* blob, int index) {
    unsigned size = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(hb_blob_get_data(blob, &size));
    auto u32 = [&](std::size_t at) -> std::uint64_t {
      if (!b || at + 4 > size) return ~std::uint64_t{0};
      return std::uint64_t{b[at]} << 24 | b[at + 1] << 16 | b[at + 2] << 8 | b[at + 3];
    };
    std::uint64_t dir = 0;
    if (u32(0) == 0x74746366)  // 'ttcf': the face's own directory
      dir = u32(12 + 4 * static_cast<std::size_t>(index));
    std::uint64_t tables = u32(dir + 4) >> 16;
    if (dir + 12 + 16 * tables > size) return "the table directory is cut short (truncated file?)";
    for (std::uint64_t i = 0; i < tables; ++i) {
      std::size_t record = static_cast<std::size_t>(dir + 12 + 16 * i);
      if (u32(record + 8) + u32(record + 12) <= size) continue;
      std::string tag;
      for (std::size_t k = 0; k < 4; ++k) tag += b[record + k] >= 0x20 && b[record + k] < 0x7F ? static_cast<char>(b[record + k]) : '?';
      return "table '" + tag + "' runs past the end of the file (truncated file?)";
    }
    return "";
  }

  ~Impl() {
    for (auto& f : faces) {
      if (f.hb_font) hb_font_destroy(f.hb_font);
      if (f.subset_face) hb_face_destroy(f.subset_face);
      if (f.hb_face) hb_face_destroy(f.hb_face);
    }
    if (ft) FT_Done_FreeType(ft);
  }

  // Why FreeType would not open face index of path either: its diagnosis of a file that is
  // not a font, a missing index, a bitmap or Type 1 font; field as for open().
  std::string why_not(const std::string& path, int index, std::string& field) {
    FT_Face face = nullptr;
    if (FT_New_Face(ft, path.c_str(), index, &face) != 0) return open_error(path, index, field);
    const bool sfnt = FT_IS_SFNT(face) && FT_IS_SCALABLE(face);
    FT_Done_Face(face);
    return sfnt ? "the face has no head or hhea table (damaged file?)" : "not a scalable TrueType/OpenType font";
  }

  // error says why not, field which field of the entry is wrong ("file" or "index"). The
  // face's facts come from its tables (face_info.cpp); FreeType is asked only why a file
  // will not do.
  FontId open(const std::string& path, int index, const std::string& manifest, const std::string& entry,
             std::string& error, std::string& field) {
    auto key = std::make_pair(path, index);
    if (auto it = by_file.find(key); it != by_file.end()) return it->second;
    hb_blob_t* blob = hb_blob_create_from_file_or_fail(path.c_str());
    if (!blob || index < 0 || static_cast<unsigned>(index) >= hb_face_count(blob)) {
      hb_blob_destroy(blob);  // null is fine
      error = why_not(path, index, field);
      return -1;
    }
    Face face;
    face.hb_face = hb_face_create(blob, static_cast<unsigned>(index));
    error = cut_table(blob, index);
    hb_blob_destroy(blob);
    if (error.empty() && !read_face_info(face.hb_face, face.info)) error = why_not(path, index, field);
    // What embedding needs, checked now rather than when the first document is written.
    if (error.empty()) error = outline_problem(face.hb_face);
    if (!error.empty()) {
      hb_face_destroy(face.hb_face);
      return -1;
    }
    FontInfo& info = face.info;
    info.file = path;
    info.index = index;
    info.manifest = manifest;
    info.entry = entry;
    if (info.postscript_name.empty()) info.postscript_name = fs::path(path).stem().string();
    face.hb_font = hb_font_create(face.hb_face);  // scale = units per em
    FontId id = static_cast<FontId>(faces.size());
    faces.push_back(face);
    by_file[key] = id;
    return id;
  }
};

FontLibrary::FontLibrary() : impl_(std::make_unique<Impl>()) {}
FontLibrary::~FontLibrary() = default;

namespace {

// Resolves a manifest file entry: absolute, relative to the manifest, or a bare name looked
// up in the user's font directories first (licensed fonts win) and then the manifest's dirs.
std::string resolve(const std::string& file, const fs::path& manifest_dir,
                    const std::vector<std::string>& extra_dirs,
                    const std::vector<std::string>& dirs) {
  fs::path p(file);
  if (p.is_absolute()) return file;
  if (file.find('/') != std::string::npos) return (manifest_dir / p).string();
  auto search = [&](const std::string& dir) -> std::string {
    std::error_code ec;
    if (!fs::is_directory(dir, ec)) return {};
    if (fs::exists(fs::path(dir) / file, ec)) return (fs::path(dir) / file).string();
    for (auto it = fs::recursive_directory_iterator(dir, ec); it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      if (ec) break;
      if (it->path().filename() == file) return it->path().string();
    }
    return {};
  };
  for (const auto& d : extra_dirs)
    if (auto r = search(d); !r.empty()) return r;
  for (const auto& d : dirs)
    if (auto r = search(d); !r.empty()) return r;
  return (manifest_dir / p).string();
}

}  // namespace

std::unique_ptr<FontLibrary> FontLibrary::load(const std::string& manifest_path,
                                               const std::vector<std::string>& extra_dirs,
                                               DiagnosticSink& sink) {
  std::unique_ptr<FontLibrary> lib(new FontLibrary());
  Impl& im = *lib->impl_;
  if (FT_Init_FreeType(&im.ft) != 0) {
    throw Failure({Severity::Error, "fonts.freetype", manifest_path, "", "FreeType failed to start",
                   "", "", {}});
  }
  nlohmann::json m;
  {
    std::string text = read_file(manifest_path);
    if (!parse_json(manifest_path, text, m, sink, {"fonts.manifest", "font manifest"})) return lib;
  }
  auto bad = [&](const std::string& ptr, const std::string& msg, const std::string& expected,
                 const std::string& got = {}) {
    sink.error("fonts.manifest", manifest_path, ptr, msg, expected, got);
  };
  fs::path dir = fs::path(manifest_path).parent_path();
  std::vector<std::string> dirs;
  if (m.contains("dirs") && m["dirs"].is_array())
    for (auto& d : m["dirs"]) if (d.is_string()) dirs.push_back(d.get<std::string>());
  if (!m.contains("families") || !m["families"].is_object()) {
    bad("/families", "missing font families", "an object mapping family names to faces");
    return lib;
  }
  auto open_entry = [&](const nlohmann::json& e, const std::string& ptr) -> FontId {
    if (!e.is_object() || !e.contains("file") || !e["file"].is_string()) {
      bad(ptr, "bad face entry", "{\"file\": \"…\", \"index\": N}", e.dump());
      return -1;
    }
    int index = 0;
    if (e.contains("index")) {
      if (!e["index"].is_number_integer() || e["index"].get<int>() < 0) {
        bad(ptr + "/index", "bad TTC index", "a non-negative integer", e["index"].dump());
        return -1;
      }
      index = e["index"].get<int>();
    }
    std::string path = resolve(e["file"].get<std::string>(), dir, extra_dirs, dirs);
    std::string error, field = "file";
    FontId id = im.open(path, index, manifest_path, ptr, error, field);
    if (id < 0) bad(ptr + "/" + field, error + ": " + path, "a TrueType or OpenType font file (Debian font package installed?)");
    return id;
  };
  for (auto& [name, fam] : m["families"].items()) {
    std::string ptr = "/families/" + name;
    FamilyFaces ff;
    if (!fam.is_object() || !fam.contains("regular")) {
      bad(ptr, "family without a regular face", "{\"regular\": {\"file\": …}}");
      continue;
    }
    ff.regular = open_entry(fam["regular"], ptr + "/regular");
    if (fam.contains("bold")) ff.bold = open_entry(fam["bold"], ptr + "/bold");
    if (fam.contains("latin")) ff.latin = fam["latin"].is_string() ? fam["latin"].get<std::string>() : "";
    im.families[name] = ff;
  }
  for (auto& [name, ff] : im.families) {
    if (!ff.latin.empty() && !im.families.count(ff.latin))
      bad("/families/" + name + "/latin", "unknown Latin family '" + ff.latin + "'", "a family of this manifest");
  }
  if (m.contains("fallback")) {
    for (std::size_t i = 0; i < m["fallback"].size(); ++i) {
      auto& f = m["fallback"][i];
      std::string fname = f.is_string() ? f.get<std::string>() : "";
      auto it = im.families.find(fname);
      if (it == im.families.end()) {
        bad("/fallback/" + std::to_string(i), "unknown fallback family", "a family of this manifest", f.dump());
        continue;
      }
      if (it->second.regular >= 0) im.fallback.push_back(it->second.regular);
    }
  }
  return lib;
}

std::size_t FontLibrary::face_count() const { return impl_->faces.size(); }
const FontInfo& FontLibrary::info(FontId id) const { return impl_->faces.at(id).info; }

FontId FontLibrary::face_for(const std::string& family, bool bold) const {
  auto it = impl_->families.find(family);
  if (it == impl_->families.end()) return -1;
  if (bold && it->second.bold >= 0) return it->second.bold;
  return it->second.regular;
}

FontId FontLibrary::latin_face_for(const std::string& family, bool bold) const {
  auto it = impl_->families.find(family);
  if (it == impl_->families.end() || it->second.latin.empty()) return -1;
  return face_for(it->second.latin, bold);
}

const std::vector<FontId>& FontLibrary::fallback() const { return impl_->fallback; }

std::uint32_t FontLibrary::glyph(FontId id, char32_t cp) const {
  // HarfBuzz, not FT_Get_Char_Index: an FT_Face must not be used from two threads at once,
  // an hb_font_t may (bulk runs lay out documents on several threads).
  hb_codepoint_t g = 0;
  return hb_font_get_nominal_glyph(impl_->faces.at(id).hb_font, cp, &g) ? g : 0;
}

std::vector<std::string> FontLibrary::families() const {
  std::vector<std::string> out;
  for (auto& [name, _] : impl_->families) out.push_back(name);
  return out;
}

hb_face_t* FontLibrary::harfbuzz_face(FontId id) const { return impl_->faces.at(id).hb_face; }
hb_font_t* FontLibrary::harfbuzz_font(FontId id) const { return impl_->faces.at(id).hb_font; }

namespace {

constexpr hb_tag_t kCff = HB_TAG('C', 'F', 'F', ' ');

bool has_cff(hb_face_t* face) {
  hb_blob_t* blob = hb_face_reference_table(face, kCff);
  bool has = hb_blob_get_length(blob) > 0;
  hb_blob_destroy(blob);
  return has;
}

hb_blob_t* cff_tables_only(hb_face_t*, hb_tag_t tag, void* face) {
  if (tag != kCff && tag != HB_TAG('h', 'e', 'a', 'd') && tag != HB_TAG('m', 'a', 'x', 'p')) return nullptr;
  return hb_face_reference_table(static_cast<hb_face_t*>(face), tag);
}

}  // namespace

hb_face_t* FontLibrary::subset_face(FontId id) const {
  constexpr int kPrepareAfter = 64;  // breaks even after ~80 subsets (bench/render)
  Face& f = impl_->faces.at(id);
  std::lock_guard<std::mutex> lock(impl_->subset_mutex);  // documents on several threads
  if (f.subset_face) return f.subset_face;
  // A CFF face's subset is its CFF table alone, but planning it on the whole font also reads
  // cmap and the layout tables of 65,000 glyphs: a face showing only CFF (and head, maxp)
  // gives the same CFF 3x faster (Noto Serif CJK SC, 633 glyphs: 18 → 6 ms).
  // hb_subset_preprocess would cost 3.4 s and ~480 MiB per Noto CJK face: never for CFF.
  if (has_cff(f.hb_face)) {
    f.subset_face = hb_face_create_for_tables(cff_tables_only, hb_face_reference(f.hb_face),
                                              reinterpret_cast<hb_destroy_func_t>(hb_face_destroy));
    hb_face_set_index(f.subset_face, hb_face_get_index(f.hb_face));
    hb_face_set_upem(f.subset_face, hb_face_get_upem(f.hb_face));
    hb_face_set_glyph_count(f.subset_face, hb_face_get_glyph_count(f.hb_face));
    return f.subset_face;
  }
  if (++f.subsets >= kPrepareAfter) f.subset_face = hb_subset_preprocess(f.hb_face);
  return f.subset_face ? f.subset_face : f.hb_face;
}

}  // namespace jixiao::layout
