#include "pdf/tags.h"

namespace jixiao::pdf {

namespace {

constexpr const char* kDoing = "writing the structure tree";

const char* role_name(layout::StructElement::Role role) {
  static constexpr const char* kNames[] = {"H1", "H2", "H3", "H4", "H5", "H6", "P", "Table", "TR", "TH", "TD"};
  return kNames[static_cast<std::size_t>(role)];
}

// /A of a table cell: a header's scope (every header here heads its column) and the spans.
void add_cell_attributes(const HaruDoc& doc, HPDF_Dict elem, const layout::StructElement& e) {
  using Role = layout::StructElement::Role;
  const bool header = e.role == Role::TH;
  if (!header && e.row_span == 1 && e.col_span == 1) return;
  HPDF_Dict a = doc.made(HPDF_Dict_New(doc.mmgr()), kDoing);
  doc.check(HPDF_Dict_AddName(a, "O", "Table"), kDoing);
  if (header) doc.check(HPDF_Dict_AddName(a, "Scope", "Column"), kDoing);
  if (e.row_span > 1) doc.check(HPDF_Dict_AddNumber(a, "RowSpan", e.row_span), kDoing);
  if (e.col_span > 1) doc.check(HPDF_Dict_AddNumber(a, "ColSpan", e.col_span), kDoing);
  doc.check(HPDF_Dict_Add(elem, "A", a), kDoing);
}

}  // namespace

int Tags::open(std::string& ops, std::size_t page, std::uint32_t tag, const std::string& actual_text) {
  if (tag == layout::kArtifact || tag >= layout_.structure.size()) {
    ops += "/Artifact<</Type/Pagination>>BDC\n";
    if (actual_text.empty()) return 1;
    ops += "/Span<</ActualText<FEFF" + actual_text + ">>>BDC\n";
    return 2;
  }
  std::vector<std::uint32_t>& on_page = mcids_.at(page);
  ops += '/';
  ops += actual_text.empty() ? role_name(layout_.structure[tag].role) : "Span";
  ops += "<</MCID ";
  ops += std::to_string(on_page.size());
  if (!actual_text.empty()) ops += "/ActualText<FEFF" + actual_text + ">";
  ops += ">>BDC\n";
  on_page.push_back(tag);
  return 1;
}

void Tags::write(const HaruDoc& doc, const std::vector<HPDF_Page>& pages, const std::string& lang,
                 Digest& digest) const {
  const auto& elems = layout_.structure;
  HPDF_MMgr mmgr = doc.mmgr();
  HPDF_Dict root = doc.new_indirect_dict(kDoing);
  doc.check(HPDF_Dict_AddName(root, "Type", "StructTreeRoot"), kDoing);
  HPDF_Dict document = doc.new_indirect_dict(kDoing);
  doc.check(HPDF_Dict_AddName(document, "Type", "StructElem"), kDoing);
  doc.check(HPDF_Dict_AddName(document, "S", "Document"), kDoing);
  doc.check(HPDF_Dict_Add(document, "P", root), kDoing);
  doc.check(HPDF_Dict_Add(root, "K", document), kDoing);

  // How many marked-content sequences each element has, and the page of its first.
  std::vector<std::uint32_t> count(elems.size(), 0);
  std::vector<std::size_t> first_page(elems.size(), 0);
  for (std::size_t p = mcids_.size(); p-- > 0;)
    for (std::uint32_t e : mcids_[p]) {
      ++count[e];
      first_page[e] = p;
    }

  // Elements, each under its parent in document order.
  std::vector<HPDF_Dict> dict(elems.size());
  std::vector<HPDF_Array> kids(elems.size(), nullptr);
  HPDF_Array document_kids = doc.made(HPDF_Array_New(mmgr), kDoing);
  doc.check(HPDF_Dict_Add(document, "K", document_kids), kDoing);
  for (std::size_t i = 0; i < elems.size(); ++i) {
    const layout::StructElement& e = elems[i];
    HPDF_Dict d = dict[i] = doc.new_indirect_dict(kDoing);
    doc.check(HPDF_Dict_AddName(d, "Type", "StructElem"), kDoing);
    doc.check(HPDF_Dict_AddName(d, "S", role_name(e.role)), kDoing);
    HPDF_Array siblings = document_kids;
    if (e.parent >= 0 && static_cast<std::size_t>(e.parent) < i) {
      const auto parent = static_cast<std::size_t>(e.parent);
      doc.check(HPDF_Dict_Add(d, "P", dict[parent]), kDoing);
      if (!kids[parent]) {
        kids[parent] = doc.made(HPDF_Array_New(mmgr), kDoing);
        doc.check(HPDF_Dict_Add(dict[parent], "K", kids[parent]), kDoing);
      }
      siblings = kids[parent];
    } else {
      doc.check(HPDF_Dict_Add(d, "P", document), kDoing);
    }
    doc.check(HPDF_Array_Add(siblings, d), kDoing);
    add_cell_attributes(doc, d, e);
    if (count[i] > 0) doc.check(HPDF_Dict_Add(d, "Pg", pages.at(first_page[i])), kDoing);
    if (count[i] > 1) {
      kids[i] = doc.made(HPDF_Array_New(mmgr), kDoing);
      doc.check(HPDF_Dict_Add(d, "K", kids[i]), kDoing);
    }
    digest.add_u32(static_cast<std::uint32_t>(e.role));
    digest.add_u32(static_cast<std::uint32_t>(e.parent));
    digest.add_u32(static_cast<std::uint32_t>(e.row_span) << 16 | e.col_span);
  }

  // Content: each element's MCIDs (an MCR where the page is not the element's /Pg), and
  // the ParentTree that maps a page's MCIDs back to their elements.
  HPDF_Dict parent_tree = doc.new_indirect_dict(kDoing);
  HPDF_Array nums = doc.made(HPDF_Array_New(mmgr), kDoing);
  doc.check(HPDF_Dict_Add(parent_tree, "Nums", nums), kDoing);
  for (std::size_t p = 0; p < mcids_.size(); ++p) {
    if (mcids_[p].empty()) continue;
    HPDF_Array owners = doc.made(HPDF_Array_New(mmgr), kDoing);
    for (std::size_t m = 0; m < mcids_[p].size(); ++m) {
      const std::uint32_t e = mcids_[p][m];
      doc.check(HPDF_Array_Add(owners, dict[e]), kDoing);
      const auto mcid = static_cast<HPDF_INT32>(m);
      if (count[e] == 1) {
        doc.check(HPDF_Dict_AddNumber(dict[e], "K", mcid), kDoing);
      } else if (p == first_page[e]) {
        doc.check(HPDF_Array_AddNumber(kids[e], mcid), kDoing);
      } else {
        HPDF_Dict mcr = doc.made(HPDF_Dict_New(mmgr), kDoing);
        doc.check(HPDF_Dict_AddName(mcr, "Type", "MCR"), kDoing);
        doc.check(HPDF_Dict_Add(mcr, "Pg", pages.at(p)), kDoing);
        doc.check(HPDF_Dict_AddNumber(mcr, "MCID", mcid), kDoing);
        doc.check(HPDF_Array_Add(kids[e], mcr), kDoing);
      }
    }
    doc.check(HPDF_Array_AddNumber(nums, static_cast<HPDF_INT32>(p)), kDoing);
    doc.check(HPDF_Array_Add(nums, owners), kDoing);
    doc.check(HPDF_Dict_AddNumber(pages.at(p), "StructParents", static_cast<HPDF_INT32>(p)), kDoing);
  }
  for (HPDF_Page page : pages) doc.check(HPDF_Dict_AddName(page, "Tabs", "S"), kDoing);
  doc.check(HPDF_Dict_Add(root, "ParentTree", parent_tree), kDoing);
  doc.check(HPDF_Dict_AddNumber(root, "ParentTreeNextKey", static_cast<HPDF_INT32>(pages.size())), kDoing);

  HPDF_Dict catalog = doc.get()->catalog;
  doc.check(HPDF_Dict_Add(catalog, "StructTreeRoot", root), kDoing);
  HPDF_Dict mark_info = doc.made(HPDF_Dict_New(mmgr), kDoing);
  doc.check(HPDF_Dict_Add(mark_info, "Marked", doc.made(HPDF_Boolean_New(mmgr, HPDF_TRUE), kDoing)), kDoing);
  doc.check(HPDF_Dict_Add(catalog, "MarkInfo", mark_info), kDoing);
  if (!lang.empty()) doc.check(HPDF_Dict_Add(catalog, "Lang", doc.text_string(lang, kDoing)), kDoing);
  digest.add(lang);
}

}  // namespace jixiao::pdf
