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

std::vector<const RuleCodeListOption*>& registered_lists() {
  static std::vector<const RuleCodeListOption*> options;
  return options;
}

// A registry's options by name, for listing; and the one called `name` (nullptr if none). Both kinds.
template <class Option>
std::vector<const Option*> sorted_by_name(std::vector<const Option*> options) {
  std::sort(options.begin(), options.end(),
            [](const Option* a, const Option* b) { return a->name() < b->name(); });
  return options;
}
template <class Option>
const Option* named(const std::vector<const Option*>& options, std::string_view name) {
  for (const Option* o : options)
    if (o->name() == name) return o;
  return nullptr;
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

std::vector<const RuleOption*> all_rule_options() { return sorted_by_name(registered()); }

const RuleOption* find_rule_option(std::string_view name) { return named(registered(), name); }

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

RuleCodeListOption::RuleCodeListOption(std::string_view rule_id, std::string_view name,
                                       std::initializer_list<std::string_view> default_codes,
                                       bool (*valid)(std::string_view), std::string_view kind,
                                       std::string_view help)
    : rule_id_(rule_id),
      name_(name),
      kind_(kind),
      help_(help),
      valid_(valid),
      slot_(registered_lists().size()) {
  for (std::string_view code : default_codes) defaults_.push_back(Code::of(code));
  registered_lists().push_back(this);
}

std::string RuleCodeListOption::check(std::string_view code) const {
  if (code.size() <= Code::kMaxLength && valid_(code)) return {};
  return "'" + std::string(code) + "' is not " + std::string(kind_);
}

std::vector<const RuleCodeListOption*> all_rule_code_list_options() {
  return sorted_by_name(registered_lists());
}

const RuleCodeListOption* find_rule_code_list_option(std::string_view name) {
  return named(registered_lists(), name);
}

std::string join_codes(const std::vector<Code>& codes) {
  if (codes.empty()) return "none";
  std::string s;
  for (Code c : codes) s += (s.empty() ? "" : ", ") + c.str();
  return s;
}

std::string RuleOptions::set_codes(std::string_view name, const std::vector<std::string>& codes) {
  const RuleCodeListOption* option = find_rule_code_list_option(name);
  if (!option) return "there is no rule option " + std::string(name);
  std::vector<Code> list;
  for (const std::string& text : codes) {
    if (std::string why = option->check(text); !why.empty()) return std::string(name) + ": " + why;
    const Code code = Code::of(text);
    if (std::find(list.begin(), list.end(), code) == list.end()) list.push_back(code);
  }
  if (lists_.size() <= option->slot()) lists_.resize(registered_lists().size());
  lists_[option->slot()] = std::move(list);
  return {};
}

}  // namespace recon
