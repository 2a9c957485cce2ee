#include "recon/generate/pseudonym.hpp"

#include "recon/generate/rng.hpp"

namespace recon::generate {

std::string_view hes_pseudonym(char* buf, std::uint64_t seed, std::uint64_t patient_index) {
  constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  Rng rng(seed, /*stream=*/5, patient_index);  // 5: apart from the streams of patient_model.hpp
  for (int i = 0; i < 32; ++i) buf[i] = kAlphabet[rng.below(kAlphabet.size())];
  return {buf, 32};
}

std::string_view sus_pseudonym(char* buf, std::uint64_t seed, std::uint64_t patient_index) {
  // index * k + offset modulo 9e11, with k sharing no factor with 9e11 (2^11 3^2 5^11): a bijection, so
  // no two patients share a pseudonym; 1e11 added makes every one 12 digits.
  constexpr unsigned __int128 kRange = 900'000'000'000ULL;
  constexpr unsigned __int128 kMultiplier = 7919ULL * 1'000'003ULL;
  std::uint64_t state = seed;
  const auto offset = static_cast<unsigned __int128>(splitmix64(state) % 900'000'000'000ULL);
  std::uint64_t value =
      100'000'000'000ULL + static_cast<std::uint64_t>((patient_index * kMultiplier + offset) % kRange);
  for (int i = 11; i >= 0; --i) {
    buf[i] = static_cast<char>('0' + value % 10);
    value /= 10;
  }
  return {buf, 12};
}

}  // namespace recon::generate
