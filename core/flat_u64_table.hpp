#pragma once
// A read-only table from 64-bit keys to small values, built once and then probed for every input row:
// open addressing with linear probing, a power-of-two size at most half full, so a probe is one multiply,
// one shift and usually one cache line (std::unordered_map's prime-modulo bucket and node chase cost more
// than that). Fibonacci hashing takes the top bits of key x 2^64/phi, which depend on every bit of the key:
// codes packed into the high bytes (core/code.hpp) and dense NHS numbers both spread. `kEmptyKey` marks a
// free slot and is never stored.
#include <cstdint>
#include <vector>

namespace recon {

template <class Value, std::uint64_t kEmptyKey>
class FlatU64Table {
 public:
  // Empties the table and sizes it for `keys` distinct keys.
  void reset(std::size_t keys) {
    std::size_t capacity = 16;
    shift_ = 60;
    while (capacity < keys * 2) capacity *= 2, --shift_;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{});
  }
  // `key` must be new and not kEmptyKey; at most the `keys` given to reset().
  void insert(std::uint64_t key, const Value& value) {
    std::size_t slot = home(key);
    while (slots_[slot].key != kEmptyKey) slot = (slot + 1) & mask_;
    slots_[slot] = Slot{key, value};
  }
  bool built() const { return !slots_.empty(); }
  std::size_t bytes() const { return slots_.size() * sizeof(Slot); }  // the slots held
  // nullptr if absent, if `key` is kEmptyKey, or before reset().
  const Value* find(std::uint64_t key) const {
    if (slots_.empty() || key == kEmptyKey) return nullptr;
    for (std::size_t slot = home(key);; slot = (slot + 1) & mask_) {
      if (slots_[slot].key == key) return &slots_[slot].value;
      if (slots_[slot].key == kEmptyKey) return nullptr;
    }
  }
  // Starts loading the line holding key's home slot, so that a find() a little later does not wait on
  // memory (see ActivitySink's look-ahead).
  void prefetch(std::uint64_t key) const {
    if (!slots_.empty()) __builtin_prefetch(&slots_[home(key)]);
  }

 private:
  struct Slot {
    std::uint64_t key = kEmptyKey;
    Value value{};
  };
  std::size_t home(std::uint64_t key) const {
    return static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;  // 64 - log2(capacity)
};

}  // namespace recon
