// Paragraph analyses shared by the documents laid out with one font library: labels and
// table headings recur in every document of a template, so their font choice, shaping and
// break opportunities are computed once. Owned by whoever holds the library (the engine),
// passed to lay_out through LayoutOptions::shapes; it must not outlive that library.
#pragma once
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "layout/shape.h"

namespace jixiao::layout {

// Faces, shaping and break opportunities of one paragraph at one size; never changed.
struct ParagraphShape {
  ShapedText shaped;
  std::vector<std::uint8_t> breaks;
};

class ShapeCache {
 public:
  // The first kCapacity keys are kept for the cache's life: the recurring short paragraphs
  // of a bulk run come first, and a bound keeps a long run's memory flat.
  static constexpr std::size_t kCapacity = 4096;

  explicit ShapeCache(const FontLibrary& fonts) : fonts_(&fonts) {}
  ShapeCache(const ShapeCache&) = delete;
  ShapeCache& operator=(const ShapeCache&) = delete;

  // Whether this cache holds shapes of that library's faces (the only one it may serve).
  bool serves(const FontLibrary& fonts) const { return &fonts == fonts_; }

  // key names all a shape depends on (size, faces, text). Thread-safe; a hit gives what
  // shaping anew would.
  std::shared_ptr<const ParagraphShape> find(const std::string& key) const;
  // Another thread may have kept the same key meanwhile: equal values, the first stays.
  void keep(const std::string& key, std::shared_ptr<const ParagraphShape> shape);
  std::size_t size() const;

 private:
  const FontLibrary* fonts_;
  mutable std::shared_mutex mutex_;
  std::atomic<bool> full_{false};  // set once kCapacity keys are kept: keep() then takes no lock
  std::unordered_map<std::string, std::shared_ptr<const ParagraphShape>> shapes_;
};

}  // namespace jixiao::layout
