#pragma once
// How many times a byte occurs in a buffer. The ingest's serial read stage counts the newlines of every
// chunk (the next chunk's first line number depends on it), so this runs over every byte of every input on
// one thread; std::count, compiled for portable x86-64, widens each byte to a 64-bit lane and crawls.
// Here eight bytes at a time (SWAR): matches become 1 in a byte-wide counter, summed every 255 words.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace recon {

inline std::uint64_t count_byte(const char* data, std::size_t size, char byte) {
  constexpr std::uint64_t kOnes = 0x0101010101010101ull, kLow7 = 0x7f7f7f7f7f7f7f7full;
  const std::uint64_t pattern = kOnes * static_cast<unsigned char>(byte);
  std::uint64_t total = 0;
  std::size_t i = 0;
  while (size - i >= 8) {
    const std::size_t words = std::min<std::size_t>((size - i) / 8, 255);  // a byte counter holds 255
    std::uint64_t counters = 0;
    for (std::size_t w = 0; w < words; ++w, i += 8) {
      std::uint64_t x;
      std::memcpy(&x, data + i, 8);
      x ^= pattern;                                             // a matching byte is now zero
      const std::uint64_t nonzero = ((x & kLow7) + kLow7) | x;  // high bit set in each non-zero byte
      counters += (~nonzero >> 7) & kOnes;
    }
    // Sum the eight byte counters (each <= 255, total <= 2040): pairs into 16-bit lanes, then those.
    const std::uint64_t pairs =
        (counters & 0x00ff00ff00ff00ffull) + ((counters >> 8) & 0x00ff00ff00ff00ffull);
    total += (pairs * 0x0001000100010001ull) >> 48;
  }
  for (; i < size; ++i) total += data[i] == byte;
  return total;
}

}  // namespace recon
