#include "core/nhs_number.hpp"

#include <xxhash.h>

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

namespace {

bool all_of(std::string_view s, char lo, char hi) {
  for (char c : s)
    if (c < lo || c > hi) return false;
  return true;
}

// An NHS number that went through Excel as a number and came out in scientific notation: 7.661768313E+09.
// Read only when all ten digits are there (one before the point, nine after, exponent 9, as Excel writes
// it with 10 significant digits); with fewer, Excel rounded and the last digits are lost, so it is not read.
// Writes the ten digits to `digits`.
bool excel_scientific(std::string_view s, char (&digits)[10]) {
  const std::size_t e = s.find_first_of("Ee");
  if (e != 11 || s[1] != '.' || !all_of(s.substr(0, 1), '0', '9') || !all_of(s.substr(2, 9), '0', '9'))
    return false;
  std::string_view exponent = s.substr(e + 1);
  if (exponent.starts_with('+')) exponent.remove_prefix(1);
  if (exponent != "9" && exponent != "09") return false;
  digits[0] = s[0];
  for (int i = 1; i < 10; ++i) digits[i] = s[static_cast<std::size_t>(i) + 1];
  return true;
}

// Modulus 11 on the ten digits of `n` (digits 1-9 weighted 10 down to 2; the check digit is the tenth),
// where `weighted` is the sum of the nine weighted digits and `all_same` says all ten digits are one digit
// (0000000000, 1111111111: formally valid, never issued).
bool modulus_11_holds(NhsNumber n, int weighted, bool all_same) {
  int check = 11 - weighted % 11;
  if (check == 11) check = 0;
  return !all_same && check != 10 && check == static_cast<int>(n % 10);
}

// The field as nearly every extract writes it, ten digits and nothing else: read in one straight pass with
// no per-character branches (the general loop below is several times slower, and every activity row and
// practice-list row has an NHS number). False when the field is anything else; the general loop reads it.
bool ten_plain_digits(std::string_view s, NhsNumber& out, bool& valid) {
  if (s.size() != 10) return false;
  unsigned not_digit = 0;
  NhsNumber n = 0;
  int weighted = 0;
  const unsigned first = static_cast<unsigned char>(s[0]) - unsigned{'0'};
  bool all_same = true;
  for (int i = 0; i < 10; ++i) {
    const unsigned d = static_cast<unsigned char>(s[static_cast<std::size_t>(i)]) - unsigned{'0'};
    not_digit |= static_cast<unsigned>(d > 9);
    n = n * 10 + d;
    if (i < 9) weighted += static_cast<int>(d) * (10 - i);
    all_same &= d == first;
  }
  if (not_digit) return false;
  out = n;
  valid = modulus_11_holds(n, weighted, all_same);
  return true;
}

}  // namespace

NhsState parse_nhs_number(std::string_view s, NhsNumber& out, bool& valid) {
  out = 0;
  valid = false;
  if (s.empty()) return NhsState::kMissing;
  if (ten_plain_digits(s, out, valid)) return NhsState::kPresent;
  char scientific[10];
  if (s.size() > 11 && (s[11] == 'E' || s[11] == 'e') && excel_scientific(s, scientific))
    s = std::string_view(scientific, 10);  // then read as the plain number
  int digits = 0, weighted = 0, first = -1;
  bool all_same = true;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    // A number column through Excel: 7661768313.0 (zeros only after the point) is the number.
    if (c == '.' && digits == 10 && i + 1 < s.size() && all_of(s.substr(i + 1), '0', '0')) break;
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
  valid = modulus_11_holds(out, weighted, all_same);
  return NhsState::kPresent;
}

NhsState parse_nhs_number(std::string_view s, NhsNumber& out) {
  bool valid = false;
  return parse_nhs_number(s, out, valid);
}

std::string format_nhs_number(NhsNumber n) {
  if (is_pseudonym_key(n)) return {};
  if (n <= 9999999999ull) {  // every number read from a file: ten digits by hand, as snprintf's "%010llu"
    char digits[10];         // writes them (snprintf was ~900 instructions a number, once per challenge)
    for (int i = 9; i >= 0; --i, n /= 10) digits[i] = static_cast<char>('0' + n % 10);
    return std::string(digits, sizeof digits);
  }
  char buf[24];  // 20 digits at most
  std::snprintf(buf, sizeof buf, "%010llu", static_cast<unsigned long long>(n));
  return buf;
}

NhsNumber pseudonym_key(std::string_view pseudonym) {
  while (!pseudonym.empty() && (pseudonym.front() == ' ' || pseudonym.front() == '\t'))
    pseudonym.remove_prefix(1);
  while (!pseudonym.empty() && (pseudonym.back() == ' ' || pseudonym.back() == '\t'))
    pseudonym.remove_suffix(1);
  NhsNumber key = XXH3_64bits(pseudonym.data(), pseudonym.size()) | (NhsNumber{1} << 63);
  return key == ~NhsNumber{0} ? key - 1 : key;  // all ones is the tables' empty slot
}

std::string redact_nhs_number(NhsNumber n) {
  // Last two digits only, as on printed correspondence: enough to tell rows apart, not to identify anyone.
  char buf[24];
  std::snprintf(buf, sizeof buf, "********%02llu", static_cast<unsigned long long>(n % 100));
  return buf;
}

}  // namespace recon
