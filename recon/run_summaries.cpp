#include "recon/run_summaries.hpp"

#include <algorithm>

namespace recon {
// The amount at risk of a record is the largest single challenge against it (capped at its charge): a record
// that breaks three rules is still only paid once, so summing every challenge would overstate the money.
// The challenges are in canonical order (challenge_order), which puts all of a record's challenges next to
// each other, so a record's group is a run of equal (pos, dataset); one pass, no map of records.
std::map<Code, ProviderSummary> summarise_providers(const RunResult& r) {
  std::map<Code, ProviderSummary> out;
  for (const auto& [code, totals] : r.providers) out[code].totals = totals;
  const Challenge* group = nullptr;  // first challenge of the record being summed
  Pence group_risk = 0;
  auto close_group = [&] {
    if (!group) return;
    ProviderSummary& s = out[group->procode];
    ++s.records_challenged;
    s.at_risk += group_risk;
  };
  for (const Challenge& c : r.challenges) {
    ProviderSummary& s = out[c.procode];
    ++s.challenges;
    if (c.pos == kNoRecord) {
      s.pattern_at_risk += c.challenged;
      continue;
    }
    if (!group || c.pos != group->pos || c.dataset != group->dataset) {
      close_group();
      group = &c;
      group_risk = 0;
    }
    group_risk = std::max(group_risk, std::min(c.challenged, c.charged > 0 ? c.charged : c.challenged));
  }
  close_group();
  return out;
}

std::map<std::string, RuleSummary> summarise_rules(const RunResult& r) {
  std::map<std::string, RuleSummary> out;
  for (const Challenge& c : r.challenges) {
    RuleSummary& s = out[c.rule];
    ++s.challenges;
    s.at_risk += c.challenged;
  }
  return out;
}

}  // namespace recon
