#pragma once
// The three activity datasets, as a vocabulary type with no logic behind it. Header-only and free of other
// project headers, so that both the checker and the synthetic data generator (recon/generate/, which
// otherwise shares no code with the checker) name a dataset with this one type.
#include <cstdint>
#include <string_view>

namespace recon {

enum class Dataset : std::uint8_t { kApc = 0, kOp = 1, kAe = 2 };

// The dataset's name in file names, challenge lists and truth.csv.
inline constexpr std::string_view dataset_name(Dataset d) {
  switch (d) {
    case Dataset::kApc:
      return "apc";
    case Dataset::kOp:
      return "op";
    case Dataset::kAe:
      return "ae";
  }
  return "?";
}

}  // namespace recon
