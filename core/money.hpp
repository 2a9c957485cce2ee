#pragma once
// Money in whole pence (int64): exact sums whatever the summation order, so totals are deterministic
// across thread counts (floating point sums are not).
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace recon {

using Pence = std::int64_t;
inline constexpr Pence kNoPrice = INT64_MIN;

// The most one activity (or one tariff price) may cost: £10,000,000.00. The dearest national tariff prices
// are a few hundred thousand pounds, so anything above is a typo or a corrupt field, never a charge to pay.
// It also keeps sums safe: even billions of records at this price cannot overflow a Pence total.
inline constexpr Pence kMaxPrice = 1'000'000'000;

// "1234", "1234.5", "1234.56", "-12.30", "£1,234.56" -> pence. nullopt if malformed or ambiguous: commas are
// thousands separators only between whole groups of three digits ("1,234,567.89"); "12,50" (a decimal
// comma?) and "1,2345" are not money. At most 15 digits before the point, none but zeros after the pennies.
std::optional<Pence> parse_money(std::string_view text);
// The same for the builders' hot loop: false when the text is no amount (`out` then unspecified). Through
// an out-parameter: a returned std::optional stalls the CPU at every return (core/day.cpp, read_day).
bool read_money(std::string_view text, Pence& out);
std::string format_money(Pence p);             // "1234.56"; "" for kNoPrice
void append_money(std::string& out, Pence p);  // the same, appended

// A money sum that does not fit in Pence (over £92 trillion). Thrown rather than printing a wrong total.
struct MoneyOverflow : std::overflow_error {
  MoneyOverflow()
      : std::overflow_error("a money total does not fit in 64 bits of pence (over 92 trillion pounds)") {}
};

// total + amount, exactly, or MoneyOverflow: every sum of charges and amounts at risk goes through this.
inline Pence add_money(Pence total, Pence amount) {
  Pence sum;
  if (__builtin_add_overflow(total, amount, &sum) || sum == kNoPrice) throw MoneyOverflow();
  return sum;
}

}  // namespace recon
