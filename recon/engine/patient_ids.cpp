#include "recon/engine/patient_ids.hpp"

#include "parsers/layouts.hpp"
#include "parsers/schema.hpp"

namespace recon {

bool reads_pseudonyms(const ColumnMapping* file_mapping, std::string_view dataset, bool forced) {
  if (forced) return true;
  if (!file_mapping) return false;
  for (std::string_view column : {"PSEUDO_HESID", "DER_PSEUDO_NHS_NUMBER"})
    if (file_mapping->resolve(dataset, column) == "NHSNUMBER") return true;
  return false;
}

ActivityPatientIds scan_activity_patient_ids(const RunConfig& config, const LoadContext& load) {
  ActivityPatientIds ids;
  IngestOptions quiet;  // no notice: the row stage names each file's layout when it reads it
  quiet.mapping = load.mapping;
  quiet.delimiter = config.delimiter;
  const std::pair<const std::vector<std::string>*, const Schema*> inputs[] = {
      {&config.apc, &apc_schema()}, {&config.op, &op_schema()}, {&config.ae, &ae_schema()}};
  for (const auto& [paths, schema] : inputs)
    for (const std::string& path : *paths) {
      const InputFile file{path, 0, format_from_path(path)};
      const FileLayout layout = choose_file_layout(file, *schema, config.layout, load.mapping, quiet);
      (reads_pseudonyms(layout.mapping_or(load.mapping), schema->dataset, config.pseudonymised)
           ? ids.pseudonyms
           : ids.nhs_numbers) = true;
    }
  return ids;
}

std::string practice_mismatch(const ActivityPatientIds& activity, PatientIds practice_ids) {
  if (practice_ids == PatientIds::kNhsNumbers && activity.pseudonyms)
    return "the activity's patient ids are pseudonyms and the practice files hold NHS numbers, which cannot "
           "be "
           "matched: give --practice-pseudonym-column if the practice files carry the same pseudonym";
  if (practice_ids == PatientIds::kPseudonyms && activity.nhs_numbers)
    return "the practice files hold pseudonyms (--practice-pseudonym-column) and some activity files hold "
           "NHS "
           "numbers, which cannot be matched";
  return {};
}

}  // namespace recon
