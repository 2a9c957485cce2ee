#pragma once
// What a run given --invoice writes about the invoice (docs/invoice.md), beside the challenge list, which
// holds the invoice rules' challenges:
//   invoice_summary.csv     per provider and point of delivery: invoiced, matched, unmatched, overpriced,
//                           challenged activity still billed, amount at risk
//   invoice_challenges.csv  invoice lines billing, at full price, activity the activity rules challenged
//   run_summary.json        an "invoice" member (the matching's counts)
//   report.html             an "Invoice" section (the summary; no record ids)
// None of them appears for a run without --invoice, so such a run's outputs are as they always were.
#include <string>

#include "recon/engine/run_result.hpp"

namespace recon {

void write_invoice_summary_csv(const RunResult& r, const std::string& path);
void write_invoice_challenges_csv(const RunResult& r, const std::string& path);
// ",\n  \"invoice\": {...}" for run_summary.json, or "" without --invoice.
std::string invoice_json_member(const RunResult& r);
// The report's section, or "" without --invoice.
std::string invoice_report_section(const RunResult& r);

}  // namespace recon
