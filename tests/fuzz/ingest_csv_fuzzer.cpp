// The CSV reader end to end (header, line endings, cut-finder, tokenizer, field mapping) on APC rows.
// Input: byte 0 picks the tiny chunk size and the stray-quote limit; the rest is the file.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parsers/schema.hpp"
#include "tests/fuzz/ingest_check.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  const std::string bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  recon::fuzz::check_ingest("apc.csv", bytes, recon::apc_schema(), 1 + (data[0] & 31), 1 + (data[0] >> 3));
  return 0;
}
