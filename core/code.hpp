#pragma once
// Short NHS codes (ICD-10, OPCS-4, HRG, PROCODE3, GPPRAC, TRETSPEF, ...) interned inline: every code system
// in the contract fits in 8 ASCII bytes, so a code is packed big-endian into one uint64. That gives O(1)
// equality, a lexicographic order equal to the string order, no shared intern table (so no locks and no
// thread-order dependent ids in the parallel parse stage), and 8 bytes per code.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace recon {

class Code {
 public:
  static constexpr std::size_t kMaxLength = 8;
  constexpr Code() = default;

  // nullopt if longer than 8 bytes. Empty text gives the empty code.
  static constexpr std::optional<Code> from(std::string_view text) {
    if (text.size() > kMaxLength) return std::nullopt;
    Code c;
    for (std::size_t i = 0; i < kMaxLength; ++i)
      c.bits_ = (c.bits_ << 8) | (i < text.size() ? static_cast<unsigned char>(text[i]) : 0u);
    return c;
  }
  // The code whose bits() are `bits` (text packed big-endian, zero bytes after it).
  static constexpr Code from_bits(std::uint64_t bits) {
    Code c;
    c.bits_ = bits;
    return c;
  }
  // The code of `text`, 0-8 bytes (more is the caller's error), with the ASCII letters a-z upper-cased
  // and every other byte kept: what the builders read every code field with. No loop: two loads that
  // overlap cover any length, and the lower-case letters are found all at once in the word (SWAR).
  static Code upper_of(std::string_view text) {
    const auto* p = reinterpret_cast<const unsigned char*>(text.data());
    const std::size_t n = text.size();
    if (n == 0) return {};
    std::uint64_t little;  // byte i of the text in bits 8i..8i+7, zeros above the text
    if (n >= 4) {
      std::uint32_t first4, last4;
      std::memcpy(&first4, p, 4);
      std::memcpy(&last4, p + n - 4, 4);
      little = first4 | (std::uint64_t{last4} << (8 * (n - 4)));
    } else {
      little = p[0] | (std::uint64_t{p[n / 2]} << (8 * (n / 2))) | (std::uint64_t{p[n - 1]} << (8 * (n - 1)));
    }
    const std::uint64_t bits = __builtin_bswap64(little);  // first byte highest, zeros after: as from()
    constexpr std::uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
    const std::uint64_t low7 = bits & ~kHigh;                      // no byte can carry into the next below
    const std::uint64_t from_a = low7 + (0x80 - 'a') * kOnes;      // high bit: low7 >= 'a'
    const std::uint64_t past_z = low7 + (0x80 - 'z' - 1) * kOnes;  // high bit: low7 > 'z'
    const std::uint64_t lower = from_a & ~past_z & ~bits & kHigh;  // a-z (and the byte below 0x80)
    return from_bits(bits - (lower >> 2));                         // 0x80 >> 2 = 0x20 = 'a' - 'A'
  }
  // For literals and trusted text; truncates past 8 bytes.
  static constexpr Code of(std::string_view text) {
    return *from(text.substr(0, std::min(text.size(), kMaxLength)));
  }

  constexpr bool empty() const { return bits_ == 0; }
  constexpr std::uint64_t bits() const { return bits_; }
  // The bytes before the first zero byte, counted from the first (highest): asked by every prefix look-up
  // (ICD-10 categories, QOF registers, HRG chapters), so found at once in the word rather than byte by
  // byte. `zero` has the high bit of exactly the zero bytes set (no borrow runs between bytes).
  constexpr std::size_t size() const {
    constexpr std::uint64_t kLow7 = 0x7F7F7F7F7F7F7F7Full;
    const std::uint64_t zero = ~(((bits_ & kLow7) + kLow7) | bits_ | kLow7);
    return static_cast<std::size_t>(std::countl_zero(zero)) / 8;
  }
  constexpr char operator[](std::size_t i) const {
    return static_cast<char>((bits_ >> (8 * (kMaxLength - 1 - i))) & 0xff);
  }
  std::string str() const {
    std::string s;
    for (std::size_t i = 0; i < kMaxLength; ++i) {
      char ch = (*this)[i];
      if (!ch) break;
      s.push_back(ch);
    }
    return s;
  }
  // The first n characters (e.g. the HRG root = prefix(4), an ICD-10 category = prefix(3)).
  constexpr Code prefix(std::size_t n) const {
    if (n >= kMaxLength) return *this;
    Code c;
    c.bits_ = n == 0 ? 0 : bits_ & (~std::uint64_t{0} << (8 * (kMaxLength - n)));
    return c;
  }
  constexpr bool starts_with(Code p) const { return prefix(p.size()).bits_ == p.bits_; }

  friend constexpr bool operator==(Code a, Code b) = default;
  friend constexpr auto operator<=>(Code a, Code b) = default;

 private:
  std::uint64_t bits_ = 0;
};

struct CodeHash {
  std::size_t operator()(Code c) const noexcept {
    std::uint64_t x = c.bits() * 0x9E3779B97F4A7C15ull;
    return static_cast<std::size_t>(x ^ (x >> 29));
  }
};

}  // namespace recon
