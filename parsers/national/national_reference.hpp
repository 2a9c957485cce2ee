#pragma once
// All the national files a user has, as downloaded, into recon's reference tables (what `recon reference`
// writes): each file read by its own reader, the CC bands derived from the HRG names unless a table of them
// is given, and recon-format tables the user keeps (cc_scores, qof_map, ...) passed through unchanged.
#include <string>
#include <vector>

#include "parsers/national/conversion.hpp"

namespace recon::national {

struct NationalFiles {
  // The prices workbook: one .xlsx for every sheet, or each sheet's own file (a CSV export or a workbook).
  std::string prices;                            // .xlsx holding the APC, OP and A&E sheets
  std::string prices_apc, prices_op, prices_ae;  // per sheet (override `prices` for that sheet)
  std::string apc_sheet, op_sheet, ae_sheet;     // sheet names; empty: found by name (see .cpp)
  std::string ae_price_column;                   // the A&E price heading, when the sheet has several
  std::string icd10;                             // TRUD ICD-10 CodesAndTitlesAndMetadata
  std::string opcs4;                             // TRUD OPCS-4 codes and titles
  std::string opcs4_sex;                         // recon-format CODE,SEX list for OPCS-4 (optional)
  std::string sus_timetable;                     // SUS+ timetable (.xlsx or CSV)
  std::string sus_sheet;                         // its sheet, when a workbook of more than one
  std::vector<std::string> tables;               // recon-format tables copied as they are (<name>.csv)
};

// Whether any national file is given (the pass-through tables aside).
bool gives_national_files(const NationalFiles& files);

struct PassThrough {
  std::string name;  // the table's name ("cc_scores")
  std::string path;  // copied byte for byte
};

struct ConversionResult {
  std::vector<OutputTable> tables;
  std::vector<PassThrough> copied;
  ConversionReport report;
};

// FatalError for any file that cannot be read as what it is said to be, or a pass-through table whose name
// is not one of recon's reference tables or that a national file already gives.
ConversionResult convert_national_files(const NationalFiles& files);

// The sheet of `workbook` for a dataset when none is named: the only sheet whose name (normalised, as
// headings are) has one of `words` as a word. FatalError listing the sheets when none or several do.
std::string find_sheet(const std::string& workbook, const std::vector<std::string>& words,
                       const char* option);

}  // namespace recon::national
