#pragma once
// A pattern rule's funnel plot as inline SVG, for report.html: each unit's proportion (e.g. a provider's
// share of spells in the top CC splits) against its number of cases, with the target line, the 95% and
// 99.8% control limits, the points coloured by the limit they breach, their labels and a legend.
// Self-contained (no scripts, fonts or links) and deterministic (fixed number formatting).
#include <string>

#include "core/report_data.hpp"
#include "rules/aggregate/funnel_stats.hpp"

namespace recon {

std::string funnel_svg(const FunnelPlot& plot, int index);  // index makes the SVG's internal ids unique

// The control limits drawn on a funnel plot for a proportion: target + z * sqrt(target (1 - target) / n),
// clamped to [0, 1]; z < 0 gives the lower limits. The z values are the pattern rules' own
// (rules/aggregate/funnel_stats.hpp: 1.96 for 95%, 3.09 for 99.8%), so the curves match the points' flags.
double funnel_limit(double target, double n, double z);
inline constexpr double kZ95 = funnel::kZ95, kZ998 = funnel::kZ998;

}  // namespace recon
