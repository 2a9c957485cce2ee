#include "recon/engine/rule_settings.hpp"

#include <algorithm>
#include <cctype>

#include "rules/registry.hpp"

namespace recon {

std::string_view source_name(SettingSource source) {
  switch (source) {
    case SettingSource::kDefault:
      return "default";
    case SettingSource::kConfig:
      return "config";
    case SettingSource::kCommandLine:
      return "command line";
  }
  return "?";
}

std::optional<Severity> parse_severity(std::string_view text) {
  std::string upper(text);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (Severity s : {Severity::kLow, Severity::kMedium, Severity::kHigh})
    if (severity_name(s) == upper) return s;
  return std::nullopt;
}

bool EffectiveRule::differs_from_catalogue() const {
  if (!enabled || severity_source != SettingSource::kDefault || !providers.empty()) return true;
  return std::any_of(options.begin(), options.end(),
                     [](const EffectiveOption& o) { return o.value != o.option->default_value(); }) ||
         std::any_of(code_lists.begin(), code_lists.end(),
                     [](const EffectiveCodeList& l) { return l.codes != l.option->default_codes(); });
}

namespace {

const RuleSetting* setting_of(const RuleSettings& settings, std::string_view rule_id) {
  const auto it = settings.rules.find(std::string(rule_id));
  return it == settings.rules.end() ? nullptr : &it->second;
}

bool some_provider_enables(const RuleSetting& setting) {
  return std::any_of(setting.providers.begin(), setting.providers.end(),
                     [](const auto& p) { return p.second.enabled.value_or(false); });
}

}  // namespace

std::string disabled_reason(const RuleSettings& settings, const std::vector<std::string>& disabled,
                            std::string_view rule_id) {
  if (std::find(disabled.begin(), disabled.end(), rule_id) != disabled.end())
    return "disabled with --disable";
  const RuleSetting* setting = setting_of(settings, rule_id);
  if (setting && setting->enabled == false && !some_provider_enables(*setting))
    return "disabled in config " + settings.config_file;
  return {};
}

std::vector<EffectiveRule> effective_rules(const RuleSettings& settings, const RuleOptions& options,
                                           const std::vector<std::string>& disabled) {
  std::vector<EffectiveRule> out;
  const std::vector<const RuleOption*> all_options = all_rule_options();  // by name
  for (const Rule* rule : RuleRegistry::instance().all()) {
    EffectiveRule e;
    e.id = std::string(rule->info().id);
    e.severity = rule->info().severity;
    const RuleSetting* setting = setting_of(settings, e.id);
    e.disabled_why = disabled_reason(settings, disabled, e.id);
    e.enabled = e.disabled_why.empty();
    if (std::find(disabled.begin(), disabled.end(), e.id) != disabled.end())
      e.enabled_source = SettingSource::kCommandLine;
    else if (setting && setting->enabled)
      e.enabled_source = setting->enabled_source;
    if (setting && setting->severity) {
      e.severity = *setting->severity;
      e.severity_source = setting->severity_source;
    }
    for (const RuleOption* o : all_options) {
      if (o->rule_id() != e.id) continue;
      const auto source = settings.option_sources.find(std::string(o->name()));
      e.options.push_back(
          {o, options[*o],
           source == settings.option_sources.end() ? SettingSource::kDefault : source->second});
    }
    for (const RuleCodeListOption* o : all_rule_code_list_options()) {
      if (o->rule_id() != e.id) continue;
      const auto source = settings.option_sources.find(std::string(o->name()));
      e.code_lists.push_back(
          {o, options[*o],
           source == settings.option_sources.end() ? SettingSource::kDefault : source->second});
    }
    if (setting)
      for (const auto& [provider, p] : setting->providers) e.providers.push_back({provider, p});
    out.push_back(std::move(e));
  }
  return out;
}

std::string settings_key(const RuleSettings& settings) {
  std::string key;
  for (const auto& [id, setting] : settings.rules) {  // by rule id, providers by code, options by name
    const Rule* rule = RuleRegistry::instance().find(id);
    if (setting.enabled == false) key += "config " + id + " disabled\n";
    if (setting.severity && (!rule || *setting.severity != rule->info().severity))
      key += "config " + id + " severity " + std::string(severity_name(*setting.severity)) + '\n';
    for (const auto& [provider, p] : setting.providers) {
      const std::string prefix = "config " + id + " provider " + provider;
      if (p.enabled) key += prefix + (*p.enabled ? " enabled\n" : " disabled\n");
      if (p.severity) key += prefix + " severity " + std::string(severity_name(*p.severity)) + '\n';
      for (const auto& [name, value] : p.options)
        key += prefix + ' ' + name + ' ' + std::to_string(value) + '\n';
      for (const auto& [name, codes] : p.code_lists)
        key += prefix + ' ' + name + ' ' + join_codes(codes) + '\n';
    }
  }
  return key;
}

}  // namespace recon
