// PRIVATE_PATIENT: activity recorded with administrative category 02 (private patient) charged to the
// commissioner. A private patient pays the provider for their care; the NHS commissioner does not.
#include <string>

#include "rules/registry.hpp"

namespace recon {
namespace {

class PrivatePatientRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "PRIVATE_PATIENT", "Private patient's activity charged to the commissioner", Severity::kHigh,
        "ADMINCAT (ADMINISTRATIVE CATEGORY CODE) 02 records a private patient, one who uses accommodation or "
        "services authorised under the National Health Service Act 2006 and pays for them; the NHS "
        "commissioner does not pay for that care. An APC spell, outpatient attendance or A&E attendance with "
        "ADMINCAT 02 and a charge above zero is challenged. 01 (NHS patient, including overseas visitors "
        "charged under the charging regulations), 03 (amenity patient: pays only for a single room or small "
        "ward, the care is NHS) and 04 (category II) are not judged, nor is an empty ADMINCAT. Source: NHS "
        "Data Model and Dictionary, ADMINISTRATIVE CATEGORY CODE.",
        "The whole charge."};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    check(row.id, row.admincat, priced, out);
  }
  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    check(row.id, row.admincat, priced, out);
  }
  void check_ae(const AeRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    check(row.id, row.admincat, priced, out);
  }

 private:
  void check(std::string_view id, Code admincat, const Activity& priced, ChallengeSink& out) const {
    static const Code kPrivatePatient = Code::of("02");
    if (admincat != kPrivatePatient || priced.charged <= 0) return;
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = priced.charged;
    c.reason = "Record " + std::string(id) + " has ADMINCAT 02 (private patient) but is charged " +
               format_money(priced.charged) +
               " to the commissioner: a private patient pays for their own care, which the NHS does not.";
    c.evidence = "admincat=02; charged=" + format_money(priced.charged);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(PrivatePatientRule)

}  // namespace recon
