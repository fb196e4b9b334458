#include "pdf/subset_cache.h"

#include <algorithm>

namespace jixiao::pdf {

std::shared_ptr<const PreparedFont> SubsetCache::find(layout::FontId face, const std::string& glyphs) {
  std::lock_guard<std::mutex> lock(mutex_);
  Kept& kept = faces_[face];
  auto it = std::find_if(kept.begin(), kept.end(), [&](const auto& k) { return k.first == glyphs; });
  if (it == kept.end()) return nullptr;
  std::rotate(kept.begin(), it, it + 1);  // now the most recently used
  return kept.front().second;
}

void SubsetCache::keep(layout::FontId face, const std::string& glyphs, std::shared_ptr<const PreparedFont> prepared) {
  std::lock_guard<std::mutex> lock(mutex_);
  Kept& kept = faces_[face];
  if (std::any_of(kept.begin(), kept.end(), [&](const auto& k) { return k.first == glyphs; })) return;
  if (kept.size() == kPerFace) kept.pop_back();
  kept.emplace(kept.begin(), glyphs, std::move(prepared));
}

std::size_t SubsetCache::size(layout::FontId face) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = faces_.find(face);
  return it == faces_.end() ? 0 : it->second.size();
}

std::shared_ptr<CffGlyphs> SubsetCache::cff_glyphs(layout::FontId face, const std::string& name) {
  // Under the lock: a face's CFF facts are read once (a few ms), not by every thread.
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cff_.find(face);
  if (it == cff_.end()) it = cff_.emplace(face, CffGlyphs::of(*fonts_, face, name)).first;
  return it->second;
}

std::shared_ptr<TrueTypeGlyphs> SubsetCache::truetype_glyphs(layout::FontId face, const std::string& name) {
  std::lock_guard<std::mutex> lock(mutex_);  // as cff_glyphs: made once, by one thread
  auto it = truetype_.find(face);
  if (it == truetype_.end())
    it = truetype_.emplace(face, TrueTypeGlyphs::of(fonts_->harfbuzz_face(face), fonts_->subset_face(face),
                                                    fonts_->harfbuzz_font(face), name)).first;
  return it->second;
}

}  // namespace jixiao::pdf
