#include "core/date_of_birth.hpp"

namespace recon {

DateOfBirth DateOfBirth::in_month(int year, unsigned month) {
  const Day first = make_day(year, month, 1);
  const Day next = month == 12 ? make_day(year + 1, 1, 1) : make_day(year, month + 1, 1);
  return {first, next - 1};
}

std::optional<int> certain_age(const DateOfBirth& dob, Day on) {
  if (!dob.known()) return std::nullopt;
  const int oldest = age_in_years(dob.first, on);
  if (dob.to_the_day() || age_in_years(dob.last, on) == oldest) return oldest;
  return std::nullopt;
}

int youngest_age(const DateOfBirth& dob, Day on) { return age_in_years(dob.last, on); }

bool read_date_of_birth(std::string_view s, DateOfBirth& out) {
  std::optional<int> month;  // a month index (core/day.hpp month_index)
  if (s.size() == 6 && s.find_first_not_of("0123456789") == std::string_view::npos) {  // MMYYYY (HES MYDOB)
    const int m = (s[0] - '0') * 10 + (s[1] - '0');
    const int y = (s[2] - '0') * 1000 + (s[3] - '0') * 100 + (s[4] - '0') * 10 + (s[5] - '0');
    if (m >= 1 && m <= 12) month = y * 12 + m - 1;
  } else if (s.size() == 7 && s[4] == '-') {  // YYYY-MM
    month = parse_month(s);
  } else if (const Day day = read_extract_day(s); day != kUnreadableDay) {
    out = DateOfBirth::on(day);
    return true;
  } else {
    return false;
  }
  if (!month || *month / 12 < 1800) return false;
  out = DateOfBirth::in_month(*month / 12, static_cast<unsigned>(*month % 12 + 1));
  return true;
}

std::optional<DateOfBirth> parse_date_of_birth(std::string_view s) {
  DateOfBirth dob;
  if (!read_date_of_birth(s, dob)) return std::nullopt;
  return dob;
}

std::string format_date_of_birth(const DateOfBirth& dob) {
  if (!dob.known()) return {};
  return dob.to_the_day() ? format_day(dob.first) : format_month(month_index(dob.first));
}

}  // namespace recon
