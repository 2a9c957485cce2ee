#pragma once
// A rule's own options. As clang-tidy checks own theirs, a rule declares each option beside its code (a
// RuleOption at namespace scope in the rule's file registers itself) and reads it from the run's
// RuleOptions. `recon run`'s flags, their help, the catalogue's options column and the run id are derived
// from the registered options: no list of options is written anywhere else.
#include <cstddef>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/code.hpp"
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

// A rule option whose value is a list of codes (HRGs, HRG chapters, treatment functions, ...), registered
// as RuleOption is. In a config file it is an array of strings; on the command line one comma-separated
// word (--NAME A,B; --NAME "" for none). Each code must pass `valid`, which `kind` describes for the
// messages ("an HRG chapter: two capital letters").
class RuleCodeListOption {
 public:
  RuleCodeListOption(std::string_view rule_id, std::string_view name,
                     std::initializer_list<std::string_view> default_codes, bool (*valid)(std::string_view),
                     std::string_view kind, std::string_view help);
  RuleCodeListOption(const RuleCodeListOption&) = delete;
  RuleCodeListOption& operator=(const RuleCodeListOption&) = delete;

  std::string_view rule_id() const { return rule_id_; }
  std::string_view name() const { return name_; }
  const std::vector<Code>& default_codes() const { return defaults_; }
  std::string_view kind() const { return kind_; }
  std::string_view help() const { return help_; }
  std::size_t slot() const { return slot_; }
  // Empty when `code` may be in the list; otherwise why not.
  std::string check(std::string_view code) const;

 private:
  std::string_view rule_id_, name_, kind_, help_;
  std::vector<Code> defaults_;
  bool (*valid_)(std::string_view);
  std::size_t slot_;
};

std::vector<const RuleCodeListOption*> all_rule_code_list_options();  // by name
const RuleCodeListOption* find_rule_code_list_option(std::string_view name);
// "A, B, C", or "none" for an empty list.
std::string join_codes(const std::vector<Code>& codes);

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

  const std::vector<Code>& operator[](const RuleCodeListOption& option) const {
    const std::size_t slot = option.slot();
    return slot < lists_.size() && lists_[slot] ? *lists_[slot] : option.default_codes();
  }
  // Empty on success; otherwise why not ("there is no rule option NAME", "NAME: 'X' is not ...").
  // Codes are kept in the order given, each once.
  std::string set_codes(std::string_view name, const std::vector<std::string>& codes);

 private:
  std::vector<std::optional<int>> values_;               // by RuleOption::slot()
  std::vector<std::optional<std::vector<Code>>> lists_;  // by RuleCodeListOption::slot()
};

}  // namespace recon
