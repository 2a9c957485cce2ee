// The anomaly kinds the generator plants, their names in truth.csv, and which kinds each dataset can get.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/dataset.hpp"  // recon::Dataset and dataset_name: the one header shared with the checker

namespace recon::generate {

// Every planted anomaly is written to truth.csv as DATASET,RECORD_ID,ANOMALY where ANOMALY is
// "name[:detail]". Each is planted so that it breaks exactly one rule, and clean records never look like
// any of them (the generator keeps clean data clear of accidental duplicates, overlaps, same-day
// readmissions, readmissions within 30 days of an elective spell, repeated first attendances, ...).
enum class Anomaly : std::uint8_t {
  none,
  // duplicate_of:ID - a copy of the patient's previous record (APC: same provider, dates, HRG, coding;
  // OP: of a follow-up; A&E: same provider and day) under a new id. APC originals stay at least one
  // night, so a duplicate never also reads as a split spell; it does overlap its original.
  duplicate,
  // overlaps:ID - APC spell at another provider admitted strictly after the other spell's admission and
  // before its discharge, discharged no later than it (nested); the other spell lasts 3+ days.
  overlap,
  // split_spell:ID - APC spell admitted on the day the previous spell at the same provider ended; both at
  // least one night, neither maternity; method 81 after an elective spell, else the previous method.
  split_spell,
  // readmission_after:ID - emergency admission (21-28) 1-30 days after discharge from an elective spell
  // (11-13, day cases included) at the same provider; neither primary is a neoplasm (C00-D48), the patient
  // is 4 or older, neither spell is maternity.
  readmission,
  // repeat_first_attendance:ID - OP first attendance (FIRSTATT 1, REFSOURC 03, attended) 7-45 days after
  // the original first attendance at the same provider and TRETSPEF; the original's referral is within 90
  // days of both, and no referral for that TRETSPEF is dated after the original.
  repeat_first,
  // invalid_nhs_number:checksum|check_digit_10|same_digit|missing|wrong_length. Never on GP-referred
  // activity (APC emergency, OP follow-up), so an unlinkable record implies nothing else.
  invalid_nhs,
  // invalid_icd10:CODE - an extra secondary diagnosis that is not in icd10.csv (e.g. I5O0, ZZ99).
  invalid_icd10,
  // sex_impossible_code:CODE - APC: an extra secondary diagnosis for the other sex (N832/O800/O342 on
  // men, N47X/N433/N40X on women); OP: an OPCS-4 procedure for the other sex (Q181 / N303).
  sex_impossible_code,
  // age_impossible_code:CODE - an extra secondary diagnosis outside its age range: a perinatal P code on a
  // patient 18 or older, R54X (senility, 60+) on a child.
  age_impossible_code,
  // primary_not_allowed:CODE - DIAG_01 replaced by a code with PRIMARY_OK=N (external cause, asterisk or
  // B96 "as the cause" codes); the secondaries are unchanged.
  primary_not_allowed,
  // hrg_not_in_tariff:HRG - SUSHRG absent from the tariff (UZ01Z, EB99Z, ...; A&E VB99Z, VB12Z); PRICE
  // always present.
  hrg_not_in_tariff,
  // discharge_before_admission - DISDATE is ADMIDATE - 1; at least 3 days after the previous spell.
  discharge_before_admission,
  // activity_before_birth - OP/A&E record of a baby, dated 1-20 days before the DOB (record and register
  // agree). Registration starts at birth, so truth also lists not_registered:PRACTICE for it.
  activity_before_birth,
  // late_submission - SUBDATE 1-60 days after the POST_RECONCILIATION_DATE of the activity month (APC: month
  // of DISDATE; OP: APPTDATE; A&E: ARRIVALDATE). Clean SUBDATEs are on or before the INCLUSION_DATE.
  late_submission,
  // late_inclusion - SUBDATE after the INCLUSION_DATE and on or before the POST_RECONCILIATION_DATE.
  late_inclusion,
  // not_registered:PRACTICE - GPPRAC is a practice the patient is not registered with on the activity
  // date (for movers the practice left or not yet joined).
  not_registered,
  // activity_after_death - the patient's last record (any dataset) dated 1-15 days after the DOD; every
  // other record of the patient is before it. Deceased patients stay registered (DEREGDATE empty).
  activity_after_death,
  // dob_mismatch - record DOB differs from the register's (day/month swapped, a year out, 1-3 days out),
  // never after the activity date and never making a coded diagnosis age-impossible.
  dob_mismatch,
  // sex_mismatch - record SEX is the other sex from the register's; only where no sex-specific code is
  // coded.
  sex_mismatch,
  // no_referral - GP-referred activity with no referral: OP first attendance (FIRSTATT 1, REFSOURC 03)
  // with no referral for its TRETSPEF (any provider) dated in the 365 days before; APC elective admission
  // (ADMIMETH 11/12) with no referral at all for the patient in the 365 days before. Clean GP-referred
  // activity has a referral for the same TRETSPEF, PROCODE3 equal or empty, 1-90 days before.
  no_referral,
  // cc_split_unsupported:CLAIMED:SUPPORTED - SUSHRG claims split A while every secondary diagnosis scores 0
  // (the root has 3+ splits, so the gap is at least two bands).
  cc_split_unsupported,
  // upcoded:CLAIMED:SUPPORTED - a spell of the upcoding provider whose split letter was moved 1-2 letters
  // towards A (25% of its spells that can move); the provider itself is in truth as
  // apc,PROCODE3,upcoding_provider (only with 2+ providers, as the pattern needs peers).
  upcoded,
  // charged_not_attended - an OP appointment that did not take place (ATTENDED 2, 3, 4 or 7) charged at its
  // tariff price (clean ones carry PRICE 0.00). Chosen by a hash of the appointment date among the clean
  // non-attendances, at the anomaly rate, so that planting it draws nothing from the random stream.
  charged_not_attended,
  // private_patient - an attended OP appointment or an A&E attendance, charged, with ADMINCAT 02 (private
  // patient; clean records carry 01, NHS patient). Chosen by private_patient_planted (a hash of the date and
  // the record's id), so that planting it draws nothing from the random stream.
  private_patient,
  // out_of_scope:HRG - an attended OP appointment, charged, whose SUSHRG is a chemotherapy drug procurement
  // HRG (SB01Z-SB10Z), which has no national price (OUT_OF_SCOPE's default exclusions). Chosen by
  // out_of_scope_planted (a hash, as private_patient's), so that planting it draws nothing from the random
  // stream.
  out_of_scope,
  // malformed - a row recon must reject: an unparseable activity date (YYYY-02-30, YYYY-13-07, N/A) or a
  // row cut short after the activity date (NDJSON: an unterminated object).
  malformed_bad_date,
  malformed_too_few_fields,
};
// Not kinds of their own, but also in truth.csv:
//  * conditions,NHSNUMBER,register_missing:REGISTER - a QOF register left out of the practice records
//    although the patient's spells code it; and apc,ID,cc_register_missing:REGISTER on each linkable spell
//    whose CC split would fall below its band without the CC scores of that register's codes.
//  * note:quoted_comma / note:quoted_newline - valid rows whose COMMENT needs RFC 4180 quoting (not
//    anomalies: recon must accept them).

// Name written in the ANOMALY column of truth.csv (before any ":detail").
std::string_view anomaly_name(Anomaly anomaly);

// Kinds that describe a relation to the patient's previous record in the same dataset.
bool needs_predecessor(Anomaly anomaly);

// Kinds drawn for individual rows of a dataset (patient-level kinds such as activity after death, and the
// provider-level upcoding, are planted separately).
std::span<const Anomaly> row_anomalies(Dataset dataset);

// Whether a clean charged record is planted as private_patient: a hash of its activity date and a
// per-record number (its index among the patient's records of the dataset) below a tenth of the anomaly
// rate, so the choice draws nothing from the random stream and the rest of the data is unchanged.
bool private_patient_planted(double anomaly_rate, std::int32_t activity_day, std::uint32_t record_index);

// As private_patient_planted, with a hash of its own (so the two kinds fall on different records), for
// out_of_scope.
bool out_of_scope_planted(double anomaly_rate, std::int32_t activity_day, std::uint32_t record_index);

// The SUSHRG an out_of_scope record carries: a chemotherapy drug procurement HRG, SB01Z-SB10Z, picked by
// the activity day.
std::string_view out_of_scope_hrg(std::int32_t activity_day);

}  // namespace recon::generate
