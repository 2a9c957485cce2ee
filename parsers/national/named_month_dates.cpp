#include "parsers/national/named_month_dates.hpp"

#include <array>
#include <cctype>
#include <cstdio>
#include <vector>

namespace recon::national {
namespace {

// 1..12 for "jan".."dec" or the full name (any case); 0 otherwise. "Sept" is written too.
unsigned month_of_name(std::string_view word) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "january", "february", "march",     "april",   "may",      "june",
      "july",    "august",   "september", "october", "november", "december"};
  std::string lower;
  for (char c : word) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "sept") return 9;
  for (unsigned m = 0; m < kNames.size(); ++m)
    if (lower == kNames[m] || (lower.size() == 3 && kNames[m].substr(0, 3) == lower)) return m + 1;
  return 0;
}

// The text cut at '-', ' ' and '/' (one separator between parts; none leading or trailing).
std::vector<std::string_view> parts_of(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i)
    if (i == text.size() || text[i] == '-' || text[i] == ' ' || text[i] == '/') {
      parts.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  return parts;
}

// "2025" or "25" (20YY); -1 otherwise.
int year_of(std::string_view digits) {
  if (digits.size() != 2 && digits.size() != 4) return -1;
  int year = 0;
  for (char c : digits) {
    if (c < '0' || c > '9') return -1;
    year = year * 10 + (c - '0');
  }
  return digits.size() == 2 ? 2000 + year : year;
}

}  // namespace

std::optional<Day> parse_named_month_day(std::string_view text) {
  const std::vector<std::string_view> p = parts_of(text);
  if (p.size() != 3 || p[0].empty() || p[0].size() > 2) return std::nullopt;
  unsigned day = 0;
  for (char c : p[0]) {
    if (c < '0' || c > '9') return std::nullopt;
    day = day * 10 + static_cast<unsigned>(c - '0');
  }
  const unsigned month = month_of_name(p[1]);
  const int year = year_of(p[2]);
  if (month == 0 || year < 0 || day == 0) return std::nullopt;
  // Through the ISO form, so a day the month lacks is refused exactly as parse_day refuses it.
  char iso[32];
  std::snprintf(iso, sizeof iso, "%04d-%02u-%02u", year, month, day);
  return parse_day(iso);
}

std::string parse_named_month(std::string_view text) {
  const std::vector<std::string_view> p = parts_of(text);
  if (p.size() != 2) return {};
  const unsigned month = month_of_name(p[0]);
  const int year = year_of(p[1]);
  if (month == 0 || year < 0) return {};
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02u", year, month);
  return out;
}

}  // namespace recon::national
