#pragma once
// The SUS+ timetable (NHS England's national processing timetable), from the .xlsx or a CSV copy, into
// recon's calendar: ACTIVITY_MONTH, INCLUSION_DATE, POST_RECONCILIATION_DATE. The timetable names its own
// columns: the activity month (YYYYMM), the inclusion date (formerly "flex") and the post-reconciliation
// inclusion date (formerly "freeze"); each goes to the calendar column of the same meaning, so the later
// date can never land in the earlier one's place (docs/national_reference.md).
#include "parsers/national/conversion.hpp"
#include "parsers/national/source_table.hpp"

namespace recon::national {

OutputTable read_sus_timetable(const SourceTable& file, ConversionReport& report);

}  // namespace recon::national
