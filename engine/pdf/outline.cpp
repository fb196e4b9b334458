#include "pdf/outline.h"

#include <bit>

namespace jixiao::pdf {

namespace {

constexpr const char* kDoing = "writing the outline";

// parent[i]: the nearest earlier entry of a lower level, or -1 (the outline root).
std::vector<int> parents(const std::vector<layout::OutlineEntry>& entries) {
  std::vector<int> parent(entries.size(), -1), open;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    while (!open.empty() && entries[static_cast<std::size_t>(open.back())].level >= entries[i].level)
      open.pop_back();
    if (!open.empty()) parent[i] = open.back();
    open.push_back(static_cast<int>(i));
  }
  return parent;
}

HPDF_Array destination(const HaruDoc& doc, HPDF_Page page, double top) {
  HPDF_MMgr mmgr = doc.mmgr();
  HPDF_Array dest = doc.made(HPDF_Array_New(mmgr), kDoing);
  doc.check(HPDF_Array_Add(dest, page), kDoing);
  doc.check(HPDF_Array_AddName(dest, "XYZ"), kDoing);
  doc.check(HPDF_Array_AddNumber(dest, 0), kDoing);
  doc.check(HPDF_Array_AddReal(dest, static_cast<HPDF_REAL>(top)), kDoing);
  doc.check(HPDF_Array_Add(dest, doc.made(HPDF_Null_New(mmgr), kDoing)), kDoing);
  return dest;
}

void write_entries(const HaruDoc& doc, const layout::LayoutResult& layout,
                   const std::vector<HPDF_Page>& pages, Digest& digest) {
  const auto& entries = layout.outline;
  const std::vector<int> parent = parents(entries);
  HPDF_Dict root = doc.new_indirect_dict(kDoing);
  doc.check(HPDF_Dict_AddName(root, "Type", "Outlines"), kDoing);
  std::vector<HPDF_Dict> item(entries.size());
  std::vector<int> descendants(entries.size(), 0);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const layout::OutlineEntry& e = entries[i];
    item[i] = doc.new_indirect_dict(kDoing);
    doc.check(HPDF_Dict_Add(item[i], "Title", doc.text_string(e.title, kDoing)), kDoing);
    const layout::Page& page = layout.pages.at(e.page);
    doc.check(HPDF_Dict_Add(item[i], "Dest", destination(doc, pages.at(e.page), page.height - e.y)), kDoing);
    for (int p = parent[i]; p >= 0; p = parent[static_cast<std::size_t>(p)]) ++descendants[static_cast<std::size_t>(p)];
    digest.add(e.title);
    digest.add_u32(static_cast<std::uint32_t>(e.level));
    digest.add_u32(static_cast<std::uint32_t>(e.page));
    digest.add_u32(std::bit_cast<std::uint32_t>(e.y));
  }
  // Links: each entry to its parent and siblings, each parent to its first and last child.
  std::vector<int> last_child(entries.size() + 1, -1);  // index entries.size(): the root
  const auto slot = [&](int p) { return p < 0 ? entries.size() : static_cast<std::size_t>(p); };
  const auto dict = [&](int p) { return p < 0 ? root : item[static_cast<std::size_t>(p)]; };
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const int p = parent[i];
    doc.check(HPDF_Dict_Add(item[i], "Parent", dict(p)), kDoing);
    const int prev = last_child[slot(p)];
    if (prev < 0) {
      doc.check(HPDF_Dict_Add(dict(p), "First", item[i]), kDoing);
    } else {
      doc.check(HPDF_Dict_Add(item[i], "Prev", item[static_cast<std::size_t>(prev)]), kDoing);
      doc.check(HPDF_Dict_Add(item[static_cast<std::size_t>(prev)], "Next", item[i]), kDoing);
    }
    last_child[slot(p)] = static_cast<int>(i);
  }
  for (std::size_t s = 0; s <= entries.size(); ++s) {
    if (last_child[s] < 0) continue;
    const int p = s == entries.size() ? -1 : static_cast<int>(s);
    doc.check(HPDF_Dict_Add(dict(p), "Last", item[static_cast<std::size_t>(last_child[s])]), kDoing);
    const auto count = p < 0 ? entries.size() : static_cast<std::size_t>(descendants[s]);
    doc.check(HPDF_Dict_AddNumber(dict(p), "Count", static_cast<HPDF_INT32>(count)), kDoing);
  }
  HPDF_Dict catalog = doc.get()->catalog;
  doc.check(HPDF_Dict_Add(catalog, "Outlines", root), kDoing);
  doc.check(HPDF_Dict_AddName(catalog, "PageMode", "UseOutlines"), kDoing);
}

}  // namespace

void add_outline(const HaruDoc& doc, const layout::LayoutResult& layout,
                 const std::vector<HPDF_Page>& pages, Digest& digest) {
  if (!layout.outline.empty()) write_entries(doc, layout, pages, digest);
  HPDF_Dict prefs = doc.made(HPDF_Dict_New(doc.mmgr()), kDoing);
  doc.check(HPDF_Dict_Add(prefs, "DisplayDocTitle", doc.made(HPDF_Boolean_New(doc.mmgr(), HPDF_TRUE), kDoing)),
            kDoing);
  doc.check(HPDF_Dict_Add(doc.get()->catalog, "ViewerPreferences", prefs), kDoing);
}

}  // namespace jixiao::pdf
