// AFTER_DEATH: activity dated after the patient's date of death on the practice register. A patient cannot
// be admitted or attend after death: either the record belongs to someone else or its date is wrong.
#include "rules/registry.hpp"

namespace recon {
namespace {

class AfterDeathRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "AFTER_DEATH",
        "Activity dated after the patient's date of death on the practice register",
        Severity::kHigh,
        "A record with a valid NHS number whose activity date (ADMIDATE / APPTDATE / ARRIVALDATE) is "
        "after the DOD the practice register holds for that patient cannot be right. Activity on the day "
        "of death is allowed (a patient may arrive and die the same day). If register rows disagree on "
        "DOD, the latest is used so that a mistyped earlier date does not refuse genuine activity. For "
        "APC only the admission date is judged: DISDATE after death is not flagged.",
        "The whole charge.",
        {.all = input::kRegister}};
    return kInfo;
  }

  void check_row(const CommonRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const std::string_view id = row.id;
    const Activity& a = priced;
    if (!a.nhs_valid || a.start == kNoDay) return;
    const Registration* death = nullptr;  // the row with the latest DOD
    for (const Registration& r : ctx.practice.registrations_of(a.nhs))
      if (r.dod != kNoDay && (!death || r.dod > death->dod)) death = &r;
    if (!death || a.start <= death->dod) return;

    const int days = a.start - death->dod;
    const std::string dod = format_day(death->dod);
    Challenge c = challenge_for(info(), a, id);
    c.challenged = a.charged;
    c.reason = "Activity on " + format_day(a.start) + " is " + std::to_string(days) +
               (days == 1 ? " day" : " days") + " after the patient's date of death, " + dod +
               ", recorded by practice " + death->gpprac.str() +
               ": either the record belongs to another patient or its date is wrong.";
    c.evidence =
        "dod=" + dod + "; dod_practice=" + death->gpprac.str() + "; days_after_death=" + std::to_string(days);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(AfterDeathRule)

}  // namespace recon
