#pragma once
// The patient stage: every patient's whole history (APC, OP and A&E records with a valid NHS number, from
// the patient store), sorted by activity_order, handed to each patient rule. Partitions run in parallel.
#include <cstdint>
#include <vector>

#include "recon/engine/activity_store.hpp"
#include "recon/engine/challenge_spool.hpp"
#include "recon/engine/configured_rules.hpp"
#include "rules/rule.hpp"

namespace recon {

// Empties `store`; each partition's challenges go to `out` as it finishes, with the configured severities
// (ConfiguredRules::apply). Returns nothing: what the store did (spills, partitions read in pieces) it
// reports itself.
void run_patient_stage(ActivityStore& store, const std::vector<const PatientRule*>& rules,
                       const ConfiguredRules& configured, const RuleContext& ctx, std::uint64_t memory_budget,
                       ChallengeSpool& out);

}  // namespace recon
