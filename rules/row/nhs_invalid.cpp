// NHS_INVALID: activity without a usable NHS number. Without one the commissioner cannot attribute the
// activity to a patient it is responsible for, so it does not pay it.
#include "rules/registry.hpp"

namespace recon {
namespace {

class NhsInvalidRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "NHS_INVALID",
        "NHS number missing, not 10 digits, failing the Modulus 11 check or a repeated single digit",
        Severity::kHigh,
        "Activity is only payable for a patient the commissioner is responsible for, and that is established "
        "through a valid NHS number. A missing number, one that is not 10 digits, one whose check digit "
        "fails "
        "Modulus 11, or a never-issued repeated single digit (e.g. 0000000000) cannot be attributed to a "
        "registered patient. Applies to APC, OP and A&E.",
        "The whole charge."};
    return kInfo;
  }

  void check_row(const CommonRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const PatientFields& p = row.patient;
    const std::string_view id = row.id;
    if (priced.nhs_valid) return;  // the happy path: Modulus 11 was already checked when `priced` was built
    // Say which check failed, never the number itself (the NHSNUMBER column carries it, when well-formed).
    const char* problem;
    const char* check_name;
    if (p.nhs_state == NhsState::kMissing) {
      problem = "The NHS number is missing";
      check_name = "missing";
    } else if (p.nhs_state == NhsState::kMalformed) {
      problem = "The NHS number is not a 10-digit number";
      check_name = "not_10_digits";
    } else if (p.nhs % 1111111111ull == 0) {  // d * 1111111111: one digit ten times
      problem = "The NHS number is a single digit repeated ten times, which is never issued";
      check_name = "repeated_digit";
    } else {
      problem = "The NHS number fails the Modulus 11 check digit, so it is not a real NHS number";
      check_name = "modulus_11";
    }
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = priced.charged;
    c.reason =
        std::string(problem) +
        ": the activity cannot be attributed to a registered patient, so the commissioner does not pay "
        "it.";
    c.evidence = std::string("nhs_check=") + check_name;
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(NhsInvalidRule)

}  // namespace recon
