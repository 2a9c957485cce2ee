#include "recon/cli/national_file_options.hpp"

#include <boost/program_options.hpp>

namespace recon {
namespace po = boost::program_options;

po::options_description national_file_options(national::NationalFiles& f) {
  po::options_description desc("National reference files, as published (docs/national_reference.md)");
  // clang-format off
  desc.add_options()
      ("prices", po::value(&f.prices)->value_name("FILE.xlsx"),
       "the NHS Payment Scheme prices workbook: its APC & OPROC, outpatient and A&E sheets")
      ("apc-sheet", po::value(&f.apc_sheet)->value_name("NAME"), "the APC sheet's name (default: the one sheet named like APC)")
      ("op-sheet", po::value(&f.op_sheet)->value_name("NAME"), "the outpatient sheet's name (default: the one named like OP / outpatient)")
      ("ae-sheet", po::value(&f.ae_sheet)->value_name("NAME"), "the A&E sheet's name (default: the one named like A&E)")
      ("prices-apc", po::value(&f.prices_apc)->value_name("FILE"), "the APC sheet on its own: its CSV export (or a workbook)")
      ("prices-op", po::value(&f.prices_op)->value_name("FILE"), "the outpatient sheet on its own")
      ("prices-ae", po::value(&f.prices_ae)->value_name("FILE"), "the A&E sheet on its own")
      ("ae-price-column", po::value(&f.ae_price_column)->value_name("HEADING"),
       "the A&E price column to read, when the sheet has more than one")
      ("icd10", po::value(&f.icd10)->value_name("FILE"), "TRUD ICD-10 5th edition CodesAndTitlesAndMetadata (tab-separated)")
      ("opcs4", po::value(&f.opcs4)->value_name("FILE"), "TRUD OPCS-4 codes and titles (tab-separated, no header)")
      ("opcs4-sex", po::value(&f.opcs4_sex)->value_name("FILE"),
       "CODE,SEX for OPCS-4 codes limited to one sex (the TRUD file has none); optional")
      ("sus-timetable", po::value(&f.sus_timetable)->value_name("FILE"), "the SUS+ timetable (.xlsx or CSV)")
      ("sus-sheet", po::value(&f.sus_sheet)->value_name("NAME"), "its sheet, when the workbook has several");
  // clang-format on
  return desc;
}

}  // namespace recon
