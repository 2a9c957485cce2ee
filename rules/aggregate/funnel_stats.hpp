#pragma once
// Funnel-plot statistics for proportions (docs/statistics.md explains them): is a unit's share of cases of
// interest higher than a benchmark share allows, given how many cases the unit has?
//
// A unit with n cases of which `events` are of interest has the observed share p = events / n. Under the null
// hypothesis its cases behave like the benchmark's (share p0), so events ~ Binomial(n, p0), which the normal
// approximation turns into the funnel limits
//     p0 +/- z * sqrt(p0 (1 - p0) / n)
// (z = 1.96 for 95%, 3.09 for 99.8%). When the benchmark is itself a small sample (n0 cases, e.g. the same
// provider's previous period), its own sampling error is added:  p0 +/- z * sqrt(p0 (1 - p0) (1/n + 1/n0)).
// Pure functions of counts: deterministic whatever the thread count.
#include <cstdint>

namespace recon::funnel {

inline constexpr double kZ95 = 1.96;   // two-sided 95% limits (one-sided 2.5% above the upper limit)
inline constexpr double kZ998 = 3.09;  // two-sided 99.8% limits (one-sided 0.1% above the upper limit)

// The normal approximation to the binomial is only trusted when the expected counts on both sides are at
// least this (the textbook n*p0 >= 5 and n*(1-p0) >= 5).
inline constexpr double kMinExpected = 5.0;

// Standard error of a share under the benchmark p0: sqrt(p0 (1 - p0) (1/n + 1/n0)); n0 = 0 means the
// benchmark is known exactly (a large peer group), giving the classic sqrt(p0 (1 - p0) / n).
double standard_error(double p0, double n, double n0 = 0);

// p0 + z * standard_error and p0 - z * standard_error (not clamped to [0, 1]: a limit above 1 simply
// cannot be crossed).
double upper_limit(double p0, double n, double z, double n0 = 0);
double lower_limit(double p0, double n, double z, double n0 = 0);

// Whether the normal approximation is good enough to judge a unit of n cases against p0 (n0 = 0: known
// benchmark; otherwise the smaller of the two samples must meet the expected-count minimum).
bool approximation_ok(double p0, double n, double n0 = 0);

// One unit judged against a benchmark.
struct Comparison {
  bool judged = false;  // false: too few cases for the approximation (nothing below is meaningful)
  double share = 0;     // observed p = events / n
  double benchmark = 0;
  double z = 0;  // (p - p0) / standard_error
  double upper95 = 0, upper998 = 0;
  double expected = 0;  // n * p0: the events the benchmark share gives at this volume
  double excess = 0;    // events - expected (negative when below the benchmark)
  // Strictly above the limit: a share exactly on the limit is not flagged.
  bool above95() const { return judged && share > upper95; }
  bool above998() const { return judged && share > upper998; }
};

// `events` of `n` against the benchmark share p0 (n0 as above). Not judged when n == 0 or the
// approximation is not ok.
Comparison compare(std::uint64_t events, std::uint64_t n, double p0, double n0 = 0);

}  // namespace recon::funnel
