// PRIMARY_INVALID: an APC spell without a usable primary diagnosis: DIAG_01 empty, or a code the ICD-10
// reference does not allow in the primary position (PRIMARY_OK = N: e.g. B95-B97 organism codes, external
// cause codes), which only qualify another diagnosis. The grouper cannot derive a valid HRG without one.
#include "rules/registry.hpp"

namespace recon {
namespace {

class PrimaryInvalidRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "PRIMARY_INVALID",
        "APC spell with no primary diagnosis, or one not allowed as primary",
        Severity::kHigh,
        "The HRG of a spell is grouped from its primary diagnosis (DIAG_01). A spell with DIAG_01 empty, or "
        "with a code that the icd10 reference marks PRIMARY_OK = N (codes that only add detail to another "
        "diagnosis, e.g. B95-B97 infectious agents, external causes), cannot be grouped to a valid HRG and "
        "is not payable as charged. The rule needs the icd10 table (skipped without it; a code is also "
        "matched by its 3-character category); a DIAG_01 that is malformed or not in the list at all is "
        "CODE_INVALID's "
        "business, not this rule's.",
        "The whole charge.",
        {.all = input::kIcd10}};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const Code primary = row.diag[0];
    if (primary.empty()) {
      Challenge c = challenge_for(info(), priced, row.id);
      c.challenged = priced.charged;
      c.reason =
          "The spell has no primary diagnosis (DIAG_01 is empty), so it cannot be grouped to a valid HRG "
          "and is not payable as charged.";
      c.evidence = "DIAG_01=empty";
      out.push_back(std::move(c));
      return;
    }
    if (!ctx.ref.has_icd10) return;
    const Icd10Info* listed = ctx.ref.find_icd10(primary);
    if (!listed || listed->primary_ok) return;
    const std::string code = primary.str();
    Challenge c = challenge_for(info(), priced, row.id);
    c.challenged = priced.charged;
    c.reason = "DIAG_01 " + code +
               " is not allowed as a primary diagnosis (it only adds detail to the main condition treated), "
               "so the spell cannot be grouped to a valid HRG and is not payable as charged.";
    c.evidence = "DIAG_01=" + code + "; PRIMARY_OK=N";
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(PrimaryInvalidRule)

}  // namespace recon
