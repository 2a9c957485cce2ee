// LATE_SUBMISSION: a record submitted to SUS after the reconciliation (freeze) date of its activity month.
// The freeze closes the month: what arrives afterwards is outside the reconciled position the invoice is
// settled on, so it is challenged from this invoice at its full charge.
#include "rules/activity_month.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

class LateSubmissionRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "LATE_SUBMISSION",
        "Record submitted after the SUS reconciliation (freeze) date of its activity month",
        Severity::kHigh,
        "Each activity month closes at the RECONCILIATION_DATE of the SUS calendar; a record whose "
        "SUBDATE is after it missed the freeze and is outside the reconciled position this invoice is "
        "settled on. The activity month is the month of DISDATE for APC spells (SUS reports a spell in "
        "the month it finished; ADMIDATE if the spell has no discharge date), of APPTDATE for outpatients "
        "and of ARRIVALDATE for A&E. Records without SUBDATE, or whose month is not in the calendar, are "
        "not judged.",
        "The whole charge.",
        {.all = input::kCalendar}};
    return kInfo;
  }

  void check_row(const CommonRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    const std::string_view id = row.id;
    const activity_month::MonthDay& when = row.month;
    const Day subdate = row.subdate;
    if (subdate == kNoDay) return;
    const CalendarMonth* month = ctx.ref.calendar_for(when.day);
    // Submitting on the reconciliation date itself is still in time.
    if (!month || month->reconciliation == kNoDay || subdate <= month->reconciliation) return;

    const std::string month_text = format_month(month_index(when.day));
    const std::string reconciliation = format_day(month->reconciliation);
    const std::string submitted = format_day(subdate);
    const int days_late = subdate - month->reconciliation;
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = priced.charged;
    c.reason = "Submitted to SUS on " + submitted + ", " + std::to_string(days_late) +
               (days_late == 1 ? " day" : " days") + " after the reconciliation (freeze) date " +
               reconciliation + " of activity month " + month_text + " (" + std::string(when.basis) +
               "): activity submitted after the freeze is outside the reconciled position and is not paid "
               "from this invoice.";
    c.evidence = "activity_month=" + month_text + "; month_from=" + std::string(when.field) +
                 "; reconciliation_date=" + reconciliation + "; subdate=" + submitted +
                 "; days_late=" + std::to_string(days_late);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(LateSubmissionRule)

}  // namespace recon
