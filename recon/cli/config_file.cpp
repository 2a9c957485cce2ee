#include "recon/cli/config_file.hpp"

#include <toml++/toml.h>

#include <algorithm>
#include <fstream>
#include <functional>
#include <sstream>

#include "rules/registry.hpp"

namespace recon {
namespace {

// The file, and the dotted path of the table being read, for the messages.
struct Where {
  const std::string& file;
  std::string path;  // e.g. "providers.RTH.rules.READMIT"

  Where at(std::string_view key) const {
    return {file, path.empty() ? std::string(key) : path + '.' + std::string(key)};
  }
  [[noreturn]] void fail(const toml::source_region& source, const std::string& what) const {
    throw ConfigError(file + ':' + std::to_string(source.begin.line) + ": " + path + ": " + what);
  }
};

std::string type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table:
      return "a table";
    case toml::node_type::array:
      return "an array";
    case toml::node_type::string:
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number with a fraction";
    case toml::node_type::boolean:
      return "a boolean";
    default:
      return "a date or time";
  }
}

const toml::table& as_table(const toml::node& node, const Where& where) {
  if (const toml::table* t = node.as_table()) return *t;
  where.fail(node.source(), "must be a table, not " + type_name(node));
}

std::string keys_of(std::string_view rule_id) {
  std::string keys = "enabled, severity";
  for (const RuleOption* o : all_rule_options())
    if (o->rule_id() == rule_id) keys += ", " + std::string(o->name());
  for (const RuleCodeListOption* o : all_rule_code_list_options())
    if (o->rule_id() == rule_id) keys += ", " + std::string(o->name());
  return keys;
}

// A code list option's value: an array of strings, each a code the option takes.
std::vector<Code> read_code_list(const RuleCodeListOption& option, const toml::node& node,
                                 const Where& where) {
  const toml::array* array = node.as_array();
  if (!array) where.fail(node.source(), "must be an array of strings, not " + type_name(node));
  std::vector<Code> codes;
  for (const toml::node& element : *array) {
    const auto text = element.value_exact<std::string>();
    if (!text)
      where.fail(element.source(), "must be an array of strings, not one holding " + type_name(element));
    if (std::string why = option.check(*text); !why.empty()) where.fail(element.source(), why);
    const Code code = Code::of(*text);
    if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
  }
  return codes;
}

using SetCodes = std::function<void(const RuleCodeListOption&, std::vector<Code>)>;

// One rule's table: enabled, severity and its own options. Options go to `options` (run-wide) or, with a
// provider, to that provider's settings.
void read_rule(std::string_view rule_id, const toml::table& table, const Where& where,
               std::optional<bool>& enabled, std::optional<Severity>& severity,
               const std::function<void(const RuleOption&, int)>& set_option, const SetCodes& set_codes) {
  for (const auto& [key, node] : table) {
    const Where here = where.at(key.str());
    if (key.str() == "enabled") {
      const auto value = node.value_exact<bool>();
      if (!value) here.fail(node.source(), "must be true or false, not " + type_name(node));
      enabled = *value;
    } else if (key.str() == "severity") {
      const auto text = node.value_exact<std::string>();
      if (!text) here.fail(node.source(), "must be \"HIGH\", \"MEDIUM\" or \"LOW\", not " + type_name(node));
      severity = parse_severity(*text);
      if (!severity) here.fail(node.source(), "'" + *text + "' is not HIGH, MEDIUM or LOW");
    } else if (const RuleOption* option = find_rule_option(key.str());
               option && option->rule_id() == rule_id) {
      const auto value = node.value_exact<std::int64_t>();
      if (!value) here.fail(node.source(), "must be a whole number, not " + type_name(node));
      if (*value < option->min_value() || *value > option->max_value())
        here.fail(node.source(), std::to_string(*value) + " is out of range (" +
                                     std::to_string(option->min_value()) + " to " +
                                     std::to_string(option->max_value()) + ")");
      set_option(*option, static_cast<int>(*value));
    } else if (const RuleCodeListOption* list = find_rule_code_list_option(key.str());
               list && list->rule_id() == rule_id) {
      set_codes(*list, read_code_list(*list, node, here));
    } else {
      here.fail(key.source(),
                "unknown key for rule " + std::string(rule_id) + " (its keys: " + keys_of(rule_id) + ")");
    }
  }
}

const Rule& known_rule(const toml::key& key, const Where& where) {
  if (const Rule* rule = RuleRegistry::instance().find(key.str())) return *rule;
  where.fail(key.source(), "unknown rule '" + std::string(key.str()) + "' (recon rules lists them)");
}

// PROCODE3 (or a 5-character site code): 3 to 5 capital letters and digits, as the extracts carry them.
bool is_provider_code(std::string_view code) {
  if (code.size() < 3 || code.size() > 5) return false;
  for (char c : code)
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) return false;
  return true;
}

void read_rules(const toml::table& rules, const Where& where, RuleSettings& settings, RuleOptions& options) {
  for (const auto& [key, node] : rules) {
    const Where here = where.at(key.str());
    const Rule& rule = known_rule(key, here);
    RuleSetting& setting = settings.rules[std::string(rule.info().id)];
    read_rule(
        rule.info().id, as_table(node, here), here, setting.enabled, setting.severity,
        [&](const RuleOption& option, int value) {
          options.set(option.name(), value);  // in range: checked above
          settings.option_sources[std::string(option.name())] = SettingSource::kConfig;
        },
        [&](const RuleCodeListOption& option, std::vector<Code> codes) {
          std::vector<std::string> texts;
          for (Code c : codes) texts.push_back(c.str());
          options.set_codes(option.name(), texts);  // valid: checked above
          settings.option_sources[std::string(option.name())] = SettingSource::kConfig;
        });
  }
}

void read_providers(const toml::table& providers, const Where& where, RuleSettings& settings) {
  for (const auto& [code, node] : providers) {
    const Where here = where.at(code.str());
    if (!is_provider_code(code.str()))
      here.fail(code.source(),
                "'" + std::string(code.str()) +
                    "' is not a provider code (3 to 5 capital letters and digits, as PROCODE3)");
    for (const auto& [key, rules_node] : as_table(node, here)) {
      const Where rules_here = here.at(key.str());
      if (key.str() != "rules") rules_here.fail(key.source(), "unknown key (a provider has only rules)");
      for (const auto& [rule_key, rule_node] : as_table(rules_node, rules_here)) {
        const Where rule_here = rules_here.at(rule_key.str());
        const Rule& rule = known_rule(rule_key, rule_here);
        ProviderRuleSettings& p =
            settings.rules[std::string(rule.info().id)].providers[std::string(code.str())];
        read_rule(
            rule.info().id, as_table(rule_node, rule_here), rule_here, p.enabled, p.severity,
            [&](const RuleOption& option, int value) { p.options[std::string(option.name())] = value; },
            [&](const RuleCodeListOption& option, std::vector<Code> codes) {
              p.code_lists[std::string(option.name())] = std::move(codes);
            });
      }
    }
  }
}

}  // namespace

RuleSettings read_config_file(const std::string& path, RuleOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw ConfigError(path + ": cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  toml::table root;
  try {
    root = toml::parse(text.str(), path);
  } catch (const toml::parse_error& e) {
    throw ConfigError(path + ':' + std::to_string(e.source().begin.line) + ':' +
                      std::to_string(e.source().begin.column) +
                      ": TOML syntax error: " + std::string(e.description()));
  }
  RuleSettings settings;
  settings.config_file = path;
  const Where top{path, {}};
  for (const auto& [key, node] : root) {
    const Where here = top.at(key.str());
    if (key.str() == "rules")
      read_rules(as_table(node, here), here, settings, options);
    else if (key.str() == "providers")
      read_providers(as_table(node, here), here, settings);
    else
      here.fail(key.source(),
                "unknown key (the file has [rules.RULE] and [providers.PROCODE3.rules.RULE] tables)");
  }
  return settings;
}

}  // namespace recon
