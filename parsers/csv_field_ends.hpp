#pragma once
// A bit per byte of a CSV chunk: set where the byte is the delimiter or the line end, i.e. where an unquoted
// field may end. Built once per chunk with SIMD compares (Google Highway, the widest instruction set the CPU
// has, chosen at run time), so that the tokenizer finds each field's end with a bit scan instead of a loop
// over its bytes (most fields are short, but the byte loop was the largest single cost of a CSV run).
// The index says nothing about quotes: the tokenizer reads quoted fields byte by byte as before, and only
// asks the index where an unquoted field ends.
#include <bit>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace recon::csv {

class FieldEnds {
 public:
  // Indexes data[0, size): afterwards next(p) answers for any p in [data, data + size]. The index is made
  // a window at a time as it is asked for, so that the bytes it has just looked at are still in the cache
  // when the tokenizer reads them (made whole for a 4 MiB chunk, they were not, and every cache line was
  // fetched from memory twice).
  void build(const char* data, std::size_t size, char delimiter, char newline) {
    data_ = data;
    end_ = data + size;
    delimiter_ = delimiter;
    newline_ = newline;
    built_ = 0;
    words_.assign((size + 63) / 64, 0);
  }

  // The first delimiter or line end at or after p (p in [data, data + size]), or the end of the data if
  // there is none.
  const char* next(const char* p) const {
    std::size_t i = static_cast<std::size_t>(p - data_);
    std::size_t w = i >> 6;
    if (w >= words_.size()) return end_;
    std::uint64_t bits = word(w) & (~std::uint64_t{0} << (i & 63));
    while (bits == 0) {
      if (++w == words_.size()) return end_;
      bits = word(w);
    }
    return data_ + (w << 6) + static_cast<std::size_t>(std::countr_zero(bits));
  }

  // For a walk over the bits: bit k of word(w) is byte 64w + k of data(); w < word_count().
  const char* data() const { return data_; }
  std::size_t word_count() const { return words_.size(); }
  std::uint64_t word(std::size_t w) const {
    if (w >= built_) build_window(w);
    return words_[w];
  }

 private:
  static constexpr std::size_t kWindowWords = 512;  // 32 KiB of data a window: it stays in L1/L2
  void build_window(std::size_t w) const;           // makes words [built_, w] and on to a window's end

  const char* data_ = nullptr;
  const char* end_ = nullptr;
  char delimiter_ = ',';
  char newline_ = '\n';
  mutable std::size_t built_ = 0;             // words [0, built_) are made
  mutable std::vector<std::uint64_t> words_;  // none set past the end of the data
};

// Which instruction set build() uses on this CPU (for the benchmark's machine description).
const char* field_ends_target();

}  // namespace recon::csv
