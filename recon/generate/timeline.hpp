// Lays a patient's records of one dataset out in time: each record occupies [start, end] and is separated
// from the previous one by a gap that is either free (at least `gap_min` days) or fixed (a planted relation
// such as "readmitted 12 days later"). Free slack is spread at random, so activity covers the whole window.
#pragma once

#include <cstdint>
#include <span>

#include "recon/generate/civil_date.hpp"
#include "recon/generate/rng.hpp"

namespace recon::generate {

struct TimelineSlot {
  bool timed = true;            // false: the record takes its dates from elsewhere (duplicate, nested, ...)
  std::int32_t length = 0;      // end - start in days (length of stay; 0 for one-day contacts)
  std::int32_t gap_min = 1;     // minimum start - previous end
  std::int32_t gap_fixed = -1;  // >= 0: exact start - previous end
  Day start = 0;
  Day end = 0;
};

// Days the timed slots need at least (lengths plus minimum or fixed gaps).
std::int64_t timeline_required_days(std::span<const TimelineSlot> slots);

// Assigns start/end to the timed slots within [first, last]; false (and nothing assigned) if they do not fit.
bool lay_out_timeline(std::span<TimelineSlot> slots, Day first, Day last, Rng& rng);

}  // namespace recon::generate
