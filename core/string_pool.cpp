#include "core/string_pool.hpp"

#include <algorithm>
#include <cstring>

namespace recon {

// StrRef::offset encodes (block index << 32 | position in block). A blob is never split across blocks, so
// every id is one contiguous view and view() is safe to call from many threads at once.
std::uint64_t StringPool::append_blob(std::string_view blob) {
  if (blocks_.empty() || used_ + blob.size() > capacity_) {
    capacity_ = std::max(kBlock, blob.size());
    blocks_.push_back(std::make_unique<char[]>(capacity_));
    used_ = 0;
  }
  const std::uint64_t base = (static_cast<std::uint64_t>(blocks_.size() - 1) << 32) | used_;
  if (!blob.empty()) std::memcpy(blocks_.back().get() + used_, blob.data(), blob.size());
  used_ += blob.size();
  bytes_ += blob.size();
  return base;
}

StrRef StringPool::add(std::string_view s) {
  return StrRef{append_blob(s), static_cast<std::uint32_t>(s.size())};
}

std::string_view StringPool::view(StrRef r) const {
  if (r.length == 0) return {};
  return {blocks_[r.offset >> 32].get() + (r.offset & 0xffffffffu), r.length};
}

}  // namespace recon
