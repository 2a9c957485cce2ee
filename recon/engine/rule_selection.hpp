#pragma once
// Which rules run: every registered rule, less those disabled with --disable or by the --config file (unless
// it enables them for some provider) and those whose inputs were not supplied (Rule::can_run). One status per
// rule, in id order, for the summaries.
#include <string>
#include <vector>

#include "recon/engine/rule_settings.hpp"
#include "recon/engine/run_result.hpp"
#include "rules/rule.hpp"

namespace recon {

struct ActiveRules {
  std::vector<const RowRule*> row;
  std::vector<const PatientRule*> patient;
  std::vector<const AggregateRule*> aggregate;
  std::vector<const InvoiceRule*> invoice;
};

ActiveRules select_rules(const RuleContext& ctx, const RuleSettings& settings,
                         const std::vector<std::string>& disabled, std::vector<RuleStatus>& statuses);

// Fills each run rule's records_checked / records_what: the row and aggregate rules are handed every accepted
// activity record of the current period, the patient rules only those with a valid NHS number (the records
// the patient store holds).
// The invoice rules are handed every invoice line.
void count_records_checked(std::vector<RuleStatus>& rules, std::uint64_t activity_records,
                           std::uint64_t patient_records, std::uint64_t invoice_lines = 0);
}  // namespace recon
