#pragma once
// report.html's month-on-month section (with --history, docs/history.md): per provider, one bar per run (the
// latest kTrendRuns runs of the history, this one last) of the amount challenged, split into what the
// provider accepted, disputed, and what is queried or not answered, with the number of challenges above
// each bar, as inline SVG; then the same figures as a table. Provider codes, run ids, dates, counts and
// amounts only: no patient-level data.
#include <cstddef>
#include <string>
#include <vector>

#include "recon/writers/challenge_history.hpp"

namespace recon {

inline constexpr std::size_t kTrendRuns = 12;

// `points` by run (oldest first), then provider. The section, or "" when there are no points.
std::string history_trend_section(const std::vector<TrendPoint>& points);

}  // namespace recon
