// Property: tokenizing a buffer whole gives the same records (fields, lines, errors) as reading it in blocks
// cut where csv::find_cut says, for any block size, stray-quote limit, line ending and delimiter; the blocks
// are read with the SIMD field-end index, the whole with the byte loop.
// Input: byte 0 picks the line ending (bit 0), the limit (bits 1-5: 1 to 32) and the delimiter (bits 6-7:
// comma, pipe, tab, comma), byte 1 the block size; the rest is the CSV text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "tests/csv_split_check.hpp"
#include "tests/fuzz/fuzz_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  using namespace recon::csv;
  const char delimiters[] = {',', '|', '\t', ','};
  const Dialect dialect{(data[0] & 1) ? '\r' : '\n', std::size_t{1} + ((data[0] >> 1) & 31),
                        delimiters[data[0] >> 6]};
  const std::size_t block = 1 + data[1];
  const std::string text(reinterpret_cast<const char*>(data + 2), size - 2);
  if (check::tokenize_in_blocks(text, block, dialect) != check::tokenize_whole(text, 1, dialect))
    recon::fuzz::property_broken("CSV read in blocks differs from CSV read whole");
  return 0;
}
