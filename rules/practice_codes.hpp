#pragma once
// The practices a supplied practice list (the register, the referral log) speaks for. A record whose GPPRAC
// is one of them is a patient the list should know; a record from any other practice (and a patient the list
// has never heard of) is not ours to judge. Built once per run in a rule's can_run (single-threaded, before
// ingest); the parallel row checks only call contains(): a binary search, no allocation.
#include <algorithm>
#include <unordered_set>
#include <vector>

#include "core/code.hpp"

namespace recon {

class PracticeCodes {
 public:
  // Rows with a `gpprac` member (Registration, Referral).
  template <class Rows>
  void add(const Rows& rows) {
    std::unordered_set<Code, CodeHash> seen(codes_.begin(), codes_.end());
    for (const auto& r : rows) seen.insert(r.gpprac);
    codes_.assign(seen.begin(), seen.end());
    std::sort(codes_.begin(), codes_.end());  // only searched, never printed: hash order cannot leak
  }
  void clear() { codes_.clear(); }
  bool contains(Code practice) const { return std::binary_search(codes_.begin(), codes_.end(), practice); }

 private:
  std::vector<Code> codes_;
};

}  // namespace recon
