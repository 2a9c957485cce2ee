#pragma once
// Short NHS codes (ICD-10, OPCS-4, HRG, PROCODE3, GPPRAC, TRETSPEF, ...) interned inline: every code system
// in the contract fits in 8 ASCII bytes, so a code is packed big-endian into one uint64. That gives O(1)
// equality, a lexicographic order equal to the string order, no shared intern table (so no locks and no
// thread-order dependent ids in the parallel parse stage), and 8 bytes per code.
#include <algorithm>
#include <cstdint>
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
  static std::optional<Code> from(std::string_view text) {
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
  // For literals and trusted text; truncates past 8 bytes.
  static Code of(std::string_view text) { return *from(text.substr(0, std::min(text.size(), kMaxLength))); }

  constexpr bool empty() const { return bits_ == 0; }
  constexpr std::uint64_t bits() const { return bits_; }
  std::size_t size() const {
    std::size_t n = 0;
    while (n < kMaxLength && ((bits_ >> (8 * (kMaxLength - 1 - n))) & 0xff)) ++n;
    return n;
  }
  char operator[](std::size_t i) const {
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
  Code prefix(std::size_t n) const {
    if (n >= kMaxLength) return *this;
    Code c;
    c.bits_ = n == 0 ? 0 : bits_ & (~std::uint64_t{0} << (8 * (kMaxLength - n)));
    return c;
  }
  bool starts_with(Code p) const { return prefix(p.size()).bits_ == p.bits_; }

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
