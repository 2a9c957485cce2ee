// The --column-map file: any bytes give a mapping or one FatalError, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "parsers/column_mapping.hpp"
#include "parsers/fatal_error.hpp"
#include "tests/fuzz/fuzz_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string path =
      recon::fuzz::write_scratch("map.csv", std::string(reinterpret_cast<const char*>(data), size));
  try {
    recon::ColumnMapping::load(path);
  } catch (const recon::FatalError&) {
  }
  return 0;
}
