#include "recon/engine/rule_selection.hpp"

#include <algorithm>

#include "rules/registry.hpp"

namespace recon {

ActiveRules select_rules(const RuleContext& ctx, const RuleSettings& settings,
                         const std::vector<std::string>& disabled, std::vector<RuleStatus>& statuses) {
  ActiveRules active;
  for (const Rule* rule : RuleRegistry::instance().all()) {
    // The invoice rules exist for a run given an invoice: a run without one lists them nowhere, so that its
    // outputs are what they were before the invoice rules.
    if (dynamic_cast<const InvoiceRule*>(rule) && !ctx.invoice_supplied) continue;
    RuleStatus status{std::string(rule->info().id), false, {}, 0, {}};
    status.why_not = disabled_reason(settings, disabled, status.id);
    if (status.why_not.empty() && rule->can_run(ctx, status.why_not)) {
      status.ran = true;
      if (auto* r = dynamic_cast<const RowRule*>(rule)) active.row.push_back(r);
      if (auto* r = dynamic_cast<const PatientRule*>(rule)) active.patient.push_back(r);
      if (auto* r = dynamic_cast<const AggregateRule*>(rule)) active.aggregate.push_back(r);
      if (auto* r = dynamic_cast<const InvoiceRule*>(rule)) active.invoice.push_back(r);
    }
    statuses.push_back(std::move(status));
  }
  return active;
}

void count_records_checked(std::vector<RuleStatus>& rules, std::uint64_t activity_records,
                           std::uint64_t patient_records, std::uint64_t invoice_lines) {
  for (RuleStatus& s : rules) {
    if (!s.ran) continue;
    const Rule* rule = RuleRegistry::instance().find(s.id);
    const bool patient_rule = rule && dynamic_cast<const PatientRule*>(rule);
    s.records_checked = patient_rule ? patient_records : activity_records;
    s.records_what = patient_rule ? "activity records with a valid NHS number" : "accepted activity records";
    if (rule && dynamic_cast<const InvoiceRule*>(rule)) {
      s.records_checked = invoice_lines;
      s.records_what = "accepted invoice lines";
    }
  }
}

}  // namespace recon
