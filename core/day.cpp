#include "core/day.hpp"

#include <array>
#include <bit>
#include <chrono>
#include <cstdio>
#include <cstring>

namespace recon {
namespace {
using namespace std::chrono;

// Dates are parsed several times per input row (tens of millions of times on a big run), so the text is
// read digit by digit into integers and converted with the civil-calendar arithmetic std::chrono uses
// (H. Hinnant's days_from_civil), with no intermediate views, loops or chrono types.
constexpr bool is_digit(char c) { return static_cast<unsigned char>(c - '0') < 10; }
constexpr int digit(char c) { return c - '0'; }

constexpr bool leap(int y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }
// At namespace scope: as a constexpr local it was copied onto the stack at every call.
constexpr int kDaysInMonth[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
constexpr int days_in_month(int y, int m) { return m == 2 && leap(y) ? 29 : kDaysInMonth[m - 1]; }

constexpr Day days_from_civil(int y, int m, int d) {
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;                                    // [0, 399]
  const int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;  // [0, 365]
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;            // [0, 146096]
  return era * 146097 + doe - 719468;
}

// parse_day's common case, every date of the years below, by table: the day number of each year's 1
// January and the days before each month, instead of the civil-calendar arithmetic (its divisions were
// about half of reading a date, and every row has several dates). Later years take the arithmetic.
constexpr int kTableFirstYear = 1800;  // parse_day refuses earlier years
constexpr int kTableYears = 600;       // to 2399
constexpr auto kYearStarts = [] {
  std::array<Day, kTableYears> starts{};
  for (int i = 0; i < kTableYears; ++i)
    starts[static_cast<std::size_t>(i)] = days_from_civil(kTableFirstYear + i, 1, 1);
  return starts;
}();
// [leap year][month - 1]: the days of the year before that month's first, summed from kDaysInMonth.
constexpr auto kDaysBeforeMonth = [] {
  std::array<std::array<int, 12>, 2> before{};
  for (int is_leap = 0; is_leap < 2; ++is_leap)
    for (int m = 1; m < 12; ++m)
      before[is_leap][m] = before[is_leap][m - 1] + kDaysInMonth[m - 1] + (is_leap && m == 2 ? 1 : 0);
  return before;
}();
static_assert(kDaysBeforeMonth[0][11] == 334 && kDaysBeforeMonth[1][11] == 335);
static_assert(kYearStarts[1970 - kTableFirstYear] == 0);
static_assert(kYearStarts[kTableYears - 1] == days_from_civil(kTableFirstYear + kTableYears - 1, 1, 1));

}  // namespace

Day make_day(int year, unsigned month, unsigned dom) {
  return static_cast<Day>(
      sys_days{std::chrono::year{year} / std::chrono::month{month} / std::chrono::day{dom}}
          .time_since_epoch()
          .count());
}

// parse_day with kUnreadableDay for "no": a std::optional<Day> comes back through the stack as two stores
// (the day, then the flag) read as one 8-byte load, which the CPU cannot forward from the stores: a stall
// of a dozen cycles or more at every return, the largest part of reading a date in a profile.
Day read_day(std::string_view s) {
  // The eight digits gathered into one word, byte i the i-th digit (little-endian: byte 0 lowest), so that
  // they are checked and read all at once (SWAR) rather than one by one: dates are read several times a row.
  static_assert(std::endian::native == std::endian::little);
  std::uint64_t text = 0;
  if (s.size() == 10 && s[4] == '-' && s[7] == '-') {  // YYYY-MM-DD: drop the two '-'
    std::uint64_t head = 0;                            // YYYY-MM-
    std::uint16_t day = 0;                             // DD
    std::memcpy(&head, s.data(), 8);
    std::memcpy(&day, s.data() + 8, 2);
    text = (head & 0xFFFFFFFFull) | ((head >> 8) & 0xFFFF00000000ull) | (std::uint64_t{day} << 48);
  } else if (s.size() == 8) {  // YYYYMMDD
    std::memcpy(&text, s.data(), 8);
  } else {
    return kUnreadableDay;
  }
  // Every byte '0'-'9': its high nibble is 3, and adding 6 leaves it 3 (no byte carries into the next once
  // every high nibble is 3).
  constexpr std::uint64_t kHighNibbles = 0xF0F0F0F0F0F0F0F0ull, kThrees = 0x3030303030303030ull;
  if ((text & kHighNibbles) != kThrees || ((text + 0x0606060606060606ull) & kHighNibbles) != kThrees)
    return kUnreadableDay;
  const std::uint64_t digits = text - kThrees;  // each byte 0-9
  // Pairs of digits: in each 16-bit lane, its first digit * 10 + its second: YY, YY, MM, DD.
  const std::uint64_t pairs = (digits & 0x00FF00FF00FF00FFull) * 10 + ((digits >> 8) & 0x00FF00FF00FF00FFull);
  const int y = static_cast<int>((pairs & 0xFFFF) * 100 + ((pairs >> 16) & 0xFFFF));
  const int m = static_cast<int>((pairs >> 32) & 0xFFFF);
  const int d = static_cast<int>(pairs >> 48);
  if (y < kTableFirstYear || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return kUnreadableDay;
  if (y < kTableFirstYear + kTableYears)
    return kYearStarts[static_cast<std::size_t>(y - kTableFirstYear)] + kDaysBeforeMonth[leap(y)][m - 1] + d -
           1;
  return days_from_civil(y, m, d);
}

std::optional<Day> parse_day(std::string_view s) {
  const Day day = read_day(s);
  if (day == kUnreadableDay) return std::nullopt;
  return day;
}

namespace {

// HES writes 1800-01-01 for a date not given and 1801-01-01 for an invalid one (HES data dictionary, "null
// dates"): a placeholder, not a day anyone was born or treated on.
constexpr Day kHesNullDate = days_from_civil(1800, 1, 1);
constexpr Day kHesInvalidDate = days_from_civil(1801, 1, 1);

// What follows a date in SQL Server and ISO exports: a ' ' or 'T', then a time of digits, ':' and '.', and
// perhaps a zone (Z, +01:00, or one after a space). It is not checked further: only the day is kept.
bool is_time_part(std::string_view t) {
  if (t.size() < 2 || (t[0] != ' ' && t[0] != 'T') || !is_digit(t[1])) return false;
  for (char c : t.substr(2))
    if (!is_digit(c) && c != ':' && c != '.' && c != '+' && c != '-' && c != 'Z' && c != ' ') return false;
  return true;
}

// Reads 1 or 2 digits at s[i] into `out` and moves i past them.
bool one_or_two_digits(std::string_view s, std::size_t& i, int& out) {
  if (i >= s.size() || !is_digit(s[i])) return false;
  out = digit(s[i++]);
  if (i < s.size() && is_digit(s[i])) out = out * 10 + digit(s[i++]);
  return true;
}

// UK d/m/yyyy or dd/mm/yyyy, optionally followed by a time; sets `end` to where the date ends.
std::optional<Day> parse_uk_day(std::string_view s, std::size_t& end) {
  std::size_t i = 0;
  int d = 0, m = 0;
  if (!one_or_two_digits(s, i, d) || i >= s.size() || s[i++] != '/' || !one_or_two_digits(s, i, m) ||
      i >= s.size() || s[i++] != '/' || s.size() < i + 4)
    return std::nullopt;
  for (std::size_t k = i; k < i + 4; ++k)
    if (!is_digit(s[k])) return std::nullopt;
  const int y = digit(s[i]) * 1000 + digit(s[i + 1]) * 100 + digit(s[i + 2]) * 10 + digit(s[i + 3]);
  end = i + 4;
  if (y < 1800 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m)) return std::nullopt;
  return days_from_civil(y, m, d);
}

}  // namespace

Day read_extract_day(std::string_view s) {
  Day day = kUnreadableDay;
  std::size_t end = 0;  // where the date ends: a time may follow
  if (s.size() >= 10 && s[4] == '-' && s[7] == '-') {
    end = 10;
  } else if (s.size() >= 8 && is_digit(s[4])) {
    end = 8;
  }
  if (end) day = read_day(s.substr(0, end));
  if (day == kUnreadableDay) {
    const std::optional<Day> uk = parse_uk_day(s, end);
    if (!uk) return kUnreadableDay;
    day = *uk;
  }
  if (end < s.size() && !is_time_part(s.substr(end))) return kUnreadableDay;
  if (day == kHesNullDate || day == kHesInvalidDate) return kNoDay;
  return day;
}

std::optional<Day> parse_extract_day(std::string_view s) {
  const Day day = read_extract_day(s);
  if (day == kUnreadableDay) return std::nullopt;
  return day;
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
