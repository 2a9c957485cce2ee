#include "core/nhs_number.hpp"

#include <cstdio>

namespace recon {

bool nhs_number_valid(NhsNumber n) {
  if (n == 0 || n > 9999999999ull) return false;
  int digits[10];
  NhsNumber x = n;
  for (int i = 9; i >= 0; --i, x /= 10) digits[i] = static_cast<int>(x % 10);
  bool all_same = true;
  for (int i = 1; i < 10; ++i) all_same &= digits[i] == digits[0];
  if (all_same) return false;
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += digits[i] * (10 - i);
  int check = 11 - sum % 11;
  if (check == 11) check = 0;
  if (check == 10) return false;
  return check == digits[9];
}

NhsState parse_nhs_number(std::string_view s, NhsNumber& out, bool& valid) {
  out = 0;
  valid = false;
  if (s.empty()) return NhsState::kMissing;
  int digits = 0, weighted = 0, first = -1;
  bool all_same = true;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      const int d = c - '0';
      if (++digits > 10) break;
      out = out * 10 + static_cast<NhsNumber>(d);
      if (digits == 1) first = d;
      all_same &= d == first;
      if (digits < 10) weighted += d * (11 - digits);  // weights 10, 9, ..., 2 for digits 1..9
    } else if (c != ' ' && c != '-') {
      out = 0;
      return NhsState::kMalformed;
    }
  }
  if (digits != 10) {
    out = 0;
    return NhsState::kMalformed;
  }
  int check = 11 - weighted % 11;
  if (check == 11) check = 0;
  valid = !all_same && check != 10 && check == static_cast<int>(out % 10);
  return NhsState::kPresent;
}

NhsState parse_nhs_number(std::string_view s, NhsNumber& out) {
  bool valid = false;
  return parse_nhs_number(s, out, valid);
}

std::string format_nhs_number(NhsNumber n) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%010llu", static_cast<unsigned long long>(n));
  return buf;
}

std::string redact_nhs_number(NhsNumber n) {
  // Last two digits only, as on printed correspondence: enough to tell rows apart, not to identify anyone.
  char buf[24];
  std::snprintf(buf, sizeof buf, "********%02llu", static_cast<unsigned long long>(n % 100));
  return buf;
}

}  // namespace recon
