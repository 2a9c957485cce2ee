// INVOICE_PRICE: an invoice line billing more than its activity record is worth at the national tariff, as
// recon prices the record (core/pricing: the HRG's day case, elective or non-elective price with excess bed
// days and the short-stay emergency adjustment; the outpatient first or follow-up price by treatment
// function; the A&E HRG's price).
#include <string>

#include "rules/invoice/invoice_text.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

// Differences of up to a pound are rounding (a percentage adjustment, a price per day, a provider's own
// rounding of the market forces factor's pennies), not overcharging: challenged only above it.
constexpr Pence kTolerance = 100;

class InvoicePriceRule final : public InvoiceRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "INVOICE_PRICE",
        "Invoiced above the activity's tariff price",
        Severity::kMedium,
        "An invoice line bills the activity record it is matched to (docs/invoice.md); the commissioner "
        "pays that activity at the national tariff. A line whose amount is more than 1.00 above the "
        "record's price as recon works it out from the tariff tables (APC: the HRG's day case, elective or "
        "non-elective price, excess bed days past the trim point, the short-stay emergency adjustment; "
        "outpatients: the treatment function's first or follow-up price; A&E: the HRG's price) is "
        "overcharged by the difference. A record the tariff cannot price (an HRG or treatment function not "
        "in "
        "it: HRG_UNKNOWN's business) is not judged, nor is a line with no matching record "
        "(INVOICE_NO_ACTIVITY). Source: local rule (invoice reconciliation), prices from the NHS Payment "
        "Scheme tariff tables supplied.",
        "The amount billed less the tariff price (only when above 1.00).",
        RuleNeeds{input::kInvoice, input::kTariffApc | input::kTariffOp | input::kTariffAe}};
    return kInfo;
  }

  void check_line(const InvoiceMatch& m, const RuleContext&, ChallengeSink& out) const override {
    if (!m.activity || m.activity->tariff <= 0) return;
    const Pence over = m.line.amount - m.activity->tariff;
    if (over <= kTolerance) return;
    Challenge c = challenge_for(info(), m);
    c.challenged = over;
    c.reason = invoice_text::line_of(m) + " bills " + format_money(m.line.amount) + " for " +
               invoice_text::item_of(m.line.dataset) + " (record " + std::string(m.activity_id) +
               ") that the tariff prices at " + format_money(m.activity->tariff) + ": " + format_money(over) +
               " more than the activity is worth.";
    const bool op = m.activity->dataset == Dataset::kOp;
    c.evidence += "; activity=" + std::string(m.activity_id) +
                  (op ? "; tretspef=" + m.activity->tretspef.str() : "; hrg=" + m.activity->hrg.str()) +
                  "; tariff=" + format_money(m.activity->tariff) + "; billed=" + format_money(m.line.amount);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(InvoicePriceRule)

}  // namespace recon
