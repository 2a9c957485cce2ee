#pragma once
// Calendar dates as day numbers (days since 1970-01-01): 4 bytes, cheap to compare and subtract.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recon {

using Day = std::int32_t;
inline constexpr Day kNoDay = INT32_MIN;  // a missing (empty) date

// Accepts ISO `YYYY-MM-DD` and `YYYYMMDD` (the contract's two forms); nullopt if malformed or not a real
// calendar date (e.g. 2025-02-30). Conversion uses std::chrono's civil calendar.
std::optional<Day> parse_day(std::string_view text);
// A date field of an extract as real extracts write it (the builders read every date this way):
//  * what parse_day accepts;
//  * either form of it followed by a time, after a space or a 'T' (SQL Server `2025-10-02 00:00:00.000`, ISO
//    `2025-10-02T00:00:00`, with or without a zone): the time is read past and ignored;
//  * UK `dd/mm/yyyy` (`d/m/yyyy` too), with or without a time. Never US order: 02/10/2025 is 2 October.
// HES's null dates, 1800-01-01 (no date given) and 1801-01-01 (an invalid date given), are well formed but
// mean "no date": they give kNoDay, so no rule compares them. nullopt if unreadable.
std::optional<Day> parse_extract_day(std::string_view text);
// parse_day and parse_extract_day for hot loops (the builders read every date this way): kUnreadableDay
// instead of nullopt. A std::optional<Day> is returned through memory in a way that stalls the CPU at every
// return (core/day.cpp); a plain Day comes back in a register.
inline constexpr Day kUnreadableDay = INT32_MAX;  // no date reads as it (year 5,881,580)
Day read_day(std::string_view text);
Day read_extract_day(std::string_view text);
Day make_day(int year, unsigned month, unsigned day);
std::string format_day(Day day);             // "YYYY-MM-DD", or "" for kNoDay
void append_day(std::string& out, Day day);  // the same, appended (writers' hot loop: no snprintf)
void civil_from_day(Day day, int& year, unsigned& month, unsigned& dom);
// Whole years of age on `on` for someone born on `dob` (birthday-exact).
int age_in_years(Day dob, Day on);
// Month index (year*12 + month-1): the key of the SUS calendar's ACTIVITY_MONTH.
int month_index(Day day);
std::optional<int> parse_month(std::string_view yyyy_mm);  // "YYYY-MM" -> month index
std::string format_month(int month_index);
Day today();

}  // namespace recon
