#pragma once
// Where each patient's rows start in a vector sorted by NHS number, so the row rules' per-record look-ups
// (register, referrals, conditions) cost one cache miss instead of the ~20 of a binary search over a
// million-row list. A slot holds the key with its range (16 bytes, four to a cache line).
#include <cstdint>

#include "core/flat_u64_table.hpp"
#include "core/records.hpp"

namespace recon {

class NhsIndex {
 public:
  struct Range {
    std::uint32_t begin = 0, count = 0;
  };
  // `rows` (each with an `nhs` member) must be sorted by NHS number.
  template <class Rows>
  void build(const Rows& rows) {
    if (rows.empty()) {  // no list given: nothing held, and every find() is empty
      table_ = {};
      return;
    }
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) distinct += (i == 0 || rows[i].nhs != rows[i - 1].nhs);
    table_.reset(distinct);
    for (std::size_t i = 0; i < rows.size();) {
      std::size_t j = i + 1;
      while (j < rows.size() && rows[j].nhs == rows[i].nhs) ++j;
      table_.insert(rows[i].nhs, Range{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)});
      i = j;
    }
  }
  void prefetch(NhsNumber nhs) const { table_.prefetch(nhs); }
  std::size_t bytes() const { return table_.bytes(); }
  Range find(NhsNumber nhs) const {
    const Range* r = table_.find(nhs);
    return r ? *r : Range{};
  }

 private:
  // NHS numbers are at most 10 digits, so all ones is never a key.
  FlatU64Table<Range, ~std::uint64_t{0}> table_;
};

}  // namespace recon
