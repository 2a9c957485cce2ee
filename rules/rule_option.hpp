#pragma once
// A rule's own options. As clang-tidy checks own theirs, a rule declares each option beside its code (a
// RuleOption at namespace scope in the rule's file registers itself) and reads it from the run's
// RuleOptions. `recon run`'s flags, their help, the catalogue's options column and the run id are derived
// from the registered options: no list of options is written anywhere else.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"

namespace recon {

class RuleOption {
 public:
  // Registers the option. `rule_id` is the owning rule; `name` is the flag (--name) and the name a config or
  // a golden test sets it by; values outside [min_value, max_value] are refused.
  RuleOption(std::string_view rule_id, std::string_view name, int default_value, int min_value, int max_value,
             std::string_view help);
  RuleOption(const RuleOption&) = delete;
  RuleOption& operator=(const RuleOption&) = delete;

  std::string_view rule_id() const { return rule_id_; }
  std::string_view name() const { return name_; }
  int default_value() const { return default_value_; }
  int min_value() const { return min_; }
  int max_value() const { return max_; }
  std::string_view help() const { return help_; }
  std::size_t slot() const { return slot_; }  // its index in every RuleOptions

 private:
  std::string_view rule_id_, name_, help_;
  int default_value_, min_, max_;
  std::size_t slot_;
};

// Every registered option, by name.
std::vector<const RuleOption*> all_rule_options();
const RuleOption* find_rule_option(std::string_view name);

// The values of one run: as_of (every rule's "today") and each rule option, its default unless set.
class RuleOptions {
 public:
  Day as_of = kNoDay;  // "today" for future-date checks; fixed in tests for reproducibility

  int operator[](const RuleOption& option) const {
    const std::size_t slot = option.slot();
    return slot < values_.size() && values_[slot] ? *values_[slot] : option.default_value();
  }
  // Empty on success; otherwise why not ("there is no rule option NAME", "... must be between A and B").
  std::string set(std::string_view name, int value);

 private:
  std::vector<std::optional<int>> values_;  // by RuleOption::slot()
};

}  // namespace recon
