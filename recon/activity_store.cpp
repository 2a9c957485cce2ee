#include "recon/activity_store.hpp"

#include <xxhash.h>

namespace recon {

std::size_t ActivityStore::partition_of(NhsNumber nhs) {
  return static_cast<std::size_t>(XXH3_64bits(&nhs, sizeof nhs) % kPartitions);
}

std::size_t ActivityStore::size() const {
  std::size_t n = 0;
  for (const auto& p : partitions_) n += p.size();
  return n;
}

std::size_t ActivityStore::memory_bytes() const {
  std::size_t n = ids_.bytes();
  for (const auto& p : partitions_) n += p.capacity() * sizeof(Activity);
  return n;
}

}  // namespace recon
