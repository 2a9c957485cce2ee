#pragma once
// The aggregate stage: the pattern rules' counters, filled per chunk in the row stage and merged in file
// order (one set per period: the current files and --previous-apc), judged once after the row stage.
#include <memory>
#include <vector>

#include "core/challenge.hpp"
#include "core/report_data.hpp"
#include "recon/engine/configured_rules.hpp"
#include "rules/rule.hpp"

namespace recon {

// The aggregate rules' counters for one period, one state per rule.
struct AggregateTotals {
  std::vector<const AggregateRule*> rules;
  std::vector<std::unique_ptr<AggregateState>> states;
  explicit AggregateTotals(std::vector<const AggregateRule*> r);
};

// Each rule's finish(): its challenges, and its plots into `report`. `previous` is nullptr when no earlier
// period was given. A provider with its own option values for a rule has its challenges judged with them
// (check_per_provider); the plots are those of the run-wide values.
std::vector<Challenge> run_aggregate_stage(const AggregateTotals& current, const AggregateTotals* previous,
                                           const ConfiguredRules& configured, const RuleContext& ctx,
                                           ReportData& report);

}  // namespace recon
