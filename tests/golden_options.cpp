#include "tests/golden_options.hpp"

#include <algorithm>
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
  // A code list option takes its codes comma-separated ("-" for none), as `recon run --NAME A,B` would.
  if (find_rule_code_list_option(name)) {
    std::vector<std::string> codes;
    for (std::size_t start = 0; value != "-" && start <= value.size();) {
      const std::size_t end = std::min(value.find(',', start), value.size());
      codes.emplace_back(value.substr(start, end - start));
      start = end + 1;
    }
    if (std::string error = inputs.options.set_codes(name, codes); !error.empty()) return "option " + error;
    return "";
  }
  // Every other name is a rule's own option (rules/rule_option.hpp), set as `recon run --NAME VALUE` would.
  int n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size())
    return "option " + std::string(name) + ": '" + std::string(value) + "' is not a whole number";
  if (std::string error = inputs.options.set(name, n); !error.empty()) return "option " + error;
  return "";
}

}  // namespace recon::testing
