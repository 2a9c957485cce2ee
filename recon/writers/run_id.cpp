#include "recon/writers/run_id.hpp"

#include <xxhash.h>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <string_view>
#include <vector>

namespace recon {
namespace {

// Every rule option with the label it has in the key. The options of the first release keep the labels and
// the order their key had, so that a run id does not change with a version that only moves code; options
// added since follow by name, labelled with it, and only when set to other than their default: a new option
// at its default leaves the rule as it was, so it leaves the run id as it was.
struct KeyedOption {
  std::string label;
  const RuleOption* option;
  bool first_release;
};

std::vector<KeyedOption> options_in_key_order() {
  static const std::pair<std::string_view, std::string_view> kFirstRelease[] = {
      {"readmit-days", "readmit"}, {"opfirst-months", "opfirst"}, {"referral-days", "referral"}};
  std::vector<KeyedOption> list;
  for (const auto& [name, label] : kFirstRelease)
    if (const RuleOption* o = find_rule_option(name)) list.push_back({std::string(label), o, true});
  for (const RuleOption* o : all_rule_options())
    if (std::none_of(std::begin(kFirstRelease), std::end(kFirstRelease),
                     [&](const auto& first) { return first.first == o->name(); }))
      list.push_back({std::string(o->name()), o, false});
  return list;
}

}  // namespace

std::string run_key_of(const RunResult& result, const RunConfig& config) {
  const RuleOptions& options = result.options;
  std::string key = std::string("recon ") + kReconVersion + '\n';
  for (const FileCounts& c : result.counts)  // in the order read
    key += c.dataset + ' ' + std::to_string(c.rows) + ' ' + std::to_string(c.accepted) + ' ' +
           std::to_string(c.rejected) + '\n';
  key += "as of " + std::to_string(options.as_of);
  for (const KeyedOption& o : options_in_key_order())
    if (o.first_release || options[*o.option] != o.option->default_value())
      key += ", " + o.label + ' ' + std::to_string(options[*o.option]);
  // Code lists only when set to other than their default, so that runs at the defaults keep their ids.
  for (const RuleCodeListOption* o : all_rule_code_list_options())
    if (options[*o] != o->default_codes())
      key += ", " + std::string(o->name()) + ' ' + join_codes(options[*o]);
  key += '\n';
  std::vector<std::string> disabled = config.disabled_rules;
  std::sort(disabled.begin(), disabled.end());
  for (const std::string& id : disabled) key += "disabled " + id + '\n';
  key += settings_key(config.rule_settings);  // the --config file's settings in force; nothing without one
  return key;
}

std::string run_id_of(const std::string& run_key, std::uint64_t challenges_csv_hash) {
  char digest[17];
  std::snprintf(digest, sizeof digest, "%016llx", static_cast<unsigned long long>(challenges_csv_hash));
  const std::string text = run_key + "challenges.csv " + digest + '\n';
  char id[17];
  std::snprintf(id, sizeof id, "%016llx",
                static_cast<unsigned long long>(XXH3_64bits(text.data(), text.size())));
  return id;
}

}  // namespace recon
