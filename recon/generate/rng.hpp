// Deterministic random numbers for the synthetic data generator.
//
// The standard <random> distributions are implementation-defined, so the same seed would give different
// data with libstdc++, libc++ and MSVC. Everything here is a fixed algorithm with integer range mapping,
// so a seed gives byte-identical output on every platform.
#pragma once

#include <cstdint>
#include <span>

namespace recon::generate {

// SplitMix64 step: used to expand a seed into xoshiro state and to derive independent streams.
constexpr std::uint64_t splitmix64(std::uint64_t& state) {
  state += 0x9E3779B97F4A7C15ULL;
  std::uint64_t z = state;
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// xoshiro256** seeded from (seed, stream, index). Each patient gets its own stream, so the data of one
// patient does not depend on how much randomness the previous patients consumed.
class Rng {
 public:
  Rng(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
    std::uint64_t sm = seed;
    std::uint64_t h = splitmix64(sm);
    sm = h ^ (stream * 0xD1B54A32D192ED03ULL);
    h = splitmix64(sm);
    sm = h ^ (index * 0x8CB92BA72F3D8DD7ULL);
    for (auto& word : s_) word = splitmix64(sm);
  }

  std::uint64_t next() {
    const std::uint64_t result = rotl(s_[1] * 5, 7) * 9;
    const std::uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = rotl(s_[3], 45);
    return result;
  }

  // Uniform in [0, n) by multiply-high (bias below 2^-40 for the ranges used here); n == 0 gives 0.
  std::uint64_t below(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(next()) * n) >> 64);
  }

  // Uniform in [lo, hi] (inclusive); returns lo when hi < lo.
  std::int64_t between(std::int64_t lo, std::int64_t hi) {
    if (hi <= lo) return lo;
    return lo + static_cast<std::int64_t>(below(static_cast<std::uint64_t>(hi - lo) + 1));
  }

  // True with probability p/1000.
  bool permille(std::uint32_t p) { return below(1000) < p; }

  // True with probability p (0..1). Uses 53 random bits; exact IEEE arithmetic, so portable.
  bool chance(double p) { return static_cast<double>(next() >> 11) * 0x1.0p-53 < p; }

  template <typename T>
  const T& pick(std::span<const T> items) {
    return items[below(items.size())];
  }

  // Index chosen with probability proportional to weights[i] (integers, so the choice is portable).
  template <typename W>
  std::size_t weighted(std::span<const W> weights) {
    std::uint64_t total = 0;
    for (auto w : weights) total += static_cast<std::uint64_t>(w);
    if (total == 0) return 0;
    std::uint64_t r = below(total);
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const auto w = static_cast<std::uint64_t>(weights[i]);
      if (r < w) return i;
      r -= w;
    }
    return weights.size() - 1;
  }

 private:
  static constexpr std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  std::uint64_t s_[4];
};

}  // namespace recon::generate
