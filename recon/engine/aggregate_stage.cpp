#include "recon/engine/aggregate_stage.hpp"

namespace recon {

AggregateTotals::AggregateTotals(std::vector<const AggregateRule*> r) : rules(std::move(r)) {
  for (const AggregateRule* rule : rules) states.push_back(rule->new_state());
}

std::vector<Challenge> run_aggregate_stage(const AggregateTotals& current, const AggregateTotals* previous,
                                           const ConfiguredRules& configured, const RuleContext& ctx,
                                           ReportData& report) {
  std::vector<Challenge> patterns;
  for (std::size_t i = 0; i < current.rules.size(); ++i) {
    const AggregateState* before = previous ? previous->states[i].get() : nullptr;
    bool plotted = false;  // only the run-wide values' plots go into the report
    check_per_provider(configured, current.rules[i]->info().id, ctx, patterns,
                       [&](const RuleContext& c, std::vector<Challenge>& out) {
                         ReportData scratch;
                         current.rules[i]->finish(*current.states[i], before, c, out,
                                                  plotted ? scratch : report);
                         plotted = true;
                       });
  }
  return patterns;
}

}  // namespace recon
