// OP_NOT_ATTENDED: an outpatient appointment charged although it did not take place: the patient cancelled
// it, did not attend, arrived too late to be seen, or the provider cancelled it. The tariff pays attendances,
// not appointments, so nothing is payable.
#include <string>

#include "rules/registry.hpp"

namespace recon {
namespace {

// ATTENDED OR DID NOT ATTEND national codes that mean no care contact took place.
const char* not_attended_meaning(std::uint8_t attended) {
  switch (attended) {
    case 2:
      return "appointment cancelled by, or on behalf of, the patient";
    case 3:
      return "did not attend, no advance warning given";
    case 4:
      return "appointment cancelled or postponed by the provider";
    case 7:
      return "patient arrived late and could not be seen";
    default:
      return nullptr;
  }
}

class OpNotAttendedRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "OP_NOT_ATTENDED", "Outpatient appointment charged although it did not take place", Severity::kHigh,
        "The outpatient tariff pays an attendance (a care contact that took place), not an appointment. An "
        "outpatient record whose ATTENDED (ATTENDED OR DID NOT ATTEND CODE, the attendance status) is 2 "
        "(cancelled by or on behalf of the patient), 3 (did not attend, no advance warning), 4 (cancelled or "
        "postponed by the provider) or 7 (arrived late and could not be seen) and that carries a PRICE above "
        "zero has been charged for care that was not given. ATTENDED 5 and 6 (seen) are attendances; 0 "
        "(appointment in the future) and an empty ATTENDED are not judged; a record without PRICE is not "
        "judged, because the extract does not say it was charged. Source: NHS Data Model and Dictionary, "
        "ATTENDED OR DID NOT ATTEND CODE (national codes 2-7).",
        "The whole charge."};
    return kInfo;
  }

  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    const char* meaning = not_attended_meaning(priced.attended);
    if (!meaning || row.price == kNoPrice || row.price <= 0) return;
    Challenge c = challenge_for(info(), priced, row.id);
    c.challenged = row.price;
    const std::string attended = std::to_string(priced.attended);
    c.reason = "Outpatient appointment " + std::string(row.id) + " on " + format_day(row.apptdate) +
               " is charged " + format_money(row.price) + " but its ATTENDED is " + attended + " (" +
               meaning + "): no care contact took place, and the tariff pays attendances only.";
    c.evidence = "attended=" + attended + "; price=" + format_money(row.price);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(OpNotAttendedRule)

}  // namespace recon
