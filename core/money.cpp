#include "core/money.hpp"

#include <charconv>
#include <cstdio>

namespace recon {

namespace {
// "1,234,567" -> true when every comma sits between whole groups: 1-3 digits first, then exactly three.
bool valid_thousands_groups(std::string_view whole) {
  std::size_t group = 0;
  bool first = true;
  for (char c : whole) {
    if (c != ',') {
      ++group;
      continue;
    }
    if (group == 0 || (first ? group > 3 : group != 3)) return false;
    first = false;
    group = 0;
  }
  return first || group == 3;
}

// What nearly every PRICE holds, pounds and pence ("750.00") or whole pounds ("750"), at most 15 digits of
// pounds: read in one pass; false for anything else, which the general reader takes.
bool plain_amount(std::string_view s, Pence& out) {
  const std::size_t whole_digits = s.size() >= 4 && s[s.size() - 3] == '.' ? s.size() - 3 : s.size();
  if (whole_digits == 0 || whole_digits > 15) return false;
  Pence pounds = 0;
  for (std::size_t i = 0; i < whole_digits; ++i) {
    const unsigned digit = static_cast<unsigned char>(s[i]) - unsigned{'0'};
    if (digit > 9) return false;
    pounds = pounds * 10 + digit;
  }
  Pence pence = 0;
  if (whole_digits < s.size()) {
    const unsigned tens = static_cast<unsigned char>(s[whole_digits + 1]) - unsigned{'0'};
    const unsigned units = static_cast<unsigned char>(s[whole_digits + 2]) - unsigned{'0'};
    if (tens > 9 || units > 9) return false;
    pence = tens * 10 + units;
  }
  out = pounds * 100 + pence;
  return true;
}
}  // namespace

std::optional<Pence> parse_money(std::string_view s) {
  Pence p = 0;
  if (!read_money(s, p)) return std::nullopt;
  return p;
}

bool read_money(std::string_view s, Pence& out) {
  if (plain_amount(s, out)) return true;
  if (s.starts_with("\xC2\xA3")) s.remove_prefix(2);  // UTF-8 pound sign
  bool negative = false;
  if (!s.empty() && (s.front() == '-' || s.front() == '+')) {
    negative = s.front() == '-';
    s.remove_prefix(1);
  }
  if (s.empty()) return false;
  const std::string_view whole_text = s.substr(0, s.find('.'));
  if (whole_text.find(',') != std::string_view::npos && !valid_thousands_groups(whole_text))
    return false;  // "12,50", "1,2345", ",5": a decimal comma or a typo, not a thousands separator
  std::int64_t whole = 0, frac = 0;
  int frac_digits = -1, digits = 0;
  for (char c : s) {
    if (c == ',' && frac_digits < 0) continue;  // thousands separator, checked above
    if (c == '.') {
      if (frac_digits >= 0) return false;
      frac_digits = 0;
      continue;
    }
    if (c < '0' || c > '9') return false;
    if (frac_digits < 0) {
      if (++digits > 15) return false;  // 15 digits of pounds: pence still fit in int64
      whole = whole * 10 + (c - '0');
    } else {
      if (frac_digits < 2)
        frac = frac * 10 + (c - '0');
      else if (c != '0')
        return false;  // sub-penny amounts are not money
      ++frac_digits;
    }
  }
  if (digits == 0 && frac_digits <= 0) return false;
  if (frac_digits == 1) frac *= 10;
  const Pence p = whole * 100 + frac;
  out = negative ? -p : p;
  return true;
}

void append_money(std::string& out, Pence p) {
  if (p == kNoPrice) return;
  const bool neg = p < 0;
  const std::uint64_t a = neg ? static_cast<std::uint64_t>(-(p + 1)) + 1 : static_cast<std::uint64_t>(p);
  if (neg) out += '-';
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, a / 100);
  out.append(buf, end);
  const unsigned cents = static_cast<unsigned>(a % 100);
  out += '.';
  out += static_cast<char>('0' + cents / 10);
  out += static_cast<char>('0' + cents % 10);
}

std::string format_money(Pence p) {
  std::string s;
  append_money(s, p);
  return s;
}

}  // namespace recon
