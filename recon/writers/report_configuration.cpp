#include "recon/writers/report_configuration.hpp"

#include "recon/writers/report_text.hpp"
#include "recon/writers/run_summaries.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

std::string esc(std::string_view s) { return html_escape(s); }

std::string from(SettingSource source) {
  return " <span class=\"muted small\">(" + esc(source_name(source)) + ")</span>";
}

// "disabled; severity LOW; readmit-days 14" for one provider's own settings.
std::string provider_text(const EffectiveProvider& p) {
  std::string s;
  auto add = [&](const std::string& part) { s += (s.empty() ? "" : "; ") + part; };
  if (p.settings.enabled) add(*p.settings.enabled ? "enabled" : "disabled");
  if (p.settings.severity) add("severity " + std::string(severity_name(*p.settings.severity)));
  for (const auto& [name, value] : p.settings.options) add(name + " " + std::to_string(value));
  for (const auto& [name, codes] : p.settings.code_lists) add(name + " " + join_codes(codes));
  return s;
}

}  // namespace

void configuration_section(const RunResult& r, std::string& h) {
  if (!configuration_worth_recording(r)) return;
  const std::vector<const EffectiveRule*> changed = configured_rules(r);
  h += "<section id=\"configuration\"><h2>Rule configuration</h2><p class=\"muted small\">The local rules "
       "in force: config file <span class=\"code\">" +
       esc(mask_nhs_numbers(r.config_file.empty() ? std::string("none") : r.config_file)) +
       "</span> and the command line over it (run_summary.json lists every rule). Rules not listed ran as "
       "the catalogue (docs/rules.md) defines them.</p><table><thead><tr><th>Rule</th><th>Enabled</th><th>"
       "Severity</th><th>Options</th><th>Per provider</th></tr></thead><tbody>";
  for (const EffectiveRule* e : changed) {
    std::string options;
    for (const EffectiveOption& o : e->options)
      options += (options.empty() ? "" : "<br>") + esc(std::string(o.option->name())) + " " +
                 std::to_string(o.value) + from(o.source);
    for (const EffectiveCodeList& l : e->code_lists)
      options += (options.empty() ? "" : "<br>") + esc(std::string(l.option->name())) + " " +
                 esc(join_codes(l.codes)) + from(l.source);
    std::string providers;
    for (const EffectiveProvider& p : e->providers)
      providers += (providers.empty() ? "" : "<br>") + std::string("<span class=\"code\">") +
                   esc(p.provider) + "</span>: " + esc(provider_text(p));
    h += "<tr><td class=\"code\">" + esc(e->id) + "</td><td>" +
         (e->enabled ? std::string("yes") : "no: " + esc(e->disabled_why)) + from(e->enabled_source) +
         "</td><td>" + esc(severity_name(e->severity)) + from(e->severity_source) + "</td><td>" +
         (options.empty() ? "&ndash;" : options) + "</td><td>" + (providers.empty() ? "&ndash;" : providers) +
         "</td></tr>";
  }
  if (changed.empty())
    h += "<tr><td colspan=\"5\" class=\"muted\">The config changes no rule: every rule as the catalogue "
         "defines it.</td></tr>";
  h += "</tbody></table></section>\n";
}

}  // namespace recon
