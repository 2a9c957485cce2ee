#include "recon/generate/nhs_number.hpp"

namespace recon::generate {

namespace {
constexpr std::uint64_t kBodies = 300'000'000;  // 1e8 bodies in the 4xx range + 2e8 in the 6xx-7xx range

std::uint64_t body_to_prefix(std::uint64_t index) {
  return index < 100'000'000 ? 400'000'000 + index : 600'000'000 + (index - 100'000'000);
}

std::uint64_t gcd(std::uint64_t a, std::uint64_t b) {
  while (b != 0) {
    const std::uint64_t t = a % b;
    a = b;
    b = t;
  }
  return a;
}
}  // namespace

int nhs_check_digit(std::uint64_t body9) {
  int sum = 0;
  for (int weight = 2; weight <= 10; ++weight) {
    sum += static_cast<int>(body9 % 10) * weight;
    body9 /= 10;
  }
  const int check = 11 - sum % 11;
  return check == 11 ? 0 : check;
}

bool is_valid_nhs_number(std::string_view text) {
  if (text.size() != 10) return false;
  std::uint64_t body = 0;
  bool all_same = true;
  for (std::size_t i = 0; i < 10; ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    if (text[i] != text[0]) all_same = false;
    if (i < 9) body = body * 10 + static_cast<std::uint64_t>(text[i] - '0');
  }
  if (all_same) return false;
  const int check = nhs_check_digit(body);
  return check != 10 && check == text[9] - '0';
}

NhsText format_nhs_number(std::uint64_t number) {
  NhsText out;
  for (int i = 9; i >= 0; --i) {
    out.chars[i] = static_cast<char>('0' + number % 10);
    number /= 10;
  }
  out.size = 10;
  return out;
}

NhsNumberAllocator::NhsNumberAllocator(std::uint64_t seed) {
  std::uint64_t sm = seed ^ 0x6E68736E756D6265ULL;  // "nhsnumbe": a stream of its own
  multiplier_ = 100'000'007 + splitmix64(sm) % 150'000'000;
  while (gcd(multiplier_, kBodies) != 1) ++multiplier_;  // coprime => the map is a permutation
  offset_ = splitmix64(sm) % kBodies;
}

std::uint64_t NhsNumberAllocator::next() {
  for (;;) {
    const std::uint64_t index = static_cast<std::uint64_t>(
        (static_cast<unsigned __int128>(counter_++) * multiplier_ + offset_) % kBodies);
    const std::uint64_t body = body_to_prefix(index);
    const int check = nhs_check_digit(body);
    if (check == 10) continue;  // about 1 body in 11 has no valid number: skip it
    return body * 10 + static_cast<std::uint64_t>(check);
  }
}

std::string_view invalid_nhs_kind_name(InvalidNhsKind kind) {
  switch (kind) {
    case InvalidNhsKind::checksum:
      return "checksum";
    case InvalidNhsKind::check_digit_10:
      return "check_digit_10";
    case InvalidNhsKind::same_digit:
      return "same_digit";
    case InvalidNhsKind::missing:
      return "missing";
    case InvalidNhsKind::wrong_length:
      return "wrong_length";
  }
  return "checksum";
}

NhsText make_invalid_nhs_number(std::uint64_t valid_number, InvalidNhsKind kind, Rng& rng) {
  NhsText out = format_nhs_number(valid_number);
  switch (kind) {
    case InvalidNhsKind::checksum: {
      // A typo in the last digit: any other digit fails the check.
      const int good = out.chars[9] - '0';
      out.chars[9] = static_cast<char>('0' + (good + 1 + static_cast<int>(rng.below(9))) % 10);
      break;
    }
    case InvalidNhsKind::check_digit_10: {
      // A body whose check digit would be 10: no last digit can make it valid.
      std::uint64_t body = valid_number / 10;
      while (nhs_check_digit(body) != 10) body = 400'000'000 + rng.below(100'000'000);
      out = format_nhs_number(body * 10 + rng.below(10));
      break;
    }
    case InvalidNhsKind::same_digit: {
      const char digit = static_cast<char>('0' + rng.below(10));
      for (int i = 0; i < 10; ++i) out.chars[i] = digit;
      break;
    }
    case InvalidNhsKind::missing:
      out.size = 0;
      break;
    case InvalidNhsKind::wrong_length:
      out.size = 9;  // a digit lost in transcription
      break;
  }
  return out;
}

}  // namespace recon::generate
