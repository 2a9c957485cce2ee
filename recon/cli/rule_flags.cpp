#include "recon/cli/rule_flags.hpp"

#include <algorithm>

#include "recon/cli/config_file.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace po = boost::program_options;

namespace {

// "SB02Z,XC" as the command line gives a code list: comma-separated, spaces around a code ignored; "" is an
// empty list.
std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> codes;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find(',', start);
    if (end == std::string::npos) end = text.size();
    std::string code = text.substr(start, end - start);
    code.erase(0, code.find_first_not_of(' '));
    code.erase(code.find_last_not_of(' ') + 1);
    if (!code.empty() || end < text.size()) codes.push_back(code);
    start = end + 1;
  }
  return codes;
}

std::string comma_joined(const std::vector<Code>& codes) {
  std::string s;
  for (Code c : codes) s += (s.empty() ? "" : ",") + c.str();
  return s;
}

std::string known_rule(const std::string& id, const std::string& flag) {
  if (RuleRegistry::instance().find(id)) return {};
  return flag + ": unknown rule '" + id + "' (recon rules lists them)";
}

// --enable RULE: the rule runs, for every provider, whatever the file says.
std::string apply_enable(const std::vector<std::string>& enabled, RunConfig& c) {
  for (const std::string& id : enabled) {
    if (std::string error = known_rule(id, "--enable"); !error.empty()) return error;
    if (std::find(c.disabled_rules.begin(), c.disabled_rules.end(), id) != c.disabled_rules.end())
      return "--enable and --disable both name " + id;
    RuleSetting& setting = c.rule_settings.rules[id];
    setting.enabled = true;
    setting.enabled_source = SettingSource::kCommandLine;
    for (auto& [provider, p] : setting.providers) p.enabled.reset();
    c.rule_settings.set_on_command_line = true;
  }
  return {};
}

// --severity RULE=LEVEL: the rule's severity for every provider, whatever the file says.
std::string apply_severity(const std::vector<std::string>& severities, RunConfig& c) {
  for (const std::string& assignment : severities) {
    const std::size_t eq = assignment.find('=');
    if (eq == std::string::npos)
      return "--severity '" + assignment + "' is not RULE=LEVEL (e.g. --severity SPLIT=LOW)";
    const std::string id = assignment.substr(0, eq), level = assignment.substr(eq + 1);
    if (std::string error = known_rule(id, "--severity"); !error.empty()) return error;
    const std::optional<Severity> severity = parse_severity(level);
    if (!severity) return "--severity " + id + ": '" + level + "' is not HIGH, MEDIUM or LOW";
    RuleSetting& setting = c.rule_settings.rules[id];
    setting.severity = *severity;
    setting.severity_source = SettingSource::kCommandLine;
    for (auto& [provider, p] : setting.providers) p.severity.reset();
    c.rule_settings.set_on_command_line = true;
  }
  return {};
}

}  // namespace

po::options_description rule_option_flags() {
  po::options_description flags("Rule options (override the --config file's)");
  // clang-format off
  flags.add_options()
      ("enable", po::value<std::vector<std::string>>()->composing(),
       "rule id to run for every provider although the --config file disables it (repeatable)")
      ("severity", po::value<std::vector<std::string>>()->composing(),
       "RULE=LEVEL: the rule's severity (HIGH, MEDIUM, LOW) for every provider, over the --config file's "
       "(repeatable)");
  // clang-format on
  for (const RuleOption* o : all_rule_options())
    flags.add_options()(std::string(o->name()).c_str(), po::value<int>()->default_value(o->default_value()),
                        (std::string(o->rule_id()) + ": " + std::string(o->help())).c_str());
  for (const RuleCodeListOption* o : all_rule_code_list_options()) {
    const std::string defaults = comma_joined(o->default_codes());
    flags.add_options()(
        std::string(o->name()).c_str(),
        po::value<std::string>()->default_value(defaults, '"' + defaults + '"'),
        (std::string(o->rule_id()) + ": " + std::string(o->help()) + "; comma-separated, \"\" for none")
            .c_str());
  }
  return flags;
}

std::string apply_rule_settings(const po::variables_map& vm, const std::string& config_file, RunConfig& c) {
  if (!config_file.empty()) {
    try {
      c.rule_settings = read_config_file(config_file, c.rule_options);
    } catch (const ConfigError& e) {
      return std::string("config ") + e.what();
    }
  }
  for (const RuleOption* o : all_rule_options()) {
    const std::string name(o->name());
    if (!vm.count(name) || vm[name].defaulted()) continue;
    if (const std::string error = c.rule_options.set(name, vm[name].as<int>()); !error.empty())
      return "--" + error;
    c.rule_settings.option_sources[name] = SettingSource::kCommandLine;
    // The command line's value is the run's, whatever a provider's table in the file says.
    for (auto& [id, setting] : c.rule_settings.rules)
      for (auto& [provider, p] : setting.providers) p.options.erase(name);
  }
  for (const RuleCodeListOption* o : all_rule_code_list_options()) {
    const std::string name(o->name());
    if (!vm.count(name) || vm[name].defaulted()) continue;
    if (const std::string error = c.rule_options.set_codes(name, split_codes(vm[name].as<std::string>()));
        !error.empty())
      return "--" + error;
    c.rule_settings.option_sources[name] = SettingSource::kCommandLine;
    for (auto& [id, setting] : c.rule_settings.rules)
      for (auto& [provider, p] : setting.providers) p.code_lists.erase(name);
  }
  if (vm.count("enable"))
    if (std::string error = apply_enable(vm["enable"].as<std::vector<std::string>>(), c); !error.empty())
      return error;
  if (vm.count("severity"))
    if (std::string error = apply_severity(vm["severity"].as<std::vector<std::string>>(), c); !error.empty())
      return error;
  // A provider's table left with nothing in force (empty in the file, or every value overridden) is dropped.
  for (auto& [id, setting] : c.rule_settings.rules)
    std::erase_if(setting.providers, [](const auto& p) {
      return !p.second.enabled && !p.second.severity && p.second.options.empty() &&
             p.second.code_lists.empty();
    });
  return {};
}

}  // namespace recon
