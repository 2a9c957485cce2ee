#pragma once
// A patient's date of birth as extracts give it: to the day, or only to the month (HES MYDOB `MMYYYY`, or
// `YYYY-MM`: national extracts leave the day out so that the record identifies no one).
//
// It is kept as the range of days it can be, [first, last]; a date to the day is a range of one day. Rules
// judge only what holds for every day of the range, so a month never makes a challenge that its real day
// would not:
//  * an age is known when the first and the last possible day of birth give the same whole years (age only
//    falls as the day of birth moves later, so every day between gives that age too), and unknown otherwise;
//  * activity is before birth only when it is before the first possible day;
//  * a register's DOB agrees with a month when it falls in that month.
// This is exact (no mid-month guess) and costs one Day more than a plain Day.
#include <optional>
#include <string>
#include <string_view>

#include "core/day.hpp"

namespace recon {

struct DateOfBirth {
  Day first = kNoDay;  // the earliest day it can be (the day itself when known to the day)
  Day last = kNoDay;   // the latest

  static constexpr DateOfBirth on(Day day) { return {day, day}; }  // on(kNoDay) is unknown
  static DateOfBirth in_month(int year, unsigned month);

  constexpr bool known() const { return first != kNoDay; }
  constexpr bool to_the_day() const { return first == last; }
  constexpr bool could_be(Day day) const { return known() && first <= day && day <= last; }
  friend constexpr bool operator==(const DateOfBirth&, const DateOfBirth&) = default;
};

// Whole years of age on `on` (birthday-exact), when the date of birth is known well enough to tell: nullopt
// for an unknown one, or a month whose first and last day give different ages.
std::optional<int> certain_age(const DateOfBirth& dob, Day on);
// The youngest the patient can be on `on` (the age from the latest possible day of birth): for exclusions
// that protect the young, which must hold whenever the patient may be that young. The DOB must be known.
int youngest_age(const DateOfBirth& dob, Day on);

// A DOB field: anything parse_extract_day reads (to the day; a HES null date is an unknown DOB), `MMYYYY` or
// `YYYY-MM` (to the month). nullopt if unreadable.
std::optional<DateOfBirth> parse_date_of_birth(std::string_view text);
// The same for the builders' hot loop: false when unreadable (`out` untouched). Through an out-parameter:
// a returned std::optional stalls the CPU at every return (core/day.cpp, read_day).
bool read_date_of_birth(std::string_view text, DateOfBirth& out);
// "YYYY-MM-DD" to the day, "YYYY-MM" to the month, "" unknown.
std::string format_date_of_birth(const DateOfBirth& dob);

}  // namespace recon
