#include "recon/engine/national_tables.hpp"

#include "recon/files/private_files.hpp"

namespace recon {
namespace fs = std::filesystem;

NationalTables convert_national_tables(const national::NationalFiles& files, const fs::path& work_dir) {
  national::ConversionResult converted = national::convert_national_files(files);
  NationalTables out;
  out.report = std::move(converted.report);
  for (const national::OutputTable& t : converted.tables) {
    const fs::path path = work_dir / ("national-" + t.name + ".csv");
    write_private_text(path, national::to_csv(t));
    out.tables.push_back({t.name, path.string(), t.source + " as " + t.name});
  }
  return out;
}

}  // namespace recon
