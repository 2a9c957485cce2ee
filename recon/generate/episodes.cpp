#include "recon/generate/episodes.hpp"

#include <algorithm>
#include <array>

#include "recon/generate/rng.hpp"

namespace recon::generate {

namespace {

// A stream apart from patient_model.hpp's (population 1, activity 2, schedule 3).
constexpr std::uint64_t kStreamEpisodes = 4;

// Kinds whose row must stay one: a malformed row is rejected as a whole, and a discharge before the
// admission has no days to share out.
bool single_episode(Anomaly kind) {
  return kind == Anomaly::malformed_bad_date || kind == Anomaly::malformed_too_few_fields ||
         kind == Anomaly::discharge_before_admission;
}

bool may_stay_open(const ApcRecord& rec, bool may_be_open, Day period_end) {
  return may_be_open && rec.kind == Anomaly::none && !rec.referenced && rec.note == 0 &&
         rec.dismeth != 4 /* died: the discharge is the death */ && rec.disch > period_end - 21 &&
         month_number(rec.admit) == month_number(rec.disch);
}

}  // namespace

EpisodePlan plan_episodes(const ApcRecord& rec, std::uint64_t seed, std::uint64_t spell_number,
                          bool may_be_open, Day period_end) {
  EpisodePlan plan;
  Rng rng(seed, kStreamEpisodes, spell_number);
  // About 3 spells in 4 have one episode, as in HES, where most stays see one consultant.
  const std::uint64_t draw = rng.below(100);
  int count = draw < 74 ? 1 : draw < 92 ? 2 : draw < 98 ? 3 : 4;
  const std::int32_t nights = rec.disch - rec.admit;
  if (single_episode(rec.kind) || nights < 1) {
    count = 1;  // also a discharge before the admission (nights < 0)
  } else {
    count = std::min(count, nights + 1);
  }
  std::array<Day, kMaxEpisodes + 1> bounds{};
  bounds[0] = rec.admit;
  // The days the patient changes consultant, in order (an insertion sort of at most three).
  for (int k = 1; k < count; ++k) {
    const auto day = static_cast<Day>(rng.between(rec.admit, rec.disch));
    int at = k;
    for (; at > 1 && bounds[at - 1] > day; --at) bounds[at] = bounds[at - 1];
    bounds[at] = day;
  }
  bounds[count] = rec.disch;
  plan.count = count;
  for (int k = 0; k < count; ++k) {
    plan.start[k] = bounds[k];
    plan.end[k] = bounds[k + 1];
  }
  plan.open = may_stay_open(rec, may_be_open, period_end) && rng.permille(60);
  return plan;
}

}  // namespace recon::generate
