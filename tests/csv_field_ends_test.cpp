#include "parsers/csv_field_ends.hpp"

#include <gtest/gtest.h>

#include <string>

#include "tests/csv_split_check.hpp"

namespace recon::csv {
namespace {

// The index against its definition, bit by bit: across the SIMD vectors, the part-vector at the end and
// the 32 KiB windows it is made in, asked for from the back (the last window made first) and from the front.
TEST(FieldEnds, EachBitSaysWhetherItsByteIsTheDelimiterOrTheLineEnd) {
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  for (std::size_t size : {0u, 1u, 15u, 16u, 63u, 64u, 65u, 100u, 32768u, 32769u, 70001u}) {
    std::string text(size, 'a');
    for (char& ch : text) ch = "ab,|\n\r\"x"[next() % 8];
    FieldEnds ends;
    ends.build(text.data(), text.size(), '|', '\n');
    ASSERT_EQ(ends.word_count(), (size + 63) / 64);
    const auto check = [&](std::size_t w) {
      const std::uint64_t bits = ends.word(w);
      for (std::size_t k = 0; k < 64; ++k) {
        const std::size_t i = w * 64 + k;
        const bool end = i < size && (text[i] == '|' || text[i] == '\n');
        ASSERT_EQ((bits >> k) & 1, end ? 1u : 0u) << "size " << size << " byte " << i;
      }
    };
    for (std::size_t w = ends.word_count(); w-- > 0;) check(w);
    ends.build(text.data(), text.size(), '|', '\n');
    for (std::size_t w = 0; w < ends.word_count(); ++w) check(w);
  }
}

// The tokenizer with the index gives the records of the byte loop, on a text long enough to span several
// windows, with quoted fields (holding delimiters and line ends) across the windows' edges.
TEST(FieldEnds, TheTokenizerReadsTheSameRecordsWithTheIndexAsWithout) {
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  const char alphabet[] = {'a', 'b', 'c', ',', ',', ',', '"', '\n', '\r', ' ', '|'};
  for (int c = 0; c < 40; ++c) {
    std::string text(1000 + next() % 100000, ' ');
    for (char& ch : text) ch = alphabet[next() % sizeof alphabet];
    const Dialect dialect{c % 4 == 0 ? '\r' : '\n', 1 + next() % 300, c % 3 == 0 ? '|' : ','};
    ASSERT_EQ(check::tokenize_whole(text, 1, dialect, true), check::tokenize_whole(text, 1, dialect, false))
        << "case " << c;
  }
}

}  // namespace
}  // namespace recon::csv
