#pragma once
// A contract's local rules: which rules run, at what severity, with which option values, run-wide and per
// provider, and where each setting came from (the catalogue's default, the --config file, the command line).
// The CLI fills RuleSettings from the file and its flags (recon/cli/config_file.hpp); the engine applies it
// (configured_rules.hpp); the writers and `recon rules` show the effective configuration it gives.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/challenge.hpp"
#include "rules/rule_option.hpp"

namespace recon {

enum class SettingSource : std::uint8_t { kDefault, kConfig, kCommandLine };
std::string_view source_name(SettingSource source);  // "default", "config", "command line"

// "HIGH", "MEDIUM", "LOW" in any case.
std::optional<Severity> parse_severity(std::string_view text);

// One provider's own settings for one rule ([providers.P.rules.R]); what is unset follows the run-wide value.
struct ProviderRuleSettings {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  std::map<std::string, int> options;                   // by option name
  std::map<std::string, std::vector<Code>> code_lists;  // by option name (RuleCodeListOption)
};

// One rule's settings from the config file ([rules.R]) and the command line (--enable, --severity); option
// values live in RunConfig::rule_options.
struct RuleSetting {
  std::optional<bool> enabled;
  std::optional<Severity> severity;
  SettingSource enabled_source = SettingSource::kConfig;   // where `enabled` came from, when set
  SettingSource severity_source = SettingSource::kConfig;  // where `severity` came from, when set
  std::map<std::string, ProviderRuleSettings> providers;   // by PROCODE3
};

struct RuleSettings {
  std::string config_file;                              // as given to --config; empty: none
  std::map<std::string, RuleSetting> rules;             // by rule id: the rules the file or flags name
  std::map<std::string, SettingSource> option_sources;  // by option name; absent: the default
  // Whether --enable or --severity set something: the configuration in force is then recorded as with a
  // config file (run_summary.json, the report).
  bool set_on_command_line = false;
};

// The configuration in force for one rule, as `recon rules --config`, run_summary.json and the report show
// it.
struct EffectiveOption {
  const RuleOption* option;
  int value;
  SettingSource source;
};
struct EffectiveCodeList {
  const RuleCodeListOption* option;
  std::vector<Code> codes;
  SettingSource source;
};
struct EffectiveProvider {
  std::string provider;
  ProviderRuleSettings settings;
};
struct EffectiveRule {
  std::string id;
  bool enabled = true;
  std::string disabled_why;  // "disabled with --disable", "disabled in config FILE"
  SettingSource enabled_source = SettingSource::kDefault;
  Severity severity = Severity::kMedium;
  SettingSource severity_source = SettingSource::kDefault;
  std::vector<EffectiveOption> options;       // by name
  std::vector<EffectiveCodeList> code_lists;  // by name
  std::vector<EffectiveProvider> providers;   // by provider code
  // Whether anything differs from the catalogue's rule (the default severity, enabled, default options).
  bool differs_from_catalogue() const;
};

// Every registered rule in id order. A rule disabled on the command line is disabled whatever the file says;
// one the file disables runs still for the providers that enable it.
// `disabled` is --disable's list (RunConfig::disabled_rules).
std::vector<EffectiveRule> effective_rules(const RuleSettings& settings, const RuleOptions& options,
                                           const std::vector<std::string>& disabled);

// "disabled in config FILE" for a rule the file disables everywhere, "disabled with --disable" for one the
// command line disables; empty when the rule is to run (for at least one provider).
std::string disabled_reason(const RuleSettings& settings, const std::vector<std::string>& disabled,
                            std::string_view rule_id);

// The settings in the run key (recon/writers/run_id.hpp): one line per setting that changes a rule from its
// catalogue entry (severity, disabled in the file, every provider override); empty when none does, so a run
// at the catalogue's defaults keeps the key it had before configuration existed.
std::string settings_key(const RuleSettings& settings);

}  // namespace recon
