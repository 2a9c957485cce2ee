// The reference-table loaders: byte 0 picks the table, the rest is its CSV file. Any bytes give a loaded
// table or one FatalError (duplicate key, unparseable row, ...), never a crash, a hang or a lost row.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "parsers/fatal_error.hpp"
#include "recon/engine/table_loader.hpp"
#include "tests/fuzz/fuzz_files.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const char* const kTables[] = {"tariff_apc", "tariff_op", "tariff_ae",    "icd10",   "opcs4",
                                        "cc_scores",  "qof_map",   "hrg_cc_bands", "calendar"};
  if (size < 1) return 0;
  // One folder for the process, holding only this input's table: the last input's table is removed by name
  // (not the whole folder re-made), which keeps the file-system calls per execution few.
  static const std::filesystem::path dir = [] {
    std::filesystem::path d = recon::fuzz::scratch_dir() / "reference";
    std::filesystem::create_directories(d);
    return d;
  }();
  static std::filesystem::path last_table;
  if (!last_table.empty()) std::filesystem::remove(last_table);
  const std::string table = kTables[data[0] % (sizeof kTables / sizeof *kTables)];
  last_table = recon::fuzz::write_scratch("reference/" + table + ".csv",
                                          std::string(reinterpret_cast<const char*>(data + 1), size - 1));
  std::vector<std::string> paths;
  std::vector<recon::Reject> rejects;
  std::vector<recon::FileCounts> counts;
  recon::LoadContext ctx;
  ctx.threads = 1;
  ctx.file_paths = &paths;
  ctx.rejects = &rejects;
  ctx.counts = &counts;
  recon::Reference ref;
  try {
    recon::load_reference(dir.string(), ref, ctx);
  } catch (const recon::FatalError&) {
    return 0;
  }
  for (const recon::FileCounts& c : counts)
    if (c.rows != c.accepted + c.rejected)
      recon::fuzz::property_broken("reference rows in != accepted + rejected");
  return 0;
}
