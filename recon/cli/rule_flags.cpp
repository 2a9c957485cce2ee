#include "recon/cli/rule_flags.hpp"

#include "recon/cli/config_file.hpp"

namespace recon {
namespace po = boost::program_options;

po::options_description rule_option_flags() {
  po::options_description flags("Rule options (override the --config file's)");
  for (const RuleOption* o : all_rule_options())
    flags.add_options()(std::string(o->name()).c_str(), po::value<int>()->default_value(o->default_value()),
                        (std::string(o->rule_id()) + ": " + std::string(o->help())).c_str());
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
  // A provider's table left with nothing in force (empty in the file, or every value overridden) is dropped.
  for (auto& [id, setting] : c.rule_settings.rules)
    std::erase_if(setting.providers, [](const auto& p) {
      return !p.second.enabled && !p.second.severity && p.second.options.empty();
    });
  return {};
}

}  // namespace recon
