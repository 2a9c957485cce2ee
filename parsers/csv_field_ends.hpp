#pragma once
// A bit per byte of a CSV chunk: set where the byte is the delimiter or the line end, i.e. where an unquoted
// field may end. Made with SIMD compares (Google Highway, the widest instruction set the CPU has, chosen at
// run time), so that the tokenizer finds each field's end with a bit scan instead of a loop over its bytes
// (the byte loop was the largest single symbol of a CSV run's profile). The index says nothing about
// quotes: the tokenizer reads quoted fields byte by byte as before, and only takes unquoted fields' ends
// from the index.
#include <cstddef>
#include <cstdint>
#include <vector>

namespace recon::csv {

class FieldEnds {
 public:
  // Indexes data[0, size). The index is made a window at a time as word() asks for it, so that the bytes
  // it has just looked at are still in the cache when the tokenizer reads them (made whole for a 4 MiB
  // chunk, they were not, and every cache line was fetched from memory twice).
  void build(const char* data, std::size_t size, char delimiter, char newline) {
    data_ = data;
    size_ = size;
    delimiter_ = delimiter;
    newline_ = newline;
    built_ = 0;
    words_.assign((size + 63) / 64, 0);
  }

  // For a walk over the bits: bit k of word(w) is byte 64w + k of data(); w < word_count().
  const char* data() const { return data_; }
  std::size_t word_count() const { return words_.size(); }
  std::uint64_t word(std::size_t w) const {
    if (w >= built_) build_window(w);
    return words_[w];
  }
  // The same words for a walk that keeps its state in registers: words() never moves during a walk, and
  // words [0, made_through(w)) are made, w's among them.
  const std::uint64_t* words() const { return words_.data(); }
  std::size_t made_through(std::size_t w) const {
    if (w >= built_) build_window(w);
    return built_;
  }

 private:
  static constexpr std::size_t kWindowWords = 512;  // 32 KiB of data a window: it stays in L1/L2
  void build_window(std::size_t w) const;           // makes words [built_, w] and on to a window's end

  const char* data_ = nullptr;
  std::size_t size_ = 0;
  char delimiter_ = ',';
  char newline_ = '\n';
  mutable std::size_t built_ = 0;             // words [0, built_) are made
  mutable std::vector<std::uint64_t> words_;  // none set past the end of the data
};

}  // namespace recon::csv
