#pragma once
// FieldRow -> typed record. Each builder returns an empty string on success, or the reason the row is
// malformed (it then goes to the rejects file). Reasons never quote NHS numbers or dates of birth.
// Things that are wrong but billable (an invalid NHS number, an unknown code, discharge before admission) are
// NOT rejects: they parse, and the rules challenge them.
#include <string>

#include "core/practice.hpp"
#include "core/records.hpp"
#include "core/reference.hpp"
#include "parsers/ingest.hpp"

namespace recon {

std::string build_apc(const FieldRow& row, ApcRow& out);
std::string build_op(const FieldRow& row, OpRow& out);
std::string build_ae(const FieldRow& row, AeRow& out);
std::string build_registration(const FieldRow& row, Registration& out);
std::string build_referral(const FieldRow& row, Referral& out);
std::string build_condition(const FieldRow& row, Condition& out);

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

// ICD-10 / OPCS-4 code as written ("I50.0", "i500", "I10X", "A17.0+") -> the canonical form in the reference
// lists ("I500", "I10"): upper case, letters and digits only, 3-character codes' 'X' filler dropped.
Code normalise_clinical_code(std::string_view text);

}  // namespace recon
