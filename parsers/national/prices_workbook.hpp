#pragma once
// The NHS Payment Scheme prices workbook (the annex of national unit prices), one sheet at a time, from
// the .xlsx or from a sheet's CSV export, into recon's tariff tables. The columns are found by their
// published headings (docs/national_reference.md lists the headings read and where they come from), under
// whatever title rows the sheet has; rows that are not priced currencies (notes, sub-headings) are skipped
// and reported, and a value that cannot be read is a FatalError naming file, sheet, row and column.
#include <string>

#include "parsers/national/conversion.hpp"
#include "parsers/national/source_table.hpp"

namespace recon::national {

// The admitted patient care and outpatient procedures sheet ("APC & OPROC") -> tariff_apc: HRG, NAME,
// DAYCASE, ELECTIVE, NONELECTIVE, EL_TRIM, NEL_TRIM, EXCESS_BED_DAY, SSEM.
OutputTable read_apc_prices(const SourceTable& sheet, ConversionReport& report);

// The outpatient attendances sheet, priced by treatment function -> tariff_op: TRETSPEF, FIRST, FOLLOWUP
// (the single-professional prices; see the .cpp for the multi-professional ones).
OutputTable read_op_prices(const SourceTable& sheet, ConversionReport& report);

// The A&E sheet -> tariff_ae: HRG, PRICE. `price_heading`: which price column to read when the sheet has
// more than one (its heading, compared as normalise_heading does); empty: the sheet must have exactly one.
OutputTable read_ae_prices(const SourceTable& sheet, const std::string& price_heading,
                           ConversionReport& report);

}  // namespace recon::national
