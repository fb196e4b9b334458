#include "layout/shape_cache.h"

#include <mutex>

namespace jixiao::layout {

std::shared_ptr<const ParagraphShape> ShapeCache::find(const std::string& key) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  auto it = shapes_.find(key);
  return it == shapes_.end() ? nullptr : it->second;
}

void ShapeCache::keep(const std::string& key, std::shared_ptr<const ParagraphShape> shape) {
  if (full_.load(std::memory_order_relaxed)) return;
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (shapes_.size() < kCapacity) shapes_.emplace(key, std::move(shape));
  if (shapes_.size() >= kCapacity) full_.store(true, std::memory_order_relaxed);
}

std::size_t ShapeCache::size() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return shapes_.size();
}

}  // namespace jixiao::layout
