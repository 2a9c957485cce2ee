#pragma once
// What the patient rules need of an APC row beyond the compact record's fields, reduced to flags when the row
// is compacted (rules/activity_record.cpp): the patient stage sees 88-byte records, never the whole row.
#include "core/date_of_birth.hpp"
#include "core/records.hpp"
#include "rules/patient/patient_history.hpp"

namespace recon::patient_flags {

// READMIT's exclusions: a primary diagnosis of neoplasm (cancer treatment brings planned returns), and a
// readmitted child under four on admission (DOB known). A DOB known only to the month counts as under four
// if the patient may be (the youngest age it allows is under four): an exclusion must hold whenever it may.
inline void set_from_apc(const ApcRow& row, Activity& a) {
  a.primary_neoplasm = patient_history::is_neoplasm(row.diag[0]);
  a.under_four = row.patient.dob.known() && youngest_age(row.patient.dob, row.admidate) < 4;
}

}  // namespace recon::patient_flags
