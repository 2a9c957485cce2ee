#include "recon/engine/run_result.hpp"

namespace recon {

std::uint64_t RunResult::rows_in() const {
  std::uint64_t n = 0;
  for (const auto& c : counts) n += c.rows;
  return n;
}
std::uint64_t RunResult::accepted() const {
  std::uint64_t n = 0;
  for (const auto& c : counts) n += c.accepted;
  return n;
}
ChallengeTotals RunResult::totals() const {
  return challenge_totals ? *challenge_totals : ChallengeTotals::of(challenges);
}
std::uint64_t RunResult::rejected() const {
  std::uint64_t n = 0;
  for (const auto& c : counts) n += c.rejected;
  return n;
}

}  // namespace recon
