#include "recon/run_summaries.hpp"

#include <algorithm>

namespace recon {
namespace {

struct RecordKey {
  SourcePos pos;
  Dataset ds;
  auto operator<=>(const RecordKey&) const = default;
};

}  // namespace

// The amount at risk of a record is the largest single challenge against it (capped at its charge): a record
// that breaks three rules is still only paid once, so summing every challenge would overstate the money.
std::map<Code, ProviderSummary> summarise_providers(const RunResult& r) {
  std::map<Code, std::map<RecordKey, Pence>> at_risk;
  std::map<Code, ProviderSummary> out;
  for (const auto& [code, totals] : r.providers) out[code].totals = totals;
  for (const Challenge& c : r.challenges) {
    ProviderSummary& s = out[c.procode];
    ++s.challenges;
    if (c.pos == kNoRecord) {
      s.pattern_at_risk += c.challenged;
      continue;
    }
    Pence& v = at_risk[c.procode][{c.pos, c.dataset}];
    v = std::max(v, std::min(c.challenged, c.charged > 0 ? c.charged : c.challenged));
  }
  for (const auto& [code, records] : at_risk) {
    ProviderSummary& s = out[code];
    s.records_challenged = records.size();
    for (const auto& [key, v] : records) s.at_risk += v;
  }
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
