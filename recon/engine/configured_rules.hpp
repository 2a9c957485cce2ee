#pragma once
// The engine's side of a contract's local rules (rule_settings.hpp). Rules know nothing of configuration:
// they read their options from the RuleContext they are handed and stamp their catalogue severity. So the
// engine (1) hands a record of a provider with its own option values a context holding them, and (2) gives
// each challenge the severity in force for its rule and provider, dropping the challenges of a provider for
// whom the config turns the rule off. With no configuration both are no-ops.
#include <map>
#include <string>
#include <vector>

#include "core/challenge.hpp"
#include "recon/engine/rule_settings.hpp"
#include "rules/rule.hpp"

namespace recon {

class ConfiguredRules {
 public:
  // `base` is the run's context (its options are the run-wide values); it must outlive this object.
  ConfiguredRules(const RuleSettings& settings, const RuleContext& base);
  ConfiguredRules(const ConfiguredRules&) = delete;
  ConfiguredRules& operator=(const ConfiguredRules&) = delete;

  const RuleContext& base() const { return base_; }
  // The context a record of `provider` is checked in: the run's, or one with the provider's own values.
  const RuleContext& context_for(Code provider) const {
    if (provider_contexts_.empty()) return base_;
    const auto it = provider_contexts_.find(provider);
    return it == provider_contexts_.end() ? base_ : it->second;
  }
  // The providers that set one of `rule_id`'s options themselves (empty for most rules and runs).
  const std::vector<Code>& providers_with_options(std::string_view rule_id) const;

  // Each challenge gets its rule's severity for its provider; a provider's challenges of a rule the config
  // turns off for that provider are removed. Order is kept.
  void apply(std::vector<Challenge>& challenges) const;

 private:
  struct RuleEffect {
    Severity severity;
    bool enabled;
    std::map<Code, std::pair<Severity, bool>> providers;  // severity and enabled per provider
  };
  const RuleContext& base_;
  std::map<Code, RuleOptions> provider_options_;
  std::map<Code, RuleContext> provider_contexts_;
  std::map<std::string, std::vector<Code>, std::less<>> option_providers_;  // by rule id
  std::map<std::string, RuleEffect, std::less<>> effects_;  // rules whose severity or enabled is configured
};

// Runs `check` once per distinct context: with the run's context for the challenges on records of providers
// without their own values for `rule_id`'s options, and once with each such provider's context for its own
// records' challenges. `check(ctx, out)` appends challenges to `out`. Patient and aggregate rules see records
// of several providers at once; this keeps each challenge judged by its own provider's values.
template <class Check>
void check_per_provider(const ConfiguredRules& configured, std::string_view rule_id, const RuleContext& base,
                        std::vector<Challenge>& out, Check check) {
  const std::vector<Code>& special = configured.providers_with_options(rule_id);
  if (special.empty()) return check(base, out);
  auto is_special = [&](Code p) { return std::find(special.begin(), special.end(), p) != special.end(); };
  std::vector<Challenge> found;
  check(base, found);
  for (Challenge& c : found)
    if (!is_special(c.procode)) out.push_back(std::move(c));
  for (Code provider : special) {
    found.clear();
    RuleContext ctx = configured.context_for(provider);
    ctx.ids = base.ids;
    check(ctx, found);
    for (Challenge& c : found)
      if (c.procode == provider) out.push_back(std::move(c));
  }
}

}  // namespace recon
