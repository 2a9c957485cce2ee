// LATE_INCLUSION: a record submitted after the inclusion (flex) date of its activity month but still in time
// for the reconciliation (freeze). It is payable, but it missed the month's first cut; reported so that
// commissioners can see which providers habitually submit late. No money at risk.
#include "rules/activity_month.hpp"
#include "rules/registry.hpp"

namespace recon {
namespace {

class LateInclusionRule final : public CommonRowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "LATE_INCLUSION",
        "Record submitted after the SUS inclusion (flex) date but by the reconciliation (freeze) date",
        Severity::kLow,
        "A record whose SUBDATE is after the INCLUSION_DATE of its activity month but on or before its "
        "RECONCILIATION_DATE missed the month's first-cut position and only arrived for reconciliation. "
        "It is still payable; it is reported so that a pattern of late submission can be raised with the "
        "provider. The activity month is chosen as for LATE_SUBMISSION (APC: month of DISDATE, else "
        "ADMIDATE; OP: APPTDATE; A&E: ARRIVALDATE). Records after the freeze are LATE_SUBMISSION instead.",
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
    // On the inclusion date is in time; after the reconciliation date is LATE_SUBMISSION's business.
    if (subdate <= month->inclusion || subdate > month->reconciliation) return;

    const std::string month_text = format_month(month_index(when.day));
    const std::string inclusion = format_day(month->inclusion);
    const std::string reconciliation = format_day(month->reconciliation);
    const std::string submitted = format_day(subdate);
    const int days_after = subdate - month->inclusion;
    Challenge c = challenge_for(info(), priced, id);
    c.challenged = 0;
    c.reason = "Submitted to SUS on " + submitted + ", " + std::to_string(days_after) +
               (days_after == 1 ? " day" : " days") + " after the inclusion (flex) date " + inclusion +
               " of activity month " + month_text + " (" + std::string(when.basis) +
               ") but by its reconciliation date " + reconciliation +
               ": payable, reported for information as a late submission.";
    c.evidence = "activity_month=" + month_text + "; month_from=" + std::string(when.field) +
                 "; inclusion_date=" + inclusion + "; reconciliation_date=" + reconciliation +
                 "; subdate=" + submitted + "; days_after_inclusion=" + std::to_string(days_after);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(LateInclusionRule)

}  // namespace recon
