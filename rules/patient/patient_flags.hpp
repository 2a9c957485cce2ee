#pragma once
// What the patient rules need of a row beyond the compact record's fields, reduced to flags and a rank when
// the row is compacted (rules/activity_record.cpp): the patient stage sees 88-byte records, never the whole
// row.
#include <algorithm>
#include <cstdint>

#include "core/date_of_birth.hpp"
#include "core/records.hpp"
#include "rules/patient/patient_history.hpp"

namespace recon::patient_flags {

// A single-digit national code in the compact record's 4-bit fields: values above 15, which no national code
// has, are held as 15 rather than wrapping round to a real code.
inline std::uint8_t four_bits(std::uint8_t v) { return std::min<std::uint8_t>(v, 15); }

// DUP's choice of the original among copies of one record (Activity::copy_rank): the more complete copy, then
// the later submitted. `filled` counts the row's filled fields; `lag` is SUBDATE minus the start date, the
// same start for every copy, so comparing lags compares submission dates.
inline std::uint16_t copy_rank(unsigned filled, Day start, Day subdate) {
  const int lag = start == kNoDay || subdate == kNoDay ? 0 : std::clamp(subdate - start, 0, 1023);
  return static_cast<std::uint16_t>(std::min(filled, 63u) << 10 | static_cast<unsigned>(lag));
}

inline unsigned filled(Code c) { return c.empty() ? 0 : 1; }
template <std::size_t N>
unsigned filled(const std::array<Code, N>& codes) {
  return static_cast<unsigned>(std::count_if(codes.begin(), codes.end(), [](Code c) { return !c.empty(); }));
}
// The patient fields every dataset has (the NHS number is the match key, so the same in every copy).
inline unsigned filled(const PatientFields& p) {
  return (p.dob.known() ? 1 : 0) + filled(p.sex) + filled(p.gpprac);
}
inline unsigned filled_price(Pence price) { return price == kNoPrice ? 0 : 1; }

// READMIT's exclusions as the national rule words them: a primary diagnosis of cancer (C00-C97, D37-D48), a
// readmitted child aged 3 or under (DOB known; a DOB known only to the month counts if the patient may be
// that young: an exclusion must hold whenever it may), an admission that is a transfer from another provider,
// and an index spell ended by self-discharge against clinical advice.
inline void set_from_apc(const ApcRow& row, Activity& a) {
  a.primary_cancer = patient_history::is_cancer(row.diag[0]);
  a.under_four = row.patient.dob.known() && youngest_age(row.patient.dob, row.admidate) < 4;
  a.transfer_in = patient_history::is_transfer_admission(row.admimeth, row.admisorc);
  static const Code kSelfDischarge = Code::of("2");
  a.self_discharged = row.dismeth == kSelfDischarge;
  const unsigned fields = filled(row.patient) + filled(row.admimeth) + filled(row.admisorc) +
                          filled(row.dismeth) + filled(row.classpat) + filled(row.tretspef) +
                          filled(row.hrg) + filled_price(row.price) + filled(row.diag) + filled(row.opertn);
  a.copy_rank = copy_rank(fields, row.admidate, row.subdate);
}

inline void set_from_op(const OpRow& row, Activity& a) {
  const unsigned fields = filled(row.patient) + filled(row.attended) + filled(row.firstatt) +
                          filled(row.refsourc) + filled(row.tretspef) + filled(row.hrg) +
                          filled_price(row.price) + filled(row.opertn);
  a.copy_rank = copy_rank(fields, row.apptdate, row.subdate);
}

inline void set_from_ae(const AeRow& row, Activity& a) {
  const unsigned fields = filled(row.patient) + filled(row.attendcat) + filled(row.attenddisp) +
                          filled(row.hrg) + filled_price(row.price);
  a.copy_rank = copy_rank(fields, row.arrivaldate, row.subdate);
}

}  // namespace recon::patient_flags
