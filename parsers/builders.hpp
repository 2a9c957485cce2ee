#pragma once
// FieldRow -> typed record. Each builder returns an empty string on success, or the reason the row is
// malformed (it then goes to the rejects file). Reasons never quote NHS numbers or dates of birth.
// Activity rows (APC, OP, A&E) are rejected only for a required field (the record id, PROCODE3, the activity
// date) or PRICE: an optional field that cannot be read is read as empty and its bit set in the row's
// `blanked` (counted in data_quality.csv), and the row is checked without it. Practice files and reference
// tables are read strictly: any unreadable field rejects the row.
// Values are read as real extracts write them: dates in several spellings (core/day.hpp
// parse_extract_day), a DOB to the month (core/date_of_birth.hpp), "GP not known" codes as no practice,
// 5-character site codes in PROCODE3 as their trust, Excel-mangled NHS numbers, code lists in one field.
// Things that are wrong but billable (an invalid NHS number, an unknown code, discharge before admission) are
// NOT rejects: they parse, and the rules challenge them.
#include <string>

#include "core/invoice.hpp"
#include "core/practice.hpp"
#include "core/records.hpp"
#include "core/reference.hpp"
#include "parsers/clinical_code_fields.hpp"  // normalise_clinical_code, used with the builders
#include "parsers/ingest.hpp"

namespace recon {

std::string build_apc(const FieldRow& row, ApcRow& out);
std::string build_op(const FieldRow& row, OpRow& out);
std::string build_ae(const FieldRow& row, AeRow& out);
// What the patient id column of a file holds. Pseudonyms (HES PSEUDO_HESID, SUS Der_Pseudo_NHS_Number, or a
// practice file's pseudonym column, --practice-pseudonym-column) are read as their pseudonym_key
// (core/nhs_number.hpp): they match records of the same pseudonym, and are never checked as NHS numbers.
enum class PatientIds { kNhsNumbers, kPseudonyms };

// An activity row's patient id read as a pseudonym (after build_apc/op/ae, for a pseudonymised file).
void read_patient_id_as_pseudonym(std::string_view text, PatientFields& patient);

std::string build_registration(const FieldRow& row, Registration& out,
                               PatientIds ids = PatientIds::kNhsNumbers);
std::string build_referral(const FieldRow& row, Referral& out, PatientIds ids = PatientIds::kNhsNumbers);
std::string build_condition(const FieldRow& row, Condition& out, PatientIds ids = PatientIds::kNhsNumbers);

// An invoice line (--invoice, docs/invoice.md), read strictly like the practice files: any unreadable field
// rejects the line. `ids` is unused (a line's patient id is read both as an NHS number and as a pseudonym).
std::string build_invoice_line(const FieldRow& row, InvoiceLine& out, PatientIds ids);

// Reference tables: each adds its row to `ref`.
std::string add_tariff_apc(const FieldRow& row, Reference& ref);
std::string add_tariff_op(const FieldRow& row, Reference& ref);
std::string add_tariff_ae(const FieldRow& row, Reference& ref);
std::string add_icd10(const FieldRow& row, Reference& ref);
std::string add_opcs4(const FieldRow& row, Reference& ref);
std::string add_cc_score(const FieldRow& row, Reference& ref);
std::string add_hrg_cc_band(const FieldRow& row, Reference& ref);
std::string add_qof_map(const FieldRow& row, Reference& ref);
std::string add_calendar(const FieldRow& row, Reference& ref);

}  // namespace recon
