// NHS numbers: the Modulus 11 check, an allocator of unique valid numbers, and the invalid variants the
// generator plants (so the data exercises every way an NHS number can be wrong).
#pragma once

#include <cstdint>
#include <string_view>

#include "recon/generate/rng.hpp"

namespace recon::generate {

// Check digit for a 9-digit body (weights 10..2): 0..9, or 10 when no valid number has this body.
int nhs_check_digit(std::uint64_t body9);

// True for exactly 10 digits whose check digit is right and which are not all the same digit
// (every same-digit number such as 4444444444 passes Modulus 11, yet none is ever issued).
bool is_valid_nhs_number(std::string_view text);

// A short fixed-capacity string for an NHS number as written on a record (valid or planted invalid).
struct NhsText {
  char chars[12] = {};
  std::uint8_t size = 0;
  std::string_view view() const { return {chars, size}; }
};

NhsText format_nhs_number(std::uint64_t number);

// Hands out distinct valid numbers in the issued ranges 400 000 000x-499 999 999x and
// 600 000 000x-799 999 999x. Walking a seeded affine permutation of the 3e8 bodies guarantees
// uniqueness without a hash set, while consecutive patients still get unrelated-looking numbers.
class NhsNumberAllocator {
 public:
  explicit NhsNumberAllocator(std::uint64_t seed);
  std::uint64_t next();

 private:
  std::uint64_t multiplier_;
  std::uint64_t offset_;
  std::uint64_t counter_ = 0;
};

// How a planted invalid NHS number is wrong; the name is written into the ground truth.
enum class InvalidNhsKind : std::uint8_t { checksum, check_digit_10, same_digit, missing, wrong_length };
std::string_view invalid_nhs_kind_name(InvalidNhsKind kind);

// Builds an invalid number of the given kind (derived from the patient's real one where that makes sense).
NhsText make_invalid_nhs_number(std::uint64_t valid_number, InvalidNhsKind kind, Rng& rng);

}  // namespace recon::generate
