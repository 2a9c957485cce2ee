#include "rules/rule_option.hpp"

#include <algorithm>

namespace recon {
namespace {

// In registration order (slot order). A function-local static: options register during static
// initialisation, in whatever order the rules' files are initialised.
std::vector<const RuleOption*>& registered() {
  static std::vector<const RuleOption*> options;
  return options;
}

}  // namespace

RuleOption::RuleOption(std::string_view rule_id, std::string_view name, int default_value, int min_value,
                       int max_value, std::string_view help)
    : rule_id_(rule_id),
      name_(name),
      help_(help),
      default_value_(default_value),
      min_(min_value),
      max_(max_value),
      slot_(registered().size()) {
  registered().push_back(this);
}

std::vector<const RuleOption*> all_rule_options() {
  std::vector<const RuleOption*> options = registered();
  std::sort(options.begin(), options.end(),
            [](const RuleOption* a, const RuleOption* b) { return a->name() < b->name(); });
  return options;
}

const RuleOption* find_rule_option(std::string_view name) {
  for (const RuleOption* o : registered())
    if (o->name() == name) return o;
  return nullptr;
}

std::string RuleOptions::set(std::string_view name, int value) {
  const RuleOption* option = find_rule_option(name);
  if (!option) return "there is no rule option " + std::string(name);
  if (value < option->min_value() || value > option->max_value())
    return std::string(name) + " must be between " + std::to_string(option->min_value()) + " and " +
           std::to_string(option->max_value());
  if (values_.size() <= option->slot()) values_.resize(registered().size());
  values_[option->slot()] = value;
  return {};
}

}  // namespace recon
