#include "recon/writers/run_summaries.hpp"

#include <algorithm>

#include "rules/registry.hpp"

namespace recon {
// The per-record and per-rule sums are gathered by ChallengeTotals (one pass over the list in canonical
// order, also for a list streamed from disk).
std::map<Code, ProviderSummary> summarise_providers(const RunResult& r) {
  std::map<Code, ProviderSummary> out;
  for (const auto& [code, totals] : r.providers) out[code].totals = totals;
  for (const auto& [code, p] : r.totals().providers) {
    ProviderSummary& s = out[code];
    s.challenges = p.challenges;
    s.records_challenged = p.records_challenged;
    s.at_risk = p.at_risk;
    s.pattern_at_risk = p.pattern_at_risk;
  }
  return out;
}

std::map<std::string, RuleSummary> summarise_rules(const RunResult& r) { return r.totals().rules; }

std::string no_records_note(const RuleStatus& s) {
  if (!s.ran || s.records_checked) return {};
  return "ran on 0 records: no " + s.records_what;
}

std::string rule_severity(const RunResult& r, std::string_view rule_id) {
  for (const EffectiveRule& e : r.configuration)
    if (e.id == rule_id) return std::string(severity_name(e.severity));
  const Rule* rule = RuleRegistry::instance().find(rule_id);
  return rule ? std::string(severity_name(rule->info().severity)) : std::string();
}

std::vector<const EffectiveRule*> configured_rules(const RunResult& r) {
  std::vector<const EffectiveRule*> out;
  for (const EffectiveRule& e : r.configuration)
    if (e.differs_from_catalogue()) out.push_back(&e);
  return out;
}

bool configuration_worth_recording(const RunResult& r) {
  return !r.config_file.empty() || r.configured_on_command_line;
}

}  // namespace recon
