#include "recon/generate/timeline.hpp"

#include <vector>

namespace recon::generate {

std::int64_t timeline_required_days(std::span<const TimelineSlot> slots) {
  std::int64_t required = 0;
  bool first = true;
  for (const auto& slot : slots) {
    if (!slot.timed) continue;
    if (!first) required += slot.gap_fixed >= 0 ? slot.gap_fixed : slot.gap_min;
    required += slot.length;
    first = false;
  }
  return required;
}

bool lay_out_timeline(std::span<TimelineSlot> slots, Day first, Day last, Rng& rng) {
  const std::int64_t required = timeline_required_days(slots);
  const std::int64_t slack = static_cast<std::int64_t>(last) - first - required;
  if (slack < 0) return false;

  // One share of slack before the first record, one per free gap and one after the last record.
  std::vector<std::uint32_t> weights;
  bool seen_first = false;
  weights.push_back(static_cast<std::uint32_t>(1 + rng.below(1000)));
  for (const auto& slot : slots) {
    if (!slot.timed) continue;
    if (seen_first && slot.gap_fixed < 0) weights.push_back(static_cast<std::uint32_t>(1 + rng.below(1000)));
    seen_first = true;
  }
  weights.push_back(static_cast<std::uint32_t>(1 + rng.below(1000)));
  std::uint64_t total = 0;
  for (auto w : weights) total += w;
  auto share = [&](std::size_t i) {
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(slack) * weights[i] / total);
  };

  std::size_t next_weight = 0;
  Day cursor = first + static_cast<Day>(share(next_weight++));
  seen_first = false;
  for (auto& slot : slots) {
    if (!slot.timed) continue;
    if (seen_first) {
      if (slot.gap_fixed >= 0) {
        cursor += slot.gap_fixed;
      } else {
        cursor += slot.gap_min + static_cast<Day>(share(next_weight++));
      }
    }
    slot.start = cursor;
    slot.end = cursor + slot.length;
    cursor = slot.end;
    seen_first = true;
  }
  return true;
}

}  // namespace recon::generate
