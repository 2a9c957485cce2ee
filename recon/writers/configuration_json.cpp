#include "recon/writers/configuration_json.hpp"

#include "recon/writers/run_summaries.hpp"
#include "recon/writers/text_escape.hpp"

namespace recon {
namespace {

std::string source(SettingSource s) { return json_string(source_name(s)); }

std::string codes_json(const std::vector<Code>& codes) {
  std::string s = "[";
  for (std::size_t i = 0; i < codes.size(); ++i) s += (i ? ", " : "") + json_string(codes[i].str());
  return s + "]";
}

std::string provider_json(const EffectiveProvider& p) {
  std::string s = "{\"provider\": " + json_string(p.provider);
  if (p.settings.enabled) s += std::string(", \"enabled\": ") + (*p.settings.enabled ? "true" : "false");
  if (p.settings.severity) s += ", \"severity\": " + json_string(severity_name(*p.settings.severity));
  if (!p.settings.options.empty()) {
    s += ", \"options\": {";
    bool first = true;
    for (const auto& [name, value] : p.settings.options) {
      s += (first ? "" : ", ") + json_string(name) + ": " + std::to_string(value);
      first = false;
    }
    s += "}";
  }
  if (!p.settings.code_lists.empty()) {
    s += ", \"code_lists\": {";
    bool first = true;
    for (const auto& [name, codes] : p.settings.code_lists) {
      s += (first ? "" : ", ") + json_string(name) + ": " + codes_json(codes);
      first = false;
    }
    s += "}";
  }
  return s + "}";
}

std::string rule_json(const EffectiveRule& e) {
  std::string s = "{\"id\": " + json_string(e.id) + ", \"enabled\": " + (e.enabled ? "true" : "false") +
                  ", \"enabled_from\": " + source(e.enabled_source);
  if (!e.enabled) s += ", \"why_not\": " + json_string(e.disabled_why);
  s += ", \"severity\": " + json_string(severity_name(e.severity)) +
       ", \"severity_from\": " + source(e.severity_source) + ", \"options\": [";
  for (std::size_t i = 0; i < e.options.size(); ++i)
    s += std::string(i ? ", " : "") + "{\"name\": " + json_string(e.options[i].option->name()) +
         ", \"value\": " + std::to_string(e.options[i].value) + ", \"from\": " + source(e.options[i].source) +
         "}";
  s += "]";
  // Only a rule with code list options has the member, so run_summary.json is unchanged for the others.
  if (!e.code_lists.empty()) {
    s += ", \"code_lists\": [";
    for (std::size_t i = 0; i < e.code_lists.size(); ++i)
      s += std::string(i ? ", " : "") + "{\"name\": " + json_string(e.code_lists[i].option->name()) +
           ", \"codes\": " + codes_json(e.code_lists[i].codes) +
           ", \"from\": " + source(e.code_lists[i].source) + "}";
    s += "]";
  }
  s += ", \"providers\": [";
  for (std::size_t i = 0; i < e.providers.size(); ++i) s += (i ? ", " : "") + provider_json(e.providers[i]);
  return s + "]}";
}

}  // namespace

std::string configuration_json_member(const RunResult& r) {
  if (!configuration_worth_recording(r)) return {};
  std::string s =
      ",\n  \"configuration\": {\n    \"config_file\": " + json_string(r.config_file) + ",\n    \"rules\": [";
  for (std::size_t i = 0; i < r.configuration.size(); ++i)
    s += std::string(i ? "," : "") + "\n      " + rule_json(r.configuration[i]);
  return s + "\n    ]\n  }";
}

}  // namespace recon
