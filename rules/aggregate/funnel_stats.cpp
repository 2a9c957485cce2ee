#include "rules/aggregate/funnel_stats.hpp"

#include <algorithm>
#include <cmath>

namespace recon::funnel {

double standard_error(double p0, double n, double n0) {
  if (n <= 0) return 0;
  const double inverse_sizes = 1.0 / n + (n0 > 0 ? 1.0 / n0 : 0.0);
  return std::sqrt(p0 * (1.0 - p0) * inverse_sizes);
}

double upper_limit(double p0, double n, double z, double n0) { return p0 + z * standard_error(p0, n, n0); }
double lower_limit(double p0, double n, double z, double n0) { return p0 - z * standard_error(p0, n, n0); }

bool approximation_ok(double p0, double n, double n0) {
  const double smaller = n0 > 0 ? std::min(n, n0) : n;
  return smaller * p0 >= kMinExpected && smaller * (1.0 - p0) >= kMinExpected;
}

Comparison compare(std::uint64_t events, std::uint64_t n, double p0, double n0) {
  Comparison c;
  const double cases = static_cast<double>(n);
  if (n == 0 || !approximation_ok(p0, cases, n0)) return c;
  c.judged = true;
  c.share = static_cast<double>(events) / cases;
  c.benchmark = p0;
  c.z = (c.share - p0) / standard_error(p0, cases, n0);  // > 0: approximation_ok excludes p0 of 0 or 1
  c.upper95 = upper_limit(p0, cases, kZ95, n0);
  c.upper998 = upper_limit(p0, cases, kZ998, n0);
  c.expected = cases * p0;
  c.excess = static_cast<double>(events) - c.expected;
  return c;
}

}  // namespace recon::funnel
