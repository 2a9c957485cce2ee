// How a spell is written as HES consultant episodes: HES admitted patient care has one row per episode,
// and the checker groups them back into spells by SUSSPELLID. A spell of N episodes becomes N rows with
// EPIORDER 1..N; each episode starts the day the previous one ended (a transfer between consultants), the
// first on the admission day and the last on the discharge day, which only the last episode carries.
//
// A few spells are left open, as an extract taken while the patient is still in hospital shows them: the
// last episode has no end and the spell no discharge. Only a patient's last spell, clean, not related to
// any other and within one month (so that the activity month is the same whichever date is used) is left
// open, so that nothing planted depends on its discharge; truth.csv notes it as note:open_spell. A checker
// leaves an open spell out of what it prices, so the provider's case mix (HRG_CREEP's counts) differs a
// little from the contract layout's, where every spell is finished.
//
// The plan is drawn from a stream of its own (by spell number), so the spells themselves, and the contract
// layout's files, are the same whichever layout is written.
#pragma once

#include <array>
#include <cstdint>

#include "recon/generate/activity_records.hpp"

namespace recon::generate {

inline constexpr int kMaxEpisodes = 4;

struct EpisodePlan {
  int count = 1;
  std::array<Day, kMaxEpisodes> start{};
  std::array<Day, kMaxEpisodes> end{};
  bool open = false;  // the last episode unfinished: no EPIEND, no DISDATE
};

// `may_be_open`: the caller allows the spell to be left open (the patient's last spell, with nothing planted
// on the patient that needs it checked); `period_end`: the last day of the activity period (open spells end
// in its last weeks).
EpisodePlan plan_episodes(const ApcRecord& rec, std::uint64_t seed, std::uint64_t spell_number,
                          bool may_be_open, Day period_end);

}  // namespace recon::generate
