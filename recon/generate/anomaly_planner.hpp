// Decides, before any field is filled, which records of a patient carry which anomaly. Relational kinds
// (duplicate, overlap, ...) are only given where the previous record of the patient is clean, and that
// record is then marked so that it stays clean.
#pragma once

#include <cstdint>
#include <vector>

#include "recon/generate/activity_records.hpp"
#include "recon/generate/patient_context.hpp"

namespace recon::generate {

// first_kind / last_kind: patient-level kinds pinned to the first or last record (activity before birth,
// activity after death), or Anomaly::none. Clean records at the scheduled global row positions become
// malformed rows (schedule values 1 = unparseable date, 2 = too few fields).
template <typename Record>
void plan_anomaly_kinds(PatientContext& ctx, Dataset dataset, std::vector<Record>& records,
                        Anomaly first_kind, Anomaly last_kind, RowSchedule& malformed,
                        std::uint64_t first_row);

// A planted duplicate: record j becomes a copy of record j - 1 (filled in by then) for the writer to give a
// new id, keeping its own anomaly bookkeeping and no COMMENT note.
template <typename Record>
void copy_previous_record(std::vector<Record>& records, std::size_t j) {
  Record& rec = records[j];
  const RecordBase keep = rec;
  rec = records[j - 1];
  rec.kind = keep.kind;
  rec.ref = keep.ref;
  rec.referenced = keep.referenced;
  rec.note = 0;
}

// Demographic anomalies of a record (invalid NHS number, practice not registered, DOB or sex differing
// from the register). `diags`/`procs` are the record's codes: a changed DOB or sex must not make them
// age- or sex-impossible as a side effect. Falls back to late_submission when no safe change exists.
void apply_demographic_anomaly(PatientContext& ctx, RecordBase& record, Day activity,
                               const CodeList<20>* diags, const CodeList<24>* procs);

// SUBDATE: a clean record is submitted after the activity and by the inclusion date of its month; a late
// one after the post-reconciliation inclusion date. `month_day` picks the activity month (DISDATE for APC).
Day clean_submission_date(PatientContext& ctx, Day after, Day month_day);
Day late_submission_date(PatientContext& ctx, Day month_day);
// SUBDATE for a record of kind `kind` (late_submission, late_inclusion, or on time otherwise).
Day submission_date(PatientContext& ctx, Anomaly kind, Day after, Day month_day);

}  // namespace recon::generate
