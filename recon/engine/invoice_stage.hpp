#pragma once
// The invoice stage (a run given --invoice), after the activity rules: each invoice line matched to the
// activity it bills (invoice_match.hpp), judged by the invoice rules, and summed up per provider and point
// of delivery; lines billing activity that the activity rules challenged, at full price, are listed against
// the challenges (docs/invoice.md).
#include <string>
#include <vector>

#include "core/challenge.hpp"
#include "recon/engine/configured_rules.hpp"
#include "recon/engine/invoice_book.hpp"
#include "rules/rule.hpp"

namespace recon {

// One provider and point of delivery (POD as the invoice writes it). Each line's amount at risk is counted
// once, at the largest of its invoice challenges and its activity's challenges (the latter up to the amount
// billed).
struct InvoiceSummaryRow {
  Code procode;
  Code pod;
  Dataset dataset = Dataset::kApc;
  std::uint64_t lines = 0, matched_lines = 0, unmatched_lines = 0, overpriced_lines = 0,
                activity_challenged_lines = 0;
  Pence invoiced = 0, matched = 0, unmatched = 0, overpriced = 0, activity_challenged = 0, at_risk = 0;
};

// A line billing, at full price, activity the activity rules challenged (invoice_challenges.csv).
struct InvoiceChallengeLink {
  SourcePos line;
  Code procode, pod;
  Dataset dataset = Dataset::kApc;
  std::string record_id;  // the activity's
  Pence billed = 0;
  SourcePos activity;
  Pence activity_charged = 0, tariff = 0;
  std::string rules;  // the activity's challenges' rules, ';'-separated
  Pence at_risk = 0;  // the activity's largest challenge, up to the amount billed
};

struct InvoiceReconciliation {
  std::uint64_t lines = 0, by_record_id = 0, by_patient = 0, unmatched = 0, billed_twice = 0;
  std::vector<InvoiceSummaryRow> summary;   // by provider, then POD
  std::vector<InvoiceChallengeLink> links;  // by invoice file and line
};

// Adds the invoice rules' challenges (configured severities) to `out`.
InvoiceReconciliation run_invoice_stage(const InvoiceBook& book, const std::vector<const InvoiceRule*>& rules,
                                        const ConfiguredRules& configured,
                                        const std::vector<std::string>& file_paths, ChallengeSink& out);

}  // namespace recon
