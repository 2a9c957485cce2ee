#include "core/day.hpp"

#include <chrono>
#include <cstdio>

namespace recon {
namespace {
using namespace std::chrono;

// Dates are parsed several times per input row (tens of millions of times on a big run), so the text is
// read digit by digit into integers and converted with the civil-calendar arithmetic std::chrono uses
// (H. Hinnant's days_from_civil), with no intermediate views, loops or chrono types.
constexpr bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }
constexpr int digit(char c) { return c - '0'; }

constexpr bool leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
constexpr int days_in_month(int y, int m) {
  constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && leap(y) ? 29 : kDays[m - 1];
}

constexpr Day days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;                                    // [0, 399]
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}
}  // namespace

Day make_day(int year, unsigned month, unsigned dom) {
  return static_cast<Day>(
      sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{dom}}
          .time_since_epoch()
          .count());
}

std::optional<Day> parse_day(std::string_view s) {
  const char* p = s.data();
  int month_at = 0;  // where MM starts: "YYYY-MM-DD" or "YYYYMMDD"
  if (s.size() == 10 && p[4] == '-' && p[7] == '-') {
    month_at = 5;
  } else if (s.size() == 8) {
    month_at = 4;
  } else {
    return std::nullopt;
  }
  const char* md = p + month_at;
  const char* dd = md + (month_at == 5 ? 3 : 2);
  if (!is_digit(p[0]) || !is_digit(p[1]) || !is_digit(p[2]) || !is_digit(p[3]) || !is_digit(md[0]) ||
      !is_digit(md[1]) || !is_digit(dd[0]) || !is_digit(dd[1]))
    return std::nullopt;
  const int y = digit(p[0]) * 1000 + digit(p[1]) * 100 + digit(p[2]) * 10 + digit(p[3]);
  const int m = digit(md[0]) * 10 + digit(md[1]);
  const int d = digit(dd[0]) * 10 + digit(dd[1]);
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return days_from_civil(y, m, d);
}

void civil_from_day(Day day, int& year, unsigned& month, unsigned& dom) {
  year_month_day ymd{sys_days{days{day}}};
  year = static_cast<int>(ymd.year());
  month = static_cast<unsigned>(ymd.month());
  dom = static_cast<unsigned>(ymd.day());
}

void append_day(std::string& out, Day day) {
  if (day == kNoDay) return;
  int y;
  unsigned m, d;
  civil_from_day(day, y, m, d);
  if (y < 0 || y > 9999) {  // outside what ISO's four digits hold; never from parsed input
    char buf[24];
    std::snprintf(buf, sizeof buf, "%d-%02u-%02u", y, m, d);
    out += buf;
    return;
  }
  const char text[10] = {static_cast<char>('0' + y / 1000),
                         static_cast<char>('0' + y / 100 % 10),
                         static_cast<char>('0' + y / 10 % 10),
                         static_cast<char>('0' + y % 10),
                         '-',
                         static_cast<char>('0' + m / 10),
                         static_cast<char>('0' + m % 10),
                         '-',
                         static_cast<char>('0' + d / 10),
                         static_cast<char>('0' + d % 10)};
  out.append(text, sizeof text);
}

std::string format_day(Day day) {
  std::string s;
  append_day(s, day);
  return s;
}

int age_in_years(Day dob, Day on) {
  int y1, y2;
  unsigned m1, d1, m2, d2;
  civil_from_day(dob, y1, m1, d1);
  civil_from_day(on, y2, m2, d2);
  int age = y2 - y1;
  if (m2 < m1 || (m2 == m1 && d2 < d1)) --age;
  return age;
}

int month_index(Day day) {
  int y;
  unsigned m, d;
  civil_from_day(day, y, m, d);
  return y * 12 + static_cast<int>(m) - 1;
}

std::optional<int> parse_month(std::string_view s) {
  if (s.size() != 7 || s[4] != '-' || !is_digit(s[0]) || !is_digit(s[1]) || !is_digit(s[2]) ||
      !is_digit(s[3]) || !is_digit(s[5]) || !is_digit(s[6]))
    return std::nullopt;
  const int m = digit(s[5]) * 10 + digit(s[6]);
  if (m < 1 || m > 12) return std::nullopt;
  return (digit(s[0]) * 1000 + digit(s[1]) * 100 + digit(s[2]) * 10 + digit(s[3])) * 12 + m - 1;
}

std::string format_month(int idx) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", idx / 12, idx % 12 + 1);
  return buf;
}

Day today() { return static_cast<Day>(floor<days>(system_clock::now()).time_since_epoch().count()); }

}  // namespace recon
