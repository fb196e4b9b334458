#include "pdf/truetype_writer.h"

#include <hb.h>

#include <algorithm>
#include <map>

#include "diag/diag.h"

namespace jixiao::pdf {

namespace {

[[noreturn]] void fail(const std::string& name, const std::string& what) {
  throw Failure({Severity::Error, "pdf.write", "", "", "cannot subset font " + name + ": " + what, "", "", {}});
}

std::uint32_t get_u16(std::string_view s, std::size_t at) {
  return static_cast<std::uint32_t>(static_cast<unsigned char>(s[at]) << 8 | static_cast<unsigned char>(s[at + 1]));
}

std::uint32_t get_u32(std::string_view s, std::size_t at) { return get_u16(s, at) << 16 | get_u16(s, at + 2); }

void set_u16(std::string& s, std::size_t at, std::uint32_t v) {
  s[at] = static_cast<char>(v >> 8 & 0xff);
  s[at + 1] = static_cast<char>(v & 0xff);
}

void put_u16(std::string& out, std::uint32_t v) {
  out += static_cast<char>(v >> 8 & 0xff);
  out += static_cast<char>(v & 0xff);
}

void put_u32(std::string& out, std::uint32_t v) {
  put_u16(out, v >> 16);
  put_u16(out, v & 0xffff);
}

std::string_view blob_view(hb_blob_t* blob) {
  unsigned length = 0;
  const char* data = hb_blob_get_data(blob, &length);
  return {data ? data : "", data ? length : 0};
}

constexpr std::uint32_t tag(const char (&t)[5]) {
  return static_cast<std::uint32_t>(t[0]) << 24 | static_cast<std::uint32_t>(t[1]) << 16 |
         static_cast<std::uint32_t>(t[2]) << 8 | static_cast<std::uint32_t>(t[3]);
}

std::uint32_t checksum(std::string_view data) {  // over the table padded with zeros to 4 bytes
  std::uint32_t sum = 0;
  for (std::size_t i = 0; i < data.size(); i += 4) {
    std::uint32_t word = 0;
    for (std::size_t k = 0; k < 4; ++k)
      word = word << 8 | (i + k < data.size() ? static_cast<unsigned char>(data[i + k]) : 0u);
    sum += word;
  }
  return sum;
}

// An sfnt file of tables (tag, bytes), sorted by tag; head's checkSumAdjustment is set.
std::string write_sfnt(std::vector<std::pair<std::uint32_t, std::string>> tables) {
  std::sort(tables.begin(), tables.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  const auto n = static_cast<std::uint32_t>(tables.size());
  std::uint32_t power = 1, selector = 0;
  while (power * 2 <= n) power *= 2, ++selector;
  std::string out;
  put_u32(out, 0x00010000), put_u16(out, n), put_u16(out, power * 16), put_u16(out, selector),
      put_u16(out, n * 16 - power * 16);
  std::size_t offset = 12 + 16 * tables.size(), head_at = 0;
  for (const auto& [t, bytes] : tables) {
    put_u32(out, t), put_u32(out, checksum(bytes)), put_u32(out, static_cast<std::uint32_t>(offset));
    put_u32(out, static_cast<std::uint32_t>(bytes.size()));
    if (t == tag("head")) head_at = offset;
    offset += (bytes.size() + 3) / 4 * 4;
  }
  for (const auto& table : tables) {
    out += table.second;
    out.append((4 - table.second.size() % 4) % 4, '\0');
  }
  if (head_at) {  // the font's checksum with the adjustment zero, as the tables have it
    const std::uint32_t adjustment = 0xB1B0AFBAu - checksum(out);
    set_u16(out, head_at + 8, adjustment >> 16);
    set_u16(out, head_at + 10, adjustment & 0xffff);
  }
  return out;
}

constexpr std::uint32_t kArgsAreWords = 0x1, kScale = 0x8, kMoreComponents = 0x20, kXyScale = 0x40,
                        kTwoByTwo = 0x80, kInstructions = 0x100;

}  // namespace

std::string_view sfnt_table(std::string_view font, std::uint32_t wanted) {
  if (font.size() < 12) return {};
  const std::uint32_t n = get_u16(font, 4);
  for (std::uint32_t i = 0; i < n && 12 + 16 * (i + 1) <= font.size(); ++i) {
    const std::size_t at = 12 + 16 * i;
    if (get_u32(font, at) != wanted) continue;
    const std::size_t offset = get_u32(font, at + 8), length = get_u32(font, at + 12);
    return offset <= font.size() && length <= font.size() - offset ? font.substr(offset, length) : std::string_view();
  }
  return {};
}

std::shared_ptr<TrueTypeGlyphs> TrueTypeGlyphs::of(hb_face_t* face, hb_face_t* source, hb_font_t* font,
                                                   const std::string& name) {
  hb_blob_t* glyf = hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'));
  const bool has = hb_blob_get_length(glyf) > 0;
  hb_blob_destroy(glyf);
  if (!has) return nullptr;
  return std::make_shared<TrueTypeGlyphs>(face, source, font, name);
}

TrueTypeGlyphs::TrueTypeGlyphs(hb_face_t* face, hb_face_t* source, hb_font_t* font, const std::string& name)
    : glyf_(hb_face_reference_table(face, HB_TAG('g', 'l', 'y', 'f'))),
      loca_(hb_face_reference_table(face, HB_TAG('l', 'o', 'c', 'a'))),
      hmtx_(hb_face_reference_table(face, HB_TAG('h', 'm', 't', 'x'))),
      num_glyphs_(hb_face_get_glyph_count(face)) {
  // Held by the blobs' owners from here: a constructor that throws runs no destructor.
  struct Release {
    TrueTypeGlyphs* self;
    ~Release() {
      if (self) hb_blob_destroy(self->glyf_), hb_blob_destroy(self->loca_), hb_blob_destroy(self->hmtx_);
    }
  } release{this};
  const FontSubset notdef(face, source, font, {}, name);
  const std::string_view program = notdef.program();
  auto table = [&](const char(&t)[5], std::size_t least) {
    std::string_view bytes = sfnt_table(program, tag(t));
    if (bytes.size() < least) fail(name, std::string("no or a short ") + t + " table in hb-subset's .notdef");
    return std::string(bytes);
  };
  head_ = table("head", 54), hhea_ = table("hhea", 36), maxp_ = table("maxp", 6);
  post_ = table("post", 0), os2_ = table("OS/2", 0), name_ = table("name", 0);

  // The face's own head and hhea (the tables above are the .notdef subset's).
  hb_blob_t* head = hb_face_reference_table(face, HB_TAG('h', 'e', 'a', 'd'));
  hb_blob_t* hhea = hb_face_reference_table(face, HB_TAG('h', 'h', 'e', 'a'));
  const std::string_view face_head = blob_view(head), face_hhea = blob_view(hhea);
  long_loca_ = face_head.size() >= 54 && get_u16(face_head, 50) != 0;
  num_hmetrics_ = face_hhea.size() >= 36 ? get_u16(face_hhea, 34) : 0;
  hb_blob_destroy(head);
  hb_blob_destroy(hhea);
  if (num_glyphs_ == 0 || num_hmetrics_ == 0 || blob_view(hmtx_).size() < 4 * std::size_t{num_hmetrics_})
    fail(name, "no glyphs or a short hmtx table");
  if (blob_view(loca_).size() < (std::size_t{num_glyphs_} + 1) * (long_loca_ ? 4 : 2)) fail(name, "a short loca table");
  glyphs_.resize(num_glyphs_);
  release.self = nullptr;
}

TrueTypeGlyphs::~TrueTypeGlyphs() {
  hb_blob_destroy(glyf_);
  hb_blob_destroy(loca_);
  hb_blob_destroy(hmtx_);
}

// The glyph's record as hb-subset 6.0 writes it under NO_HINTING: a simple glyph's data ends
// at its last coordinate, with instructionLength 0 and no instructions; a composite keeps its
// component records (and any bytes after them unless its last one says instructions follow),
// WE_HAVE_INSTRUCTIONS cleared. A glyph without contours has no record.
std::unique_ptr<const TrueTypeGlyphs::Glyph> TrueTypeGlyphs::read(hb_font_t* font, std::uint32_t gid,
                                                                  const std::string& name) const {
  const std::string_view loca = blob_view(loca_), glyf = blob_view(glyf_), hmtx = blob_view(hmtx_);
  auto offset = [&](std::uint32_t g) -> std::size_t {
    return long_loca_ ? get_u32(loca, 4 * g) : 2 * get_u16(loca, 2 * g);
  };
  const std::size_t start = offset(gid), end = offset(gid + 1);
  const std::string at = "glyph " + std::to_string(gid);
  if (start > end || end > glyf.size()) fail(name, at + ": loca points outside glyf");
  const std::string_view bytes = glyf.substr(start, end - start);

  auto glyph = std::make_unique<Glyph>();
  const std::uint32_t metric = std::min(gid, num_hmetrics_ - 1);
  glyph->advance = static_cast<std::uint16_t>(get_u16(hmtx, 4 * metric));
  const std::size_t lsb_at = gid < num_hmetrics_ ? 4 * gid + 2 : 4 * num_hmetrics_ + 2 * (gid - num_hmetrics_);
  glyph->lsb = lsb_at + 2 <= hmtx.size() ? static_cast<std::int16_t>(get_u16(hmtx, lsb_at)) : 0;
  glyph->width = advance_per_mille(font, gid);
  if (bytes.empty()) return glyph;
  if (bytes.size() < 10) fail(name, at + ": shorter than a glyph header");
  const auto contours = static_cast<std::int16_t>(get_u16(bytes, 0));
  if (contours == 0) return glyph;

  if (contours > 0) {
    const std::size_t n = static_cast<std::size_t>(contours), length_at = 10 + 2 * n;
    if (length_at + 2 > bytes.size()) fail(name, at + ": contours past the record");
    const std::size_t points = get_u16(bytes, length_at - 2) + std::size_t{1};
    std::size_t p = length_at + 2 + get_u16(bytes, length_at), coordinates = 0;
    for (std::size_t i = 0; i < points;) {
      if (p >= bytes.size()) fail(name, at + ": flags past the record");
      const auto flag = static_cast<unsigned char>(bytes[p++]);
      std::size_t repeat = 1;
      if (flag & 8) {
        if (p >= bytes.size()) fail(name, at + ": flags past the record");
        repeat += static_cast<unsigned char>(bytes[p++]);
      }
      const std::size_t x = flag & 2 ? 1 : flag & 16 ? 0 : 2, y = flag & 4 ? 1 : flag & 32 ? 0 : 2;
      coordinates += repeat * (x + y);
      i += repeat;
    }
    if (p + coordinates > bytes.size()) fail(name, at + ": coordinates past the record");
    const std::size_t code_end = length_at + 2 + get_u16(bytes, length_at);
    glyph->record.reserve(p + coordinates - (code_end - length_at - 2));
    glyph->record.append(bytes.substr(0, length_at)).append(2, '\0');
    glyph->record.append(bytes.substr(code_end, p + coordinates - code_end));
    return glyph;
  }

  std::size_t p = 10;
  std::uint32_t flags = kMoreComponents;
  while (flags & kMoreComponents) {
    if (p + 4 > bytes.size()) fail(name, at + ": component past the record");
    flags = get_u16(bytes, p);
    const std::uint32_t component = get_u16(bytes, p + 2);
    if (component >= num_glyphs_) fail(name, at + ": component " + std::to_string(component) + " past the glyphs");
    glyph->components.push_back(component);
    glyph->component_at.push_back(p + 2);
    p += 4 + (flags & kArgsAreWords ? 4 : 2) + (flags & kScale ? 2 : flags & kXyScale ? 4 : flags & kTwoByTwo ? 8 : 0);
    if (p > bytes.size()) fail(name, at + ": component past the record");
  }
  glyph->record.assign(flags & kInstructions ? bytes.substr(0, p) : bytes);
  for (std::size_t component_at : glyph->component_at)
    set_u16(glyph->record, component_at - 2, get_u16(glyph->record, component_at - 2) & ~kInstructions);
  return glyph;
}

FontSubset TrueTypeGlyphs::subset(hb_font_t* font, const std::vector<std::uint32_t>& glyphs, const std::string& name) {
  std::map<std::uint32_t, const Glyph*> kept{{0, nullptr}};  // ascending: the subset's order
  for (std::uint32_t g : glyphs) {
    if (g >= num_glyphs_) fail(name, "glyph " + std::to_string(g) + " past the font's " + std::to_string(num_glyphs_));
    kept.emplace(g, nullptr);
  }
  // Until no composite brings a component not yet kept: look up, read what is missing
  // outside the lock, keep it (the first reader's record stays: reading is deterministic).
  for (std::vector<std::uint32_t> pending{}; ; pending.clear()) {
    for (const auto& [g, glyph] : kept)
      if (!glyph) pending.push_back(g);
    if (pending.empty()) break;
    std::vector<std::unique_ptr<const Glyph>> read_now;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (std::uint32_t g : pending) kept[g] = glyphs_[g].get();
    }
    for (std::uint32_t g : pending) read_now.push_back(kept[g] ? nullptr : read(font, g, name));
    {
      std::lock_guard<std::mutex> lock(mutex_);
      for (std::size_t i = 0; i < pending.size(); ++i) {
        if (!read_now[i]) continue;
        auto& slot = glyphs_[pending[i]];
        if (!slot) bytes_ += read_now[i]->record.size(), slot = std::move(read_now[i]);
        kept[pending[i]] = slot.get();  // entries are never changed or dropped
      }
    }
    for (std::uint32_t g : pending)
      for (std::uint32_t c : kept[g]->components) kept.emplace(c, nullptr);
  }

  std::map<std::uint32_t, std::uint32_t> new_gid;
  std::vector<std::uint32_t> old;
  std::size_t padded = 0;
  for (const auto& [g, glyph] : kept) {
    new_gid.emplace(g, static_cast<std::uint32_t>(old.size()));
    old.push_back(g);
    padded += glyph->record.size() + glyph->record.size() % 2;
  }
  const bool short_loca = padded < 0x1FFFF;  // hb-subset's choice; short offsets are halves
  std::string glyf, loca, hmtx;
  glyf.reserve(padded);
  std::vector<double> widths;
  widths.reserve(kept.size());
  auto put_offset = [&] {
    const auto at = static_cast<std::uint32_t>(glyf.size());
    short_loca ? put_u16(loca, at / 2) : put_u32(loca, at);
  };
  for (const auto& [g, glyph] : kept) {
    put_offset();
    const std::size_t at = glyf.size();
    glyf += glyph->record;
    for (std::size_t i = 0; i < glyph->components.size(); ++i)
      set_u16(glyf, at + glyph->component_at[i], new_gid.at(glyph->components[i]));
    if (short_loca) glyf.append(glyph->record.size() % 2, '\0');
    widths.push_back(glyph->width);
  }
  put_offset();

  // hmtx: trailing glyphs advancing as the last one share its long metric.
  std::vector<const Glyph*> in_order;
  for (const auto& [g, glyph] : kept) in_order.push_back(glyph);
  std::size_t metrics = in_order.size();
  while (metrics > 1 && in_order[metrics - 2]->advance == in_order.back()->advance) --metrics;
  for (std::size_t i = 0; i < in_order.size(); ++i) {
    if (i < metrics) put_u16(hmtx, in_order[i]->advance);
    put_u16(hmtx, static_cast<std::uint16_t>(in_order[i]->lsb));
  }

  std::string head = head_, hhea = hhea_, maxp = maxp_;
  for (std::size_t i = 8; i < 12; ++i) head[i] = '\0';
  set_u16(head, 50, short_loca ? 0 : 1);
  set_u16(hhea, 34, static_cast<std::uint32_t>(metrics));
  set_u16(maxp, 4, static_cast<std::uint32_t>(kept.size()));
  std::vector<std::pair<std::uint32_t, std::string>> tables{
      {tag("glyf"), std::move(glyf)}, {tag("loca"), std::move(loca)}, {tag("hmtx"), std::move(hmtx)},
      {tag("head"), std::move(head)}, {tag("hhea"), std::move(hhea)}, {tag("maxp"), std::move(maxp)}};
  const std::pair<std::uint32_t, const std::string*> kept_as_met[] = {
      {tag("post"), &post_}, {tag("OS/2"), &os2_}, {tag("name"), &name_}};
  for (const auto& [t, bytes] : kept_as_met)
    if (!bytes->empty()) tables.emplace_back(t, *bytes);
  return FontSubset(write_sfnt(std::move(tables)), old, {}, std::move(widths), FontSubset::Outlines::TrueType);
}

std::size_t TrueTypeGlyphs::size() {
  std::lock_guard<std::mutex> lock(mutex_);
  return static_cast<std::size_t>(
      std::count_if(glyphs_.begin(), glyphs_.end(), [](const auto& g) { return g != nullptr; }));
}

std::size_t TrueTypeGlyphs::bytes() {
  std::lock_guard<std::mutex> lock(mutex_);
  return bytes_;
}

}  // namespace jixiao::pdf
