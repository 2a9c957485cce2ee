#pragma once
// Which month of the SUS flex/freeze calendar a record belongs to, shared by LATE_SUBMISSION and
// LATE_INCLUSION so that the two always agree.
//  * APC: SUS reports a spell in the month it finished, so a spell is placed by its DISDATE; a spell without
//    one (still open when submitted) by its ADMIDATE.
//  * OP: APPTDATE. A&E: ARRIVALDATE.
#include <string_view>

#include "core/records.hpp"

namespace recon::activity_month {

struct MonthDay {
  Day day = kNoDay;
  std::string_view field;  // the date field the month comes from, for EVIDENCE
  std::string_view basis;  // the same in words, for REASON
};

inline MonthDay of(const ApcRow& r) {
  if (r.disdate != kNoDay) return {r.disdate, "DISDATE", "the month of discharge"};
  return {r.admidate, "ADMIDATE", "the month of admission; no discharge date"};
}
inline MonthDay of(const OpRow& r) { return {r.apptdate, "APPTDATE", "the month of the appointment"}; }
inline MonthDay of(const AeRow& r) { return {r.arrivaldate, "ARRIVALDATE", "the month of arrival"}; }

}  // namespace recon::activity_month
