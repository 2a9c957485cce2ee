#pragma once
// Where each patient's rows start in a vector sorted by NHS number: an open-addressing hash table, so the
// row rules' per-record look-ups (register, referrals, conditions) cost one cache miss instead of the ~20 of
// a binary search over a million-row list. A slot holds the key with its range (16 bytes, four to a cache
// line), so a probe touches one line, not one in a key array and another in a range array.
#include <cstdint>
#include <vector>

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
    std::size_t distinct = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) distinct += (i == 0 || rows[i].nhs != rows[i - 1].nhs);
    std::size_t capacity = 16;
    while (capacity < distinct * 2) capacity *= 2;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{});
    for (std::size_t i = 0; i < rows.size();) {
      std::size_t j = i + 1;
      while (j < rows.size() && rows[j].nhs == rows[i].nhs) ++j;
      std::size_t slot = hash(rows[i].nhs) & mask_;
      while (slots_[slot].key != kEmpty) slot = (slot + 1) & mask_;
      slots_[slot] =
          Slot{rows[i].nhs, Range{static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(j - i)}};
      i = j;
    }
  }
  // Starts loading the line holding nhs's home slot, so that a find() a little later does not wait on
  // memory (see ActivitySink's look-ahead).
  void prefetch(NhsNumber nhs) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[hash(nhs) & mask_]);
  }
  Range find(NhsNumber nhs) const {
    if (slots_.empty() || nhs == kEmpty) return {};
    for (std::size_t slot = hash(nhs) & mask_;; slot = (slot + 1) & mask_) {
      if (slots_[slot].key == nhs) return slots_[slot].range;
      if (slots_[slot].key == kEmpty) return {};
    }
  }

 private:
  static constexpr NhsNumber kEmpty = ~NhsNumber{0};
  static std::size_t hash(NhsNumber n) {
    std::uint64_t x = n * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(x ^ (x >> 32));
  }
  struct Slot {
    NhsNumber key = kEmpty;
    Range range;
  };
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
};

}  // namespace recon
