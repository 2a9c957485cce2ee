#include "recon/engine/configured_rules.hpp"

#include <algorithm>

#include "rules/registry.hpp"

namespace recon {

ConfiguredRules::ConfiguredRules(const RuleSettings& settings, const RuleContext& base) : base_(base) {
  for (const auto& [id, setting] : settings.rules) {
    const Rule* rule = RuleRegistry::instance().find(id);
    if (!rule) continue;  // the config reader refuses unknown rules; tests may not
    const bool configures_effect =
        setting.severity || setting.enabled ||
        std::any_of(setting.providers.begin(), setting.providers.end(),
                    [](const auto& p) { return p.second.severity || p.second.enabled; });
    if (configures_effect) {
      RuleEffect effect{setting.severity.value_or(rule->info().severity), setting.enabled.value_or(true), {}};
      for (const auto& [provider, p] : setting.providers)
        effect.providers[Code::of(provider)] = {p.severity.value_or(effect.severity),
                                                p.enabled.value_or(effect.enabled)};
      effects_.emplace(id, std::move(effect));
    }
    for (const auto& [provider, p] : setting.providers) {
      if (p.options.empty() && p.code_lists.empty()) continue;
      const Code code = Code::of(provider);
      auto [it, fresh] = provider_options_.try_emplace(code, base.options);
      for (const auto& [name, value] : p.options) it->second.set(name, value);  // checked when read
      for (const auto& [name, codes] : p.code_lists) {
        std::vector<std::string> texts;
        for (Code c : codes) texts.push_back(c.str());
        it->second.set_codes(name, texts);  // checked when read
      }
      option_providers_[id].push_back(code);
    }
  }
  for (const auto& [code, options] : provider_options_)
    provider_contexts_.emplace(code, RuleContext{base.ref, base.practice, options, nullptr});
}

const std::vector<Code>& ConfiguredRules::providers_with_options(std::string_view rule_id) const {
  static const std::vector<Code> kNone;
  const auto it = option_providers_.find(rule_id);
  return it == option_providers_.end() ? kNone : it->second;
}

void ConfiguredRules::apply(std::vector<Challenge>& challenges) const {
  if (effects_.empty()) return;
  auto kept = challenges.begin();
  for (Challenge& c : challenges) {
    const auto it = effects_.find(c.rule);
    if (it != effects_.end()) {
      const RuleEffect& effect = it->second;
      const auto p = effect.providers.find(c.procode);
      const auto [severity, enabled] =
          p == effect.providers.end() ? std::pair{effect.severity, effect.enabled} : p->second;
      if (!enabled) continue;
      c.severity = severity;
    }
    if (&*kept != &c) *kept = std::move(c);
    ++kept;
  }
  challenges.erase(kept, challenges.end());
}

}  // namespace recon
