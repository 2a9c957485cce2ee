#pragma once
// Money in whole pence (int64): exact sums whatever the summation order, so totals are deterministic
// across thread counts (floating point sums are not).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace recon {

using Pence = std::int64_t;
inline constexpr Pence kNoPrice = INT64_MIN;

// "1234", "1234.5", "1234.56", "-12.30", "£1,234.56" -> pence. nullopt if malformed.
std::optional<Pence> parse_money(std::string_view text);
std::string format_money(Pence p);  // "1234.56"; "" for kNoPrice
void append_money(std::string& out, Pence p);  // the same, appended

}  // namespace recon
