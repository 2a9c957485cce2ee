// INVOICE_NO_ACTIVITY: an item on the provider's invoice that no activity record supports: nothing the
// provider submitted (the activity files) matches it, or the one record that matches is already billed on an
// earlier line of the invoice (the same item billed twice).
#include <string>

#include "rules/invoice/invoice_text.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

class InvoiceNoActivityRule final : public InvoiceRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "INVOICE_NO_ACTIVITY",
        "Invoiced item with no activity record behind it",
        Severity::kHigh,
        "A commissioner pays for activity the provider has submitted (SUS, the activity files); an invoice "
        "line is an item billed against it. A line is matched to the activity by its record id (provider, "
        "dataset and the activity's SUSSPELLID, ATTENDKEY or AEKEY), or, when it gives none or its id is not "
        "in the activity, by patient, provider, dataset, activity date, discharge date, HRG and treatment "
        "function as far as the line gives them (docs/invoice.md). A line that matches no activity record "
        "bills something that was never submitted; a line whose only matching records are already billed "
        "on other lines bills the same item twice. Each activity record is billed by at most one line: "
        "record-id matches claim their records first, then patient matches, each in invoice order. Source: "
        "local rule (invoice reconciliation, the pre-payment check of the provider's SLAM invoice against "
        "SUS).",
        "The whole amount billed on the line.",
        RuleNeeds{input::kInvoice, 0}};
    return kInfo;
  }

  void check_line(const InvoiceMatch& m, const RuleContext&, ChallengeSink& out) const override {
    if (m.activity) return;
    Challenge c = challenge_for(info(), m);
    c.challenged = m.line.amount;
    const std::string procode = m.line.procode.str();
    if (m.first_billed_at.line != kMaxSourceLine) {
      c.reason = invoice_text::line_of(m) + " bills " + format_money(m.line.amount) + " for " +
                 invoice_text::item_of(m.line.dataset) + " of " + procode + " that line " +
                 std::to_string(m.first_billed_at.line) + " of " + std::string(m.file_of_first) +
                 " bills and is matched to: the same item is billed twice.";
      c.evidence +=
          "; billed_first=" + std::string(m.file_of_first) + ":" + std::to_string(m.first_billed_at.line);
    } else {
      c.reason = invoice_text::line_of(m) + " bills " + format_money(m.line.amount) + " for " +
                 invoice_text::item_of(m.line.dataset) + " of " + procode +
                 ", but no activity record the provider submitted matches it (by record id, nor by patient, "
                 "dates and HRG or treatment function): nothing supports the charge.";
      c.evidence += "; matched=none";
    }
    c.evidence += "; billed=" + format_money(m.line.amount);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(InvoiceNoActivityRule)

}  // namespace recon
