#include "recon/generate/month_dob.hpp"

#include "recon/generate/field_text.hpp"

namespace recon::generate {

namespace {

Day first_of_month(Day day) { return first_day_of_month_number(month_number(day)); }
Day last_of_month(Day day) { return last_day_of_month_number(month_number(day)); }

}  // namespace

bool seen_with_month_dob(const RecordBase& rec, Day register_dob, Day activity) {
  const Day dob = rec.who.dob;
  // Age falls as the day of birth moves later: the month's first day gives the oldest age, its last the
  // youngest.
  const int oldest = age_in_years(first_of_month(dob), activity);
  const int youngest = age_in_years(last_of_month(dob), activity);
  switch (rec.kind) {
    case Anomaly::dob_mismatch:
      return month_number(dob) != month_number(register_dob);
    case Anomaly::activity_before_birth:
      return activity < first_of_month(dob);
    case Anomaly::age_impossible_code:
      // Planted outside the code's range at the exact age, which a certain age is.
      return oldest == youngest;
    case Anomaly::readmission:
      return youngest >= 4;  // the exclusion of under-fours holds whenever the patient may be one
    default:
      return true;
  }
}

std::string_view month_year_text(char* buf, Day day) {
  const Ymd ymd = civil_from_days(day);
  digits_text(buf, ymd.month, 2);
  digits_text(buf + 2, ymd.year, 4);
  return {buf, 6};
}

}  // namespace recon::generate
