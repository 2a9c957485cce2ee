#include "recon/generate/civil_date.hpp"

namespace recon::generate {

char* format_iso_date(char* out, Day day) {
  const Ymd ymd = civil_from_days(day);
  const int y = ymd.year;
  out[0] = static_cast<char>('0' + (y / 1000) % 10);
  out[1] = static_cast<char>('0' + (y / 100) % 10);
  out[2] = static_cast<char>('0' + (y / 10) % 10);
  out[3] = static_cast<char>('0' + y % 10);
  out[4] = '-';
  out[5] = static_cast<char>('0' + ymd.month / 10);
  out[6] = static_cast<char>('0' + ymd.month % 10);
  out[7] = '-';
  out[8] = static_cast<char>('0' + ymd.day / 10);
  out[9] = static_cast<char>('0' + ymd.day % 10);
  return out + 10;
}

std::optional<Day> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto digits = [&](std::size_t pos, std::size_t len) -> int {
    int value = 0;
    for (std::size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return -1;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const int y = digits(0, 4);
  const int m = digits(5, 2);
  const int d = digits(8, 2);
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return days_from_civil(y, m, d);
}

int age_in_years(Day dob, Day on) {
  const Ymd b = civil_from_days(dob);
  const Ymd t = civil_from_days(on);
  int age = t.year - b.year;
  if (t.month < b.month || (t.month == b.month && t.day < b.day)) --age;
  return age;
}

}  // namespace recon::generate
