#pragma once
// The compact activity records kept for the cross-record rules, already partitioned by patient: partition =
// xxHash64(NHS number) mod kPartitions, so one patient's whole history (APC, OP, A&E) is in one partition and
// partitions can be processed in parallel without sharing anything.
#include <array>
#include <vector>

#include "core/records.hpp"
#include "core/string_pool.hpp"

namespace recon {

class ActivityStore {
 public:
  static constexpr std::size_t kPartitions = 256;
  static std::size_t partition_of(NhsNumber nhs);

  void add(const Activity& a) { partitions_[partition_of(a.nhs)].push_back(a); }
  std::vector<Activity>& partition(std::size_t i) { return partitions_[i]; }
  const std::vector<Activity>& partition(std::size_t i) const { return partitions_[i]; }
  StringPool& ids() { return ids_; }
  const StringPool& ids() const { return ids_; }
  std::size_t size() const;
  std::size_t memory_bytes() const;

 private:
  std::array<std::vector<Activity>, kPartitions> partitions_;
  StringPool ids_;
};

}  // namespace recon
