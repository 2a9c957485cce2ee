#pragma once
// How report.html writes text and numbers: HTML escaping, money and counts with thousands separators,
// percentages, and the masking of NHS numbers in file names. Shared by the report's sections
// (recon/writers/report_html.cpp) and its funnel plots (recon/writers/funnel_svg.cpp). Every format is fixed
// (no locale), so the report is the same on every run and machine.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

#include "core/money.hpp"

namespace recon {

std::string html_escape(std::string_view text);
std::string format_pounds(Pence p);         // "£12,345.67", "-£5.00"
std::string format_count(std::uint64_t n);  // "12,345"
std::string mask_nhs_numbers(
    std::string_view text);  // standalone runs of exactly 10 digits -> "[NHS number]"

// printf into a std::string; only ever called with fixed formats, so the output is the same on every run.
template <class... Args>
std::string printf_string(const char* format, Args... args) {
  char buf[128];
  const int n = std::snprintf(buf, sizeof buf, format, args...);
  return std::string(buf, static_cast<std::size_t>(std::clamp(n, 0, static_cast<int>(sizeof buf) - 1)));
}

// A share as a percentage with one decimal: 0.1234 -> "12.3%".
inline std::string format_percent(double share) { return printf_string("%.*f%%", 1, share * 100.0); }

}  // namespace recon
