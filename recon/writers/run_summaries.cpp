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

}  // namespace recon
