#pragma once
// `recon run --prices/--icd10/--opcs4/--sus-timetable`: the national reference files as published, read
// straight into the run. Each file is converted exactly as `recon reference` converts it
// (parsers/national), the tables are written to private files in the run's working folder and loaded as
// the --reference folder's tables are (so they are checked the same way), and each wins over the folder's
// table of the same name. The outputs name a table "FILE as TABLE" (the national file it came from).
#include <filesystem>
#include <string>
#include <vector>

#include "parsers/national/national_reference.hpp"
#include "recon/engine/table_loader.hpp"

namespace recon {

struct NationalTables {
  std::vector<ReferenceTableFile> tables;  // for load_reference
  national::ConversionReport report;       // what was read, derived and skipped
};

// Converts `files` and writes each table into `work_dir` (an existing private directory). Throws
// FatalError, naming file, sheet, row and column, for anything that cannot be read exactly.
NationalTables convert_national_tables(const national::NationalFiles& files,
                                       const std::filesystem::path& work_dir);

}  // namespace recon
