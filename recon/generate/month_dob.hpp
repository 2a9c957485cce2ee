// Which planted anomalies a date of birth known only to the month still shows. HES (MYDOB) and SUS
// (Month_ and Year_of_Birth_SUS) leave the day out, and a check may only judge what holds for every day of
// that month: an age only when the month's first and last day give the same one, activity before birth
// only before the month's first day, and a register's DOB differs only when it falls outside the month.
// truth.csv in those layouts leaves out what the month hides. Written from that statement of the rules,
// not from the checker's code (generator.hpp).
#pragma once

#include <string_view>

#include "recon/generate/activity_records.hpp"

namespace recon::generate {

// True when `rec`'s planted anomaly can still be seen with the record's DOB cut to its month. `register_dob`:
// the patient's date of birth on the register; `activity`: the record's activity date (admission for APC).
bool seen_with_month_dob(const RecordBase& rec, Day register_dob, Day activity);

// MMYYYY of `day` (HES MYDOB) into buf (at least 6 bytes).
std::string_view month_year_text(char* buf, Day day);

}  // namespace recon::generate
