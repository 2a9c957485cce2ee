#include "core/day.hpp"

#include <chrono>
#include <cstdio>

namespace recon {
namespace {
using namespace std::chrono;

bool all_digits(std::string_view s) {
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

int to_int(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}
}  // namespace

Day make_day(int year, unsigned month, unsigned dom) {
  return static_cast<Day>(
      sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{dom}}
          .time_since_epoch()
          .count());
}

std::optional<Day> parse_day(std::string_view s) {
  std::string_view y, m, d;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {
    y = s.substr(0, 4), m = s.substr(5, 2), d = s.substr(8, 2);
  } else if (s.size() == 8) {
    y = s.substr(0, 4), m = s.substr(4, 2), d = s.substr(6, 2);
  } else {
    return std::nullopt;
  }
  if (!all_digits(y) || !all_digits(m) || !all_digits(d)) return std::nullopt;
  year_month_day ymd{std::chrono::year{to_int(y)}, std::chrono::month{static_cast<unsigned>(to_int(m))},
                     std::chrono::day{static_cast<unsigned>(to_int(d))}};
  if (!ymd.ok() || to_int(y) < 1800) return std::nullopt;
  return static_cast<Day>(sys_days{ymd}.time_since_epoch().count());
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
  if (s.size() != 7 || s[4] != '-' || !all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)))
    return std::nullopt;
  int m = to_int(s.substr(5, 2));
  if (m < 1 || m > 12) return std::nullopt;
  return to_int(s.substr(0, 4)) * 12 + m - 1;
}

std::string format_month(int idx) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d", idx / 12, idx % 12 + 1);
  return buf;
}

Day today() { return static_cast<Day>(floor<days>(system_clock::now()).time_since_epoch().count()); }

}  // namespace recon
