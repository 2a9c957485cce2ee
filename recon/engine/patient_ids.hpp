#pragma once
// Pseudonymised extracts (docs/data_contract.md "Pseudonymised data"). HES and SUS extracts held by
// commissioners and analysts carry a pseudonym (HES PSEUDO_HESID, SUS Der_Pseudo_NHS_Number) where an NHS
// number would be. Such a file's patient ids are read as pseudonyms (parsers/builders.hpp PatientIds): the
// patient rules match a patient's records by pseudonym, NHS_INVALID does not judge them, and the
// practice-record rules run only when the practice files carry the same pseudonym
// (--practice-pseudonym-column); otherwise they are skipped, saying why.
#include <string>
#include <string_view>

#include "parsers/column_mapping.hpp"
#include "recon/engine/run_config.hpp"
#include "recon/engine/table_loader.hpp"

namespace recon {

// True when one activity file's mapping reads its patient id from a pseudonym column, or the user said the
// activity's ids are pseudonyms (--pseudonymised).
bool reads_pseudonyms(const ColumnMapping* file_mapping, std::string_view dataset, bool forced);

// Which kinds of patient id the run's activity files hold (each file's header is read; nothing is printed).
struct ActivityPatientIds {
  bool nhs_numbers = false, pseudonyms = false;
};
ActivityPatientIds scan_activity_patient_ids(const RunConfig& config, const LoadContext& load);

// Empty when the practice files (if any) can be matched with the activity; otherwise why the rules that need
// them are skipped. `practice_ids`: what the practice files hold.
std::string practice_mismatch(const ActivityPatientIds& activity, PatientIds practice_ids);

}  // namespace recon
