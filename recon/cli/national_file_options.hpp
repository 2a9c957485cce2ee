#pragma once
// The national reference files' options (the prices workbook, the TRUD ICD-10 and OPCS-4 files, the SUS+
// timetable), the same on `recon reference`, which writes recon's tables from them, and on `recon run`, which
// reads them straight in (docs/national_reference.md).
#include <boost/program_options/options_description.hpp>

#include "parsers/national/national_reference.hpp"

namespace recon {

// The options, each stored into `files` by po::notify.
boost::program_options::options_description national_file_options(national::NationalFiles& files);

}  // namespace recon
