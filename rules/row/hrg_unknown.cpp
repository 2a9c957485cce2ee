// HRG_UNKNOWN: activity that cannot be priced against the national tariff: an APC spell with no HRG, an APC
// or A&E HRG that is not in the tariff, or an outpatient attendance that recon had to price (no PRICE) but
// whose treatment function is not in the outpatient tariff.
#include "rules/registry.hpp"

namespace recon {
namespace {

class HrgUnknownRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "HRG_UNKNOWN",
        "HRG missing or not in the tariff, so the activity cannot be priced",
        Severity::kHigh,
        "Payment by Results pays an HRG's tariff price; an HRG the tariff does not contain cannot be paid as "
        "charged. Flags: APC spells with SUSHRG empty (always) or not in tariff_apc; A&E attendances with "
        "SUSHRG not in tariff_ae (an empty A&E SUSHRG is allowed by the data contract and not flagged); OP "
        "attendances with no PRICE whose TRETSPEF is empty or not in tariff_op (outpatients are priced by "
        "treatment function, so a submitted PRICE or an OP SUSHRG is not checked here). The rule runs "
        "only when all three tariff tables are supplied (without one it is skipped and says which).",
        "The whole charge (PRICE if submitted, else recon's tariff price, which is 0 when recon could not "
        "price the record).",
        // Every tariff table: without one the rule could only find empty HRGs and would report "ran" while
        // checking nothing against the tariff.
        {.all = input::kTariffApc | input::kTariffOp | input::kTariffAe}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    if (row.hrg.empty()) {
      emit(priced, row.id,
           "The spell has no HRG (SUSHRG is empty), so it cannot be checked against the national tariff "
           "and is not payable as charged.",
           "SUSHRG=empty", out);
      return;
    }
    if (!ctx.ref.has_tariff_apc || ctx.ref.tariff_apc.contains(row.hrg)) return;
    const std::string hrg = row.hrg.str();
    emit(priced, row.id,
         "HRG " + hrg +
             " is not in the APC tariff, so the spell cannot be priced and is not payable as charged.",
         "SUSHRG=" + hrg + "; tariff=tariff_apc", out);
  }

  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    // With a PRICE the provider has priced it; without one recon prices it by treatment function.
    if (row.price != kNoPrice || !ctx.ref.has_tariff_op || ctx.ref.tariff_op.contains(row.tretspef)) return;
    if (row.tretspef.empty()) {
      emit(priced, row.id,
           "The attendance has no treatment function (TRETSPEF is empty) and no PRICE, so it cannot be "
           "priced from the outpatient tariff.",
           "TRETSPEF=empty; PRICE=absent; tariff=tariff_op", out);
      return;
    }
    const std::string tf = row.tretspef.str();
    emit(priced, row.id,
         "Treatment function " + tf +
             " is not in the outpatient tariff and no PRICE was submitted, so the attendance cannot be "
             "priced.",
         "TRETSPEF=" + tf + "; PRICE=absent; tariff=tariff_op", out);
  }

  void check_ae(const AeRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    if (row.hrg.empty() || !ctx.ref.has_tariff_ae || ctx.ref.tariff_ae.contains(row.hrg)) return;
    const std::string hrg = row.hrg.str();
    emit(priced, row.id,
         "HRG " + hrg +
             " is not in the A&E tariff, so the attendance cannot be priced and is not payable as charged.",
         "SUSHRG=" + hrg + "; tariff=tariff_ae", out);
  }

 private:
  void emit(const Activity& priced, std::string_view id, std::string reason, std::string evidence,
            ChallengeSink& out) const {
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = priced.charged;
    c.reason = std::move(reason);
    c.evidence = std::move(evidence);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(HrgUnknownRule)

}  // namespace recon
