#pragma once
// A read-only Code -> value table with open addressing (linear probing, power-of-two size, at most half
// full), built once from a reference map. The row rules probe the ICD-10 and CC-score tables for every
// diagnosis of every spell, several prefix lengths each; std::unordered_map's prime-modulo bucket and node
// chase cost more than the rest of the look-up, here one multiply, one mask and usually one cache line.
#include <cstdint>
#include <vector>

#include "core/code.hpp"

namespace recon {

template <class Value>
class CodeIndex {
 public:
  // `map`: any range of (Code, Value) pairs with distinct codes; the empty code is never stored.
  template <class Map>
  void build(const Map& map) {
    std::size_t capacity = 16;
    shift_ = 60;
    while (capacity < map.size() * 2) capacity *= 2, --shift_;
    mask_ = capacity - 1;
    slots_.assign(capacity, Slot{});
    for (const auto& [code, value] : map) {
      if (code.empty()) continue;
      std::size_t slot = home(code);
      while (slots_[slot].key != 0) slot = (slot + 1) & mask_;
      slots_[slot] = Slot{code.bits(), value};
    }
    built_ = true;
  }
  bool built() const { return built_; }
  // nullptr if absent (or if `code` is empty).
  const Value* find(Code code) const {
    if (code.empty()) return nullptr;
    for (std::size_t slot = home(code);; slot = (slot + 1) & mask_) {
      if (slots_[slot].key == code.bits()) return &slots_[slot].value;
      if (slots_[slot].key == 0) return nullptr;
    }
  }

 private:
  struct Slot {
    std::uint64_t key = 0;  // Code::bits(); 0 = empty slot
    Value value{};
  };
  // Fibonacci hashing: the top bits of the product depend on every byte of the code. (The low bits would
  // not: a short code is packed into the high bytes, so its low bytes are all zero.)
  std::size_t home(Code code) const {
    return static_cast<std::size_t>((code.bits() * 0x9E3779B97F4A7C15ull) >> shift_);
  }
  std::vector<Slot> slots_;
  std::size_t mask_ = 0;
  int shift_ = 64;  // 64 - log2(capacity)
  bool built_ = false;
};

}  // namespace recon
