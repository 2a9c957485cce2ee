// DATE_IMPOSSIBLE: dates that cannot all be true: a discharge before the admission, activity before the
// patient was born, activity or discharge after the run date (in the future), or a record submitted before
// the activity it describes took place.
#include "rules/registry.hpp"

namespace recon {
namespace {

// The dates of one record, named as in its dataset (ADMIDATE / APPTDATE / ARRIVALDATE).
struct RecordDates {
  const char* start_name;
  const char* what;  // "admission" / "appointment" / "arrival", for the reason
  Day start;
  Day end;  // DISDATE (APC only), else kNoDay
  Day submitted;
  DateOfBirth dob;  // to the month, activity is before birth only if before the month's first day
};

class DateImpossibleRule final : public RowRule {
 public:
  const RuleInfo& info() const override {
    static const RuleInfo kInfo{
        "DATE_IMPOSSIBLE",
        "Impossible dates: discharge before admission, activity before birth or in the future, submission "
        "before the activity",
        Severity::kHigh,
        "A record whose dates contradict each other or the calendar describes activity that cannot have "
        "taken "
        "place as recorded. Flags (one challenge per record listing every problem): DISDATE before ADMIDATE "
        "(APC; a same-day discharge is fine); the activity date (ADMIDATE, APPTDATE, ARRIVALDATE) before DOB "
        "(the day of birth itself is fine; a DOB known only to the month: before its first day); the "
        "activity date or DISDATE after the run date (--as-of, "
        "default "
        "today); SUBDATE before the activity date. Missing dates are not checked. The date of birth is never "
        "printed. Applies to APC, OP and A&E.",
        "The whole charge."};
    return kInfo;
  }

  void check_apc(const ApcRow& row, const Activity& priced, const RuleContext& ctx,
                 ChallengeSink& out) const override {
    check({"ADMIDATE", "admission", row.admidate, row.disdate, row.subdate, row.patient.dob}, priced, row.id,
          ctx, out);
  }
  void check_op(const OpRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    check({"APPTDATE", "appointment", row.apptdate, kNoDay, row.subdate, row.patient.dob}, priced, row.id,
          ctx, out);
  }
  void check_ae(const AeRow& row, const Activity& priced, const RuleContext& ctx,
                ChallengeSink& out) const override {
    check({"ARRIVALDATE", "arrival", row.arrivaldate, kNoDay, row.subdate, row.patient.dob}, priced, row.id,
          ctx, out);
  }

 private:
  void check(const RecordDates& d, const Activity& priced, std::string_view id, const RuleContext& ctx,
             ChallengeSink& out) const {
    const Day as_of = ctx.options.as_of;
    const bool has_start = d.start != kNoDay;
    const bool end_before_start = has_start && d.end != kNoDay && d.end < d.start;
    const bool before_birth = has_start && d.dob.known() && d.start < d.dob.first;
    const bool start_future = has_start && as_of != kNoDay && d.start > as_of;
    const bool end_future = d.end != kNoDay && as_of != kNoDay && d.end > as_of;
    const bool submitted_before = has_start && d.submitted != kNoDay && d.submitted < d.start;
    if (!(end_before_start || before_birth || start_future || end_future || submitted_before)) return;

    const std::string start_name = d.start_name, start = format_day(d.start), end = format_day(d.end);
    const std::string what = d.what;
    std::string problems;
    auto add = [&](const std::string& p) { problems += (problems.empty() ? "" : "; ") + p; };
    if (end_before_start) add("discharged on " + end + ", before the " + what + " on " + start);
    if (before_birth) add(what + " on " + start + " is before the patient's date of birth");
    if (start_future) add(what + " on " + start + " is after the run date " + format_day(as_of));
    if (end_future) add("discharge on " + end + " is after the run date " + format_day(as_of));
    if (submitted_before)
      add("submitted on " + format_day(d.submitted) + ", before the " + what + " on " + start);

    // Evidence names every date involved, in a fixed order; the date of birth only by its relation.
    std::string evidence = start_name + '=' + start;
    if (end_before_start || end_future) evidence += "; DISDATE=" + end;
    if (submitted_before) evidence += "; SUBDATE=" + format_day(d.submitted);
    if (before_birth) evidence += "; DOB=after " + start_name;
    if (start_future || end_future) evidence += "; as_of=" + format_day(as_of);

    Challenge c = challenge_for(info(), priced, id);
    c.challenged = priced.charged;
    c.reason = "Impossible dates: " + problems + ". The record cannot be paid until its dates are corrected.";
    c.evidence = std::move(evidence);
    out.push_back(std::move(c));
  }
};

}  // namespace

RECON_REGISTER_RULE(DateImpossibleRule)

}  // namespace recon
