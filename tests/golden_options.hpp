#pragma once
// `option NAME VALUE` of a golden case: the rule options by their `recon run` names, set on the harness's
// inputs: as-of, and every option a rule registered (rules/rule_option.hpp).
#include <string>
#include <string_view>

#include "tests/rule_harness.hpp"

namespace recon::testing {

// Sets option `name` (as-of, or a rule option such as readmit-days) to `value` in `inputs`; returns
// what is wrong with the name or value, or "" if it was set.
std::string set_rule_option(RuleInputs& inputs, std::string_view name, std::string_view value);

}  // namespace recon::testing
