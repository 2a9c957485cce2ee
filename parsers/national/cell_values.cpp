#include "parsers/national/cell_values.hpp"

#include <cmath>
#include <cstdlib>
#include <optional>
#include <string>

#include "parsers/fatal_error.hpp"

namespace recon::national {
namespace {

// A plain decimal number (digits, an optional point and digits, an optional exponent as Excel may store
// it); nullopt for anything else, so that strtod's leniency (hex, "inf", leading spaces) never applies.
std::optional<double> plain_number(std::string_view s) {
  if (s.empty() || s.size() > 40) return std::nullopt;
  std::size_t i = 0, digits = 0;
  if (s[0] == '-' || s[0] == '+') ++i;
  for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  if (i < s.size() && s[i] == '.')
    for (++i; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++digits;
  if (digits == 0) return std::nullopt;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    std::size_t exp_digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i) ++exp_digits;
    if (exp_digits == 0) return std::nullopt;
  }
  if (i != s.size()) return std::nullopt;
  return std::strtod(std::string(s).c_str(), nullptr);
}

}  // namespace

bool is_no_value(std::string_view cell) {
  return cell.empty() || cell == "-" || cell == "\xE2\x80\x93" || cell == "\xE2\x80\x94" || cell == "n/a" ||
         cell == "N/A";
}

void CellRef::fail(std::string_view why) const {
  std::string shown(text().substr(0, 40));
  throw FatalError(table.where(row, column, heading) + ": '" + shown + "' " + std::string(why));
}

Pence read_price(const CellRef& cell) {
  std::string_view t = cell.text();
  if (is_no_value(t)) return kNoPrice;
  std::optional<Pence> pence = parse_money(t);
  if (!pence) {
    // Excel keeps binary doubles: a price may be stored as 1234.5600000000001.
    if (auto v = plain_number(t)) {
      double p = *v * 100.0;
      double whole = std::round(p);
      if (std::fabs(p - whole) < 1e-6 && std::fabs(whole) < 1e15) pence = static_cast<Pence>(whole);
    }
  }
  if (!pence) cell.fail("is not a price in pounds (nor '-' for no price)");
  if (*pence < 0) cell.fail("is a negative price");
  if (*pence > kMaxPrice) cell.fail("is above the largest price recon accepts (10,000,000.00)");
  return *pence;
}

int read_days(const CellRef& cell) {
  std::string_view t = cell.text();
  if (is_no_value(t)) return -1;
  std::optional<double> v = plain_number(t);
  if (!v || *v < 0 || *v > 100000 || *v != std::floor(*v))
    cell.fail("is not a whole number of days (nor '-')");
  return static_cast<int>(*v);
}

int read_percentage(const CellRef& cell, bool& from_fraction) {
  from_fraction = false;
  std::string_view t = cell.text();
  if (is_no_value(t)) return -1;
  if (t.ends_with('%')) {
    std::string_view n = t.substr(0, t.size() - 1);
    while (n.ends_with(' ')) n.remove_suffix(1);
    std::optional<double> v = plain_number(n);
    if (!v || *v < 0 || *v > 100 || std::fabs(*v - std::round(*v)) > 1e-9)
      cell.fail("is not a whole percentage from 0% to 100%");
    return static_cast<int>(std::round(*v));
  }
  std::optional<double> v = plain_number(t);
  if (!v || *v < 0 || *v > 100) cell.fail("is not a percentage (34% or 0.34) from 0 to 100");
  if (*v == 0) return 0;
  if (*v == 1)
    cell.fail(
        "could be 100% (as a fraction) or 1% (as a whole percentage): write it with a % sign in the file "
        "to say which");
  if (*v < 1) {
    double percent = *v * 100;
    if (std::fabs(percent - std::round(percent)) > 1e-9)
      cell.fail("is a fraction that is not a whole percentage (recon prices whole percentages)");
    from_fraction = true;
    return static_cast<int>(std::round(percent));
  }
  if (*v != std::floor(*v)) cell.fail("is not a whole percentage");
  return static_cast<int>(*v);
}

}  // namespace recon::national
