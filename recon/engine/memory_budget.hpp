#pragma once
// How --memory-mb is divided. It bounds what grows with the input: the practice lists (held whole, for the
// row rules' look-ups; a referral log grows with the outpatient activity) are charged first, and the patient
// store and the challenge list share what is left. However large the lists, the store and the list keep at
// least a quarter of the budget, and at least 1 MiB (all of a budget that small: --memory-mb 1 keeps its
// meaning, the least the store and list may use): with nothing left they would spill after every few
// records, and a run whose practice lists alone pass --memory-mb needs a larger budget anyway (README).
#include <algorithm>
#include <cstdint>

namespace recon {

inline std::uint64_t activity_budget(std::uint64_t memory_budget_bytes, std::uint64_t practice_bytes) {
  const std::uint64_t floor =
      std::max(memory_budget_bytes / 4, std::min(memory_budget_bytes, std::uint64_t{1} << 20));
  return memory_budget_bytes > practice_bytes ? std::max(memory_budget_bytes - practice_bytes, floor) : floor;
}

}  // namespace recon
