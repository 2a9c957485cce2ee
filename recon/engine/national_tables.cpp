#include "recon/engine/national_tables.hpp"

#include <unistd.h>

#include "parsers/fatal_error.hpp"
#include "recon/files/private_files.hpp"

namespace recon {
namespace {

namespace fs = std::filesystem;

// The national file a converted table comes from (national_reference.cpp's routing, said for the user).
std::string source_of(const std::string& table, const national::NationalFiles& f) {
  auto sheet = [&](const std::string& own) { return own.empty() ? f.prices : own; };
  if (table == "tariff_apc" || table == "hrg_cc_bands") return sheet(f.prices_apc);
  if (table == "tariff_op") return sheet(f.prices_op);
  if (table == "tariff_ae") return sheet(f.prices_ae);
  if (table == "icd10") return f.icd10;
  if (table == "opcs4") return f.opcs4;
  if (table == "calendar") return f.sus_timetable;
  return "national files";
}

void write_private(const fs::path& path, const std::string& text) {
  const int fd = create_private_file(path);
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) {
      ::close(fd);
      throw FatalError(path.string() + ": cannot write the converted national table");
    }
    done += static_cast<std::size_t>(n);
  }
  if (::close(fd) != 0) throw FatalError(path.string() + ": cannot write the converted national table");
}

}  // namespace

NationalTables convert_national_tables(const national::NationalFiles& files, const fs::path& work_dir) {
  national::ConversionResult converted = national::convert_national_files(files);
  NationalTables out;
  out.report = std::move(converted.report);
  for (const national::OutputTable& t : converted.tables) {
    const fs::path path = work_dir / ("national-" + t.name + ".csv");
    write_private(path, national::to_csv(t));
    out.tables.push_back({t.name, path.string(), source_of(t.name, files) + " as " + t.name});
  }
  return out;
}

}  // namespace recon
