#include "bulk/outputs.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <map>

#include "bulk/documents.h"

namespace jixiao::bulk {

namespace {

std::string padded(std::size_t n, std::size_t width) {
  std::string s = std::to_string(n);
  return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

// Names compared as a case-insensitive file system would (ASCII letters only: Chinese has
// no case, and Windows' folding of other scripts is not worth a table here).
std::string folded(std::string name) {
  for (char& c : name)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return name;
}

// One PDF of the run: 24 bytes each, so that a run of a million documents checks its names
// in a few tens of MB; names are made again only where two keys meet.
struct Named {
  std::uint64_t key;  // hash of the folded name
  std::size_t plan, index;
  bool operator<(const Named& o) const {
    return key != o.key ? key < o.key : plan != o.plan ? plan < o.plan : index < o.index;
  }
};

std::uint64_t key_of(const std::string& name) { return std::hash<std::string>{}(folded(name)); }

class Clashes {
 public:
  Clashes(const std::vector<Plan>& plans, DiagnosticSink& sink) : plans_(plans), sink_(sink) {}

  std::optional<std::size_t> index(const Named& n) const {
    return plans_[n.plan].member.empty() ? std::nullopt : std::optional<std::size_t>(n.index);
  }
  std::string name(const Named& n) const { return output_name(plans_[n.plan], index(n)); }
  std::string pointer(const Named& n) const {
    return index(n) ? "/" + plans_[n.plan].member + "/" + std::to_string(n.index) : "";
  }
  // "s.json /projects/0", "batch.jsonl:12", "s-1.json"
  std::string who(const Named& n) const {
    std::string p = pointer(n);
    return plans_[n.plan].set.name + (p.empty() ? "" : " " + p);
  }

  // b (later in the run) would write what a writes; inside: a's PDF is a directory of b's name.
  void report(const Named& a, const Named& b, const std::string& inside = "") {
    const DataSet& set = plans_[b.plan].set;
    if (inside.empty() && set.name == plans_[a.plan].set.name) {
      if (b.index == 0)  // once per data set, not for each of its documents
        add({Severity::Error, "bulk.input", set.name, "", "given twice (itself or through a directory given twice)",
             "each input once", "", {}});
      return;
    }
    std::string mine = name(b), theirs = name(a);
    std::string message = !inside.empty() ? "would write " + mine + " inside " + inside + ", which " + who(a) +
                                                " writes as a PDF"
                          : mine == theirs ? "would write " + mine + ", as " + who(a) + " does"
                                           : "would write " + mine + ", as " + who(a) + " writes " + theirs +
                                                 ", a name differing only in upper and lower case (one file on "
                                                 "Windows and macOS disks)";
    add({Severity::Error, "bulk.output-clash", set.name, pointer(b), message,
         "each PDF written by one document of the run", "",
         {"rename one of the two inputs, or give the directories that hold them (sub-paths are kept)"}});
  }

  // The first few in full; a directory given twice must not print a line per file.
  void add(Diagnostic d) {
    if (++count_ <= kShown) sink_.report(std::move(d));
  }
  std::size_t count() const { return count_; }
  static constexpr std::size_t kShown = 20;

 private:
  const std::vector<Plan>& plans_;
  DiagnosticSink& sink_;
  std::size_t count_ = 0;
};

}  // namespace

std::string output_name(const Plan& p, std::optional<std::size_t> index) {
  if (!index) return p.set.out_stem + p.extension;
  return p.set.out_stem + "-" + padded(*index + 1, std::to_string(p.documents).size()) + p.extension;
}

std::vector<Plan> make_plans(Engine& engine, std::vector<DataSet> sets, const std::string& extension) {
  std::vector<Plan> plans;
  std::size_t ordinal = 0;
  // Asked once a form: an unknown form lists the template directories, and 300,000 lines
  // of one took 18 s.
  std::map<std::string, std::optional<std::string>> members;
  for (auto& set : sets) {
    Plan p{std::move(set), "", 1, ordinal, extension};
    try {
      Outline o = outline(read_data_set(p.set));
      if (o.ok && !o.form.empty()) {
        auto known = members.find(o.form);
        if (known == members.end()) {
          DiagnosticSink ignored;  // the engine reports these again when the set is rendered
          known = members.emplace(o.form, engine.documents_member(o.form, p.set.name, ignored)).first;
        }
        const std::optional<std::string>& member = known->second;
        if (member && !member->empty()) {
          auto it = o.arrays.find(*member);
          if (it != o.arrays.end() && it->second >= 2) {
            p.member = *member;
            p.documents = it->second;
          }
        }
      }
    } catch (const Failure&) {
      // unreadable: rendered whole, so that the engine reports it
    }
    ordinal += p.documents;
    plans.push_back(std::move(p));
  }
  return plans;
}

bool check_outputs(const std::vector<Plan>& plans, DiagnosticSink& sink) {
  Clashes clashes(plans, sink);
  std::vector<Named> all;
  for (std::size_t p = 0; p < plans.size(); ++p)
    for (std::size_t i = 0; i < plans[p].documents; ++i) {
      Named n{0, p, i};
      n.key = key_of(clashes.name(n));
      all.push_back(n);
    }
  std::sort(all.begin(), all.end());
  // Found in key order, reported in run order: b clashes with a; inside: a's PDF is b's directory.
  struct Found {
    Named a, b;
    std::string inside;
  };
  std::vector<Found> found;
  // Within a key, in run order: each name after its first writer clashes with it.
  for (std::size_t g = 0; g < all.size();) {
    std::size_t end = g;
    while (end < all.size() && all[end].key == all[g].key) ++end;
    for (std::size_t b = g + 1; b < end; ++b)
      for (std::size_t a = g; a < b; ++a)
        if (folded(clashes.name(all[a])) == folded(clashes.name(all[b]))) {
          found.push_back({all[a], all[b], ""});
          break;
        }
    g = end;
  }
  // A name whose directory part is another's PDF ("x.pdf/a.pdf" beside "x.pdf").
  for (const Named& b : all) {
    std::string mine = clashes.name(b);
    for (std::size_t slash = mine.find('/'); slash != std::string::npos; slash = mine.find('/', slash + 1)) {
      std::string dir = mine.substr(0, slash);
      if (dir.size() < 4 || folded(dir.substr(dir.size() - 4)) != plans[b.plan].extension) continue;
      auto it = std::lower_bound(all.begin(), all.end(), Named{key_of(dir), 0, 0});
      for (; it != all.end() && it->key == key_of(dir); ++it)
        if (folded(clashes.name(*it)) == folded(dir)) {
          found.push_back({*it, b, dir});
          break;
        }
    }
  }
  std::sort(found.begin(), found.end(), [](const Found& x, const Found& y) {
    return x.b.plan != y.b.plan ? x.b.plan < y.b.plan : x.b.index < y.b.index;
  });
  for (const auto& f : found) clashes.report(f.a, f.b, f.inside);
  if (clashes.count() > Clashes::kShown)
    sink.error("bulk.output-clash", "", "",
               "and " + std::to_string(clashes.count() - Clashes::kShown) +
                   " more documents would write a PDF another document writes");
  return clashes.count() == 0;
}

}  // namespace jixiao::bulk
