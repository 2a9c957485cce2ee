// Calendar arithmetic on plain day numbers (days since 1970-01-01), so that the generator can add,
// compare and format dates without <chrono> time-zone machinery or locale-dependent formatting.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace recon::generate {

// The same representation as the checker's recon::Day (core/day.hpp), declared and computed here
// independently: the generator shares no code with the checker (generator.hpp).
using Day = std::int32_t;

// Sentinel for "no date" (alive, still registered, ...).
inline constexpr Day kNoDay = INT32_MIN;

struct Ymd {
  int year;
  int month;  // 1..12
  int day;    // 1..31
};

// Howard Hinnant's days_from_civil / civil_from_days: exact for the proleptic Gregorian calendar.
constexpr Day days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

constexpr Ymd civil_from_days(Day z) {
  z += 719468;
  const int era = (z >= 0 ? z : z - 146096) / 146097;
  const int doe = z - era * 146097;
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int d = doy - (153 * mp + 2) / 5 + 1;
  const int m = mp + (mp < 10 ? 3 : -9);
  return Ymd{yoe + era * 400 + (m <= 2), m, d};
}

constexpr bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

constexpr int days_in_month(int y, int m) {
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

// Writes exactly 10 characters "YYYY-MM-DD" (years 0..9999) and returns the end pointer.
char* format_iso_date(char* out, Day day);

// Parses strict "YYYY-MM-DD"; rejects impossible dates such as 2025-02-30.
std::optional<Day> parse_iso_date(std::string_view text);

// Months counted as year*12 + (month-1): lets the generator index the submission calendar.
inline int month_number(Day day) {
  const Ymd ymd = civil_from_days(day);
  return ymd.year * 12 + ymd.month - 1;
}
inline Day first_day_of_month_number(int month_no) {
  return days_from_civil(month_no / 12, month_no % 12 + 1, 1);
}
inline Day last_day_of_month_number(int month_no) {
  const int y = month_no / 12;
  const int m = month_no % 12 + 1;
  return days_from_civil(y, m, days_in_month(y, m));
}

// 0 = Monday .. 6 = Sunday (1970-01-01 was a Thursday).
inline int weekday(Day day) { return ((day % 7) + 7 + 3) % 7; }

// Completed years of age on `on` for someone born on `dob` (negative if `on` is before birth).
int age_in_years(Day dob, Day on);

}  // namespace recon::generate
