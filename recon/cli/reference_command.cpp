// `recon reference`: the national reference files as published (the NHS Payment Scheme prices workbook or
// its CSV export, the TRUD ICD-10 and OPCS-4 files, the SUS+ timetable) into a folder of recon's reference
// tables for `recon run --reference`. It prints what it read, what it derived and every row it skipped with
// the reason, then loads the folder as `recon run` would, so a folder it writes is one recon reads.
#include <boost/program_options.hpp>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "parsers/fatal_error.hpp"
#include "parsers/national/national_reference.hpp"
#include "recon/cli/commands.hpp"
#include "recon/cli/national_file_options.hpp"
#include "recon/engine/table_loader.hpp"

namespace recon {
namespace {

namespace po = boost::program_options;
namespace fs = std::filesystem;

constexpr const char* kUsage =
    "Usage: recon reference --out DIR [files]\n"
    "\n"
    "Reads the national reference files as they are published and writes recon's reference tables into\n"
    "DIR (tariff_apc, tariff_op, tariff_ae, hrg_cc_bands, icd10, opcs4, calendar .csv), for\n"
    "`recon run --reference DIR`. Prints what it read, what it derived and every row it skipped, with the\n"
    "reason. A value it cannot read exactly stops it with the file, sheet, row and column: a price is never\n"
    "guessed. docs/national_reference.md says how each column is read and derived, and from what source.\n";

po::options_description describe(national::NationalFiles& files) {
  po::options_description desc("Options");
  // clang-format off
  desc.add_options()
      ("help,h", "show this help")
      ("out", po::value<std::string>()->value_name("DIR"), "where to write the tables (required; created if missing)")
      ("table", po::value(&files.tables)->value_name("FILE"),
       "a table already in recon's layout, copied as it is (cc_scores.csv, qof_map.csv, hrg_cc_bands.csv, ...); repeatable");
  // clang-format on
  desc.add(national_file_options(files));
  return desc;
}

std::string value(const po::variables_map& vm, const char* name) {
  return vm.count(name) ? vm[name].as<std::string>() : std::string();
}

void write_file(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  out.close();
  if (!out) throw FatalError(path.string() + ": cannot write");
}

}  // namespace

int reference_command(int argc, const char* const* argv) {
  national::NationalFiles files;
  const po::options_description desc = describe(files);
  fs::path out_dir;
  try {
    po::variables_map vm;
    std::vector<std::string> args(argv + 1, argv + argc);
    const po::positional_options_description no_positionals;
    po::store(po::command_line_parser(args).options(desc).positional(no_positionals).run(), vm);
    po::notify(vm);
    if (vm.count("help")) {
      std::cout << kUsage << '\n' << desc << '\n';
      return 0;
    }
    if (!vm.count("out")) throw std::invalid_argument("--out is required");
    out_dir = value(vm, "out");
    if (!national::gives_national_files(files) && files.tables.empty())
      throw std::invalid_argument(
          "no input file: give at least one of --prices, --icd10, --opcs4, --sus-timetable");
  } catch (const std::exception& e) {
    std::cerr << "recon reference: " << e.what() << " (see 'recon reference --help')\n";
    return 2;
  }
  try {
    national::ConversionResult result = national::convert_national_files(files);
    const national::ConversionReport& report = result.report;
    std::cout << "read:\n";
    for (const std::string& line : report.read) std::cout << "  " << line << '\n';
    std::cout << "derived:\n";
    for (const std::string& line : report.derived) std::cout << "  " << line << '\n';
    std::cout << "skipped: " << report.skipped.size() << (report.skipped.size() == 1 ? " row\n" : " rows\n");
    for (const national::SkippedRow& s : report.skipped)
      std::cout << "  " << s.where << ": " << s.reason << '\n';

    std::error_code ec;
    fs::create_directories(out_dir, ec);
    if (!fs::is_directory(out_dir)) throw FatalError(out_dir.string() + ": cannot create the folder");
    std::cout << "wrote:\n";
    for (const national::OutputTable& t : result.tables) {
      const fs::path path = out_dir / (t.name + ".csv");
      write_file(path, national::to_csv(t));
      std::cout << "  " << path.string() << " (" << t.rows.size() << " rows)\n";
    }
    for (const national::PassThrough& p : result.copied) {
      const fs::path path = out_dir / (p.name + ".csv");
      if (fs::exists(path) && fs::equivalent(path, p.path)) continue;  // already there
      fs::copy_file(p.path, path, fs::copy_options::overwrite_existing);
      std::cout << "  " << path.string() << " (copied from " << p.path << ")\n";
    }

    // The folder as `recon run --reference` loads it: a table recon would refuse fails here, not later.
    Reference ref;
    std::vector<std::string> paths;
    std::vector<Reject> rejects;
    std::vector<FileCounts> counts;
    LoadContext ctx;
    ctx.threads = 1;
    ctx.file_paths = &paths;
    ctx.rejects = &rejects;
    ctx.counts = &counts;
    load_reference(out_dir.string(), ref, ctx);
    std::cout << "recon reference: " << out_dir.string() << " loads as recon run --reference reads it ("
              << counts.size() << " tables)\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "recon reference: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace recon
