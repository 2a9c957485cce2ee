// LATE_SUBMISSION: a record submitted to SUS after its activity month's payment deadline in the SUS
// timetable: the post-reconciliation inclusion date (formerly "freeze") by default, or the inclusion date
// (formerly "flex") where the contract says so (--late-deadline). What arrives afterwards is outside the
// position the invoice is settled on, so it is challenged from this invoice at its full charge.
#include "rules/activity_month.hpp"
#include "rules/registry.hpp"
#include "rules/row/late_deadline.hpp"

namespace recon {
namespace {

class LateSubmissionRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "LATE_SUBMISSION",
        "Record submitted after the SUS payment deadline of its activity month",
        Severity::kHigh,
        "The SUS national timetable gives each activity month an inclusion date (the first-cut position, "
        "formerly flex) and a post-reconciliation inclusion date (the reconciled position, formerly freeze); "
        "the calendar table holds them as INCLUSION_DATE and POST_RECONCILIATION_DATE. Which of them is the "
        "deadline for payment follows the local contract: by default the post-reconciliation inclusion date "
        "(--late-deadline 2), or the inclusion date (--late-deadline 1). A record whose SUBDATE is after the "
        "deadline is outside the position this invoice is settled on. The activity month is the month of "
        "DISDATE for APC spells (SUS reports a spell in the month it finished; ADMIDATE if the spell has no "
        "discharge date), of APPTDATE for outpatients and of ARRIVALDATE for A&E. Records without SUBDATE, "
        "or whose month or deadline is not in the calendar, are not judged. Source: NHS England, SUS+ "
        "national "
        "timetable (inclusion and post-reconciliation inclusion dates).",
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
    if (!month) return;
    const int choice = ctx.options[late_deadline::kLateDeadline];
    const Day deadline = late_deadline::payment_deadline(*month, choice);
    // Submitting on the deadline itself is still in time.
    if (deadline == kNoDay || subdate <= deadline) return;

    const bool inclusion = choice == late_deadline::kInclusion;
    const std::string month_text = format_month(month_index(when.day));
    const std::string deadline_text = format_day(deadline);
    const std::string submitted = format_day(subdate);
    const int days_late = subdate - deadline;
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = priced.charged;
    c.reason = "Submitted to SUS on " + submitted + ", " + std::to_string(days_late) +
               (days_late == 1 ? " day" : " days") + " after the " +
               (inclusion ? "inclusion date " : "post-reconciliation inclusion date ") + deadline_text +
               " of activity month " + month_text + " (" + std::string(when.basis) +
               "): activity submitted after the contract's deadline is outside the " +
               (inclusion ? "month's inclusion position" : "reconciled position") +
               " and is not paid from this invoice.";
    c.evidence = "activity_month=" + month_text + "; month_from=" + std::string(when.field) +
                 (inclusion ? "; inclusion_date=" : "; post_reconciliation_date=") + deadline_text +
                 "; subdate=" + submitted + "; days_late=" + std::to_string(days_late);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(LateSubmissionRule)

}  // namespace recon
