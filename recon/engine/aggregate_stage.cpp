#include "recon/engine/aggregate_stage.hpp"

namespace recon {

AggregateTotals::AggregateTotals(std::vector<const AggregateRule*> r) : rules(std::move(r)) {
  for (const AggregateRule* rule : rules) states.push_back(rule->new_state());
}

std::vector<Challenge> run_aggregate_stage(const AggregateTotals& current, const AggregateTotals* previous,
                                           const RuleContext& ctx, ReportData& report) {
  std::vector<Challenge> patterns;
  for (std::size_t i = 0; i < current.rules.size(); ++i)
    current.rules[i]->finish(*current.states[i], previous ? previous->states[i].get() : nullptr, ctx,
                             patterns, report);
  return patterns;
}

}  // namespace recon
