// FieldEnds::build, compiled once per instruction set Highway supports on x86-64 (SSSE3, SSE4, AVX2,
// AVX-512) and dispatched at run time to the best one the CPU has: one binary for every machine.
#include "parsers/csv_field_ends.hpp"

#include <algorithm>
#include <bit>

#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "parsers/csv_field_ends.cpp"
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace recon::csv::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Sets bit i of `bits` (bytes, little-endian within each) for data[i] == delimiter or newline. `bits` holds
// at least (size + 7) / 8 bytes, zeroed.
void MarkFieldEnds(const std::uint8_t* data, std::size_t size, std::uint8_t delimiter, std::uint8_t newline,
                   std::uint8_t* bits) {
  const hn::ScalableTag<std::uint8_t> d;
  const std::size_t lanes = hn::Lanes(d);  // a multiple of 8, so each vector fills whole bytes of `bits`
  const auto want_delimiter = hn::Set(d, delimiter);
  const auto want_newline = hn::Set(d, newline);
  std::size_t i = 0;
  for (; i + lanes <= size; i += lanes) {
    const auto v = hn::LoadU(d, data + i);
    hn::StoreMaskBits(d, hn::Or(hn::Eq(v, want_delimiter), hn::Eq(v, want_newline)), bits + i / 8);
  }
  for (; i < size; ++i)  // the last part-vector
    if (data[i] == delimiter || data[i] == newline) bits[i / 8] |= static_cast<std::uint8_t>(1u << (i % 8));
}

}  // namespace recon::csv::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace recon::csv {

HWY_EXPORT(MarkFieldEnds);

void FieldEnds::build_window(std::size_t w) const {
  const std::size_t to = std::min(words_.size(), std::max(w + 1, built_ + kWindowWords));
  const std::size_t from_byte = built_ * 64;
  const std::size_t to_byte = std::min(size_, to * 64);
  static_assert(std::endian::native == std::endian::little, "bit 8j+k of a word is bit k of its byte j");
  HWY_DYNAMIC_DISPATCH(MarkFieldEnds)
  (reinterpret_cast<const std::uint8_t*>(data_) + from_byte, to_byte - from_byte,
   static_cast<std::uint8_t>(delimiter_), static_cast<std::uint8_t>(newline_),
   reinterpret_cast<std::uint8_t*>(words_.data() + built_));
  built_ = to;
}

}  // namespace recon::csv
#endif  // HWY_ONCE
