#include "tests/golden_options.hpp"

#include <charconv>

#include "core/day.hpp"

namespace recon::testing {

std::string set_rule_option(RuleInputs& inputs, std::string_view name, std::string_view value) {
  if (name == "as-of") {
    const auto day = parse_day(value);
    if (!day) return "option as-of: '" + std::string(value) + "' is not a date (YYYY-MM-DD)";
    inputs.options.as_of = *day;
    return "";
  }
  int* target = name == "readmit-days"     ? &inputs.options.readmit_window_days
                : name == "opfirst-months" ? &inputs.options.opfirst_months
                : name == "referral-days"  ? &inputs.options.referral_window_days
                                           : nullptr;
  if (!target)
    return "unknown option '" + std::string(name) + "' (as-of, readmit-days, opfirst-months, referral-days)";
  int n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n < 0)
    return "option " + std::string(name) + ": '" + std::string(value) +
           "' is not a whole number of 0 or more";
  *target = n;
  return "";
}

}  // namespace recon::testing
