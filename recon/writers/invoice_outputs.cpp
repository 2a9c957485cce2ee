#include "recon/writers/invoice_outputs.hpp"

#include "recon/writers/atomic_file.hpp"
#include "recon/writers/report_text.hpp"
#include "recon/writers/text_escape.hpp"

namespace recon {
namespace {

InvoiceSummaryRow total_of(const std::vector<InvoiceSummaryRow>& rows) {
  InvoiceSummaryRow all;
  for (const InvoiceSummaryRow& r : rows) {
    all.lines += r.lines;
    all.matched_lines += r.matched_lines;
    all.unmatched_lines += r.unmatched_lines;
    all.overpriced_lines += r.overpriced_lines;
    all.activity_challenged_lines += r.activity_challenged_lines;
    all.invoiced = add_money(all.invoiced, r.invoiced);
    all.matched = add_money(all.matched, r.matched);
    all.unmatched = add_money(all.unmatched, r.unmatched);
    all.overpriced = add_money(all.overpriced, r.overpriced);
    all.activity_challenged = add_money(all.activity_challenged, r.activity_challenged);
    all.at_risk = add_money(all.at_risk, r.at_risk);
  }
  return all;
}

}  // namespace

void write_invoice_summary_csv(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "PROCODE3,POD,DATASET,LINES,INVOICED,MATCHED_LINES,MATCHED,UNMATCHED_LINES,UNMATCHED,OVERPRICED_LINES,"
       "OVERPRICED,ACTIVITY_CHALLENGED_LINES,ACTIVITY_CHALLENGED,AMOUNT_AT_RISK,RUN_ID\n";
  for (const InvoiceSummaryRow& s : r.invoice->summary)
    f << csv_field(s.procode.str()) + ',' + csv_field(s.pod.str()) + ',' +
             std::string(dataset_name(s.dataset)) + ',' + std::to_string(s.lines) + ',' +
             format_money(s.invoiced) + ',' + std::to_string(s.matched_lines) + ',' +
             format_money(s.matched) + ',' + std::to_string(s.unmatched_lines) + ',' +
             format_money(s.unmatched) + ',' + std::to_string(s.overpriced_lines) + ',' +
             format_money(s.overpriced) + ',' + std::to_string(s.activity_challenged_lines) + ',' +
             format_money(s.activity_challenged) + ',' + format_money(s.at_risk) + ',' + r.run_id + '\n';
  f.commit();
}

void write_invoice_challenges_csv(const RunResult& r, const std::string& path) {
  AtomicFile f(path);
  f << "INVOICE_FILE,INVOICE_LINE,PROCODE3,POD,DATASET,RECORD_ID,BILLED,ACTIVITY_FILE,ACTIVITY_LINE,"
       "ACTIVITY_CHARGED,TARIFF,ACTIVITY_RULES,AMOUNT_AT_RISK,RUN_ID\n";
  for (const InvoiceChallengeLink& l : r.invoice->links)
    f << csv_field(r.file_paths[l.line.file]) + ',' + std::to_string(l.line.line) + ',' +
             csv_field(l.procode.str()) + ',' + csv_field(l.pod.str()) + ',' +
             std::string(dataset_name(l.dataset)) + ',' + csv_field(l.record_id) + ',' +
             format_money(l.billed) + ',' + csv_field(r.file_paths[l.activity.file]) + ',' +
             std::to_string(l.activity.line) + ',' + format_money(l.activity_charged) + ',' +
             format_money(l.tariff) + ',' + csv_field(l.rules) + ',' + format_money(l.at_risk) + ',' +
             r.run_id + '\n';
  f.commit();
}

std::string invoice_json_member(const RunResult& r) {
  if (!r.invoice) return {};
  const InvoiceReconciliation& v = *r.invoice;
  const InvoiceSummaryRow all = total_of(v.summary);
  return ",\n  \"invoice\": {\"lines\": " + std::to_string(v.lines) +
         ", \"matched_by_record_id\": " + std::to_string(v.by_record_id) +
         ", \"matched_by_patient\": " + std::to_string(v.by_patient) +
         ", \"unmatched\": " + std::to_string(v.unmatched) +
         ", \"billed_twice\": " + std::to_string(v.billed_twice) +
         ", \"invoiced\": " + format_money(all.invoiced) + ", \"matched\": " + format_money(all.matched) +
         ", \"overpriced\": " + format_money(all.overpriced) +
         ", \"activity_challenged\": " + format_money(all.activity_challenged) +
         ", \"amount_at_risk\": " + format_money(all.at_risk) +
         ", \"lines_billing_challenged_activity\": " + std::to_string(v.links.size()) + "}";
}

std::string invoice_report_section(const RunResult& r) {
  if (!r.invoice) return {};
  const InvoiceReconciliation& v = *r.invoice;
  auto pounds = [](Pence p) { return html_escape(format_pounds(p)); };
  std::string h =
      "<section id=\"invoice\"><h2>Invoice against activity</h2><p class=\"muted small\">" +
      format_count(v.lines) + " invoice lines: " + format_count(v.by_record_id) + " matched by record id, " +
      format_count(v.by_patient) + " by patient and dates, " + format_count(v.unmatched) +
      " with no activity, " + format_count(v.billed_twice) +
      " billing an item already billed. Amount at risk counts each line once, at the largest of its invoice "
      "challenge and its activity's challenges (up to the amount billed); invoice_summary.csv and "
      "invoice_challenges.csv hold the detail.</p><table><thead><tr><th>Provider</th><th>POD</th><th "
      "class=\"num\">Lines</th><th class=\"num\">Invoiced</th><th class=\"num\">Matched</th><th "
      "class=\"num\">No activity</th><th class=\"num\">Overpriced</th><th class=\"num\">Challenged "
      "activity</th><th class=\"num\">Amount at risk</th></tr></thead><tbody>";
  auto row = [&](const std::string& provider, const std::string& pod, const InvoiceSummaryRow& s) {
    h += "<tr><td class=\"code\">" + provider + "</td><td class=\"code\">" + pod + "</td><td class=\"num\">" +
         format_count(s.lines) + "</td><td class=\"num\">" + pounds(s.invoiced) + "</td><td class=\"num\">" +
         pounds(s.matched) + "</td><td class=\"num\">" + pounds(s.unmatched) + "</td><td class=\"num\">" +
         pounds(s.overpriced) + "</td><td class=\"num\">" + pounds(s.activity_challenged) +
         "</td><td class=\"num\">" + pounds(s.at_risk) + "</td></tr>";
  };
  for (const InvoiceSummaryRow& s : v.summary) row(html_escape(s.procode.str()), html_escape(s.pod.str()), s);
  if (v.summary.empty()) h += "<tr><td colspan=\"9\" class=\"muted\">No invoice lines.</td></tr>";
  h += "</tbody><tfoot>";
  row("All", "", total_of(v.summary));
  return h + "</tfoot></table></section>\n";
}

}  // namespace recon
