#pragma once
// Dates and months written with the month's name, as a spreadsheet shows them and so as its CSV export
// writes them: a SUS+ timetable saved from Excel holds "21-Apr-25" or "21 April 2025" where the workbook
// holds a date, and "Apr-25" or "April 2025" for the activity month. The month's name leaves no doubt about
// the order; a two-digit year is 20YY (SUS timetables are of this century).
#include <optional>
#include <string>
#include <string_view>

#include "core/day.hpp"

namespace recon::national {

// "21-Apr-2025", "21-Apr-25", "21 Apr 2025", "21 April 2025", "21/Apr/2025" (any case); nullopt otherwise,
// also for a day the month does not have (30 February).
std::optional<Day> parse_named_month_day(std::string_view text);

// "Apr-25", "Apr 2025", "April 2025", "April-2025" (any case) -> "2025-04"; empty otherwise.
std::string parse_named_month(std::string_view text);

}  // namespace recon::national
