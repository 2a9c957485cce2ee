// LATE_INCLUSION: a record submitted after the inclusion date (formerly "flex") of its activity month but
// still by the post-reconciliation inclusion date (formerly "freeze"). It is payable, but it missed the
// month's first cut; reported so that commissioners can see which providers habitually submit late. No money
// at risk.
#include "rules/activity_month.hpp"
#include "rules/registry.hpp"
#include "rules/row/late_deadline.hpp"

namespace recon {
namespace {

class LateInclusionRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "LATE_INCLUSION",
        "Record submitted after the SUS inclusion date but by the post-reconciliation inclusion date",
        Severity::kLow,
        "A record whose SUBDATE is after the inclusion date (INCLUSION_DATE, formerly flex) of its activity "
        "month but on or before its post-reconciliation inclusion date (POST_RECONCILIATION_DATE, formerly "
        "freeze) missed the month's first-cut position and only arrived for reconciliation. It is still "
        "payable; it is reported so that a pattern of late submission can be raised with the provider. The "
        "activity month is chosen as for LATE_SUBMISSION (APC: month of DISDATE, else ADMIDATE; OP: "
        "APPTDATE; A&E: ARRIVALDATE). Records after the post-reconciliation inclusion date are "
        "LATE_SUBMISSION "
        "instead; where the contract makes the inclusion date the deadline (--late-deadline 1), every record "
        "after it is LATE_SUBMISSION and this rule raises nothing. Source: NHS England, SUS+ national "
        "timetable.",
        "Nothing (for information).",
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
    if (!month || month->inclusion == kNoDay || month->reconciliation == kNoDay) return;
    // With the inclusion date as the deadline, a record after it is LATE_SUBMISSION's (not payable).
    if (ctx.options[late_deadline::kLateDeadline] == late_deadline::kInclusion) return;
    // On the inclusion date is in time; after the post-reconciliation inclusion date is LATE_SUBMISSION's.
    if (subdate <= month->inclusion || subdate > month->reconciliation) return;

    const std::string month_text = format_month(month_index(when.day));
    const std::string inclusion = format_day(month->inclusion);
    const std::string post_reconciliation = format_day(month->reconciliation);
    const std::string submitted = format_day(subdate);
    const int days_after = subdate - month->inclusion;
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = 0;
    c.reason = "Submitted to SUS on " + submitted + ", " + std::to_string(days_after) +
               (days_after == 1 ? " day" : " days") + " after the inclusion date " + inclusion +
               " of activity month " + month_text + " (" + std::string(when.basis) +
               ") but by its post-reconciliation inclusion date " + post_reconciliation +
               ": payable, reported for information as a late submission.";
    c.evidence = "activity_month=" + month_text + "; month_from=" + std::string(when.field) +
                 "; inclusion_date=" + inclusion + "; post_reconciliation_date=" + post_reconciliation +
                 "; subdate=" + submitted + "; days_after_inclusion=" + std::to_string(days_after);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(LateInclusionRule)

}  // namespace recon
