#pragma once
// Totals per provider and per rule, shared by summary_by_provider.csv, summary_by_rule.csv and report.html so
// that the CSV files and the human report can never disagree.
#include <map>
#include <string>
#include <vector>

#include "recon/engine/run_result.hpp"

namespace recon {

struct ProviderSummary {
  ProviderTotals totals;                 // records by dataset, charged
  std::uint64_t challenges = 0;          // every challenge row against the provider
  std::uint64_t records_challenged = 0;  // distinct records with at least one challenge
  Pence at_risk = 0;                     // per record: its largest challenge, capped at its charge
  Pence pattern_at_risk = 0;             // provider-level (pattern) challenges, not tied to one record
};
// Every provider with activity or a challenge, by PROCODE3.
std::map<Code, ProviderSummary> summarise_providers(const RunResult& result);

// RuleSummary: recon/engine/challenge_totals.hpp.
// By rule id; rules without challenges are absent.
std::map<std::string, RuleSummary> summarise_rules(const RunResult& result);

// A rule that ran but was handed no records: the same words in the terminal summary, summary_by_rule.csv and
// report.html, e.g. "ran on 0 records: no activity records with a valid NHS number". Empty otherwise.
std::string no_records_note(const RuleStatus& status);

// The rule's run-wide severity in force: the --config file's, else the catalogue's ("" for an unknown id).
// A provider's own severity shows on its challenges, not here.
std::string rule_severity(const RunResult& result, std::string_view rule_id);

// The configuration in force, for run_summary.json and the report: whether to show it at all (only when a
// --config file was given, so that the outputs of a run without one keep their bytes), and the rules that
// differ from the catalogue.
bool configuration_worth_recording(const RunResult& result);
std::vector<const EffectiveRule*> configured_rules(const RunResult& result);

}  // namespace recon
