#include "recon/cli/generate_command.hpp"

#include <algorithm>
#include <boost/program_options.hpp>
#include <charconv>
#include <exception>
#include <iostream>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "recon/generate/generator.hpp"

namespace recon {

namespace {

namespace po = boost::program_options;
using generate::GenerateOptions;

constexpr const char* kUsage =
    "Usage: recon generate --out DIR [options]\n"
    "\n"
    "Writes a seeded synthetic data set: apc, op, ae, register, referrals and conditions files, the\n"
    "reference/ files (tariffs, ICD-10, OPCS-4, CC scores and bands, QOF map, calendar) and truth.csv,\n"
    "the ground truth of every planted anomaly (DATASET,RECORD_ID,ANOMALY; the kinds and how each is\n"
    "planted are described in recon/generate/anomaly.hpp). The same seed and options give\n"
    "byte-identical files on every platform.\n"
    "\n"
    "--layout writes the activity files (apc, op, ae) in the columns of a real extract, as `recon run`\n"
    "reads them (docs/layouts.md): hes (HES; admitted patient care as consultant episodes, a few spells\n"
    "still open; MYDOB) or sus (SUS commissioner APCS/OPA/ECDS; Der_Diagnosis_All lists, month and year\n"
    "of birth, SQL Server datetimes). Every layout holds the same records; truth.csv leaves out what a\n"
    "month-only date of birth hides.\n";

// Numbers are parsed here rather than by program_options, which would silently wrap "-5" into a huge
// unsigned value.
std::uint64_t parse_count(const std::string& name, const std::string& text) {
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty()) {
    throw std::invalid_argument("--" + name + " must be a whole number, got '" + text + "'");
  }
  return value;
}

// from_chars, unlike stod, does not depend on the locale's decimal point.
double parse_rate(const std::string& text) {
  double value = -1;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || text.empty() ||
      !(value >= 0.0 && value <= 1.0)) {
    throw std::invalid_argument("--anomaly-rate must be a number from 0 to 1, got '" + text + "'");
  }
  return value;
}

po::options_description describe() {
  po::options_description desc("Options");
  // clang-format off
  desc.add_options()
      ("help,h", "show this help")
      ("out", po::value<std::string>()->value_name("DIR"), "output directory (required; created if missing)")
      ("seed", po::value<std::string>()->value_name("N"), "random seed (default 1)")
      ("apc-rows", po::value<std::string>()->value_name("N"), "admitted patient care spells (default 10000; HES writes more rows, one per episode)")
      ("op-rows", po::value<std::string>()->value_name("N"), "outpatient attendances (default 2 x apc-rows)")
      ("ae-rows", po::value<std::string>()->value_name("N"), "A&E attendances (default = apc-rows)")
      ("patients", po::value<std::string>()->value_name("N"), "registered patients (default apc-rows / 2, at least 10 and enough for the OP/A&E rows)")
      ("practices", po::value<std::string>()->value_name("N"), "GP practices (default 8)")
      ("providers", po::value<std::string>()->value_name("N"), "provider trusts (default 6)")
      ("format", po::value<std::string>()->value_name("csv|ndjson"),
       "format of the activity and practice files (default csv; reference files and truth.csv are always CSV)")
      ("layout", po::value<std::string>()->value_name("contract|hes|sus"),
       "columns of the activity files (default contract)")
      ("delimiter", po::value<std::string>()->value_name("comma|pipe"),
       "field delimiter of the CSV activity and practice files (default comma; the national HES delivery is pipe)")
      ("anomaly-rate", po::value<std::string>()->value_name("F"),
       "share of activity rows given a planted anomaly, 0..1 (default 0.05; 0 = clean data, no malformed rows)")
      ("start-date", po::value<std::string>()->value_name("YYYY-MM-DD"), "first day of the activity period (default 2025-04-01)")
      ("months", po::value<std::string>()->value_name("N"), "length of the activity period in months (default 12)")
      ("invoice", "also write invoice.csv: the providers' invoice (SLAM) of the activity, with planted mismatches "
       "in truth.csv (DATASET invoice; docs/invoice.md); contract layout only");
  // clang-format on
  return desc;
}

GenerateOptions to_options(const po::variables_map& vm) {
  GenerateOptions o;
  auto text = [&](const char* name) -> std::optional<std::string> {
    if (vm.count(name) == 0) return std::nullopt;
    return vm[name].as<std::string>();
  };
  if (auto v = text("out")) o.out_dir = *v;
  if (o.out_dir.empty()) throw std::invalid_argument("--out DIR is required");
  if (auto v = text("seed")) o.seed = parse_count("seed", *v);
  if (auto v = text("apc-rows")) o.apc_rows = parse_count("apc-rows", *v);
  o.op_rows = o.apc_rows * 2;
  o.ae_rows = o.apc_rows;
  if (auto v = text("op-rows")) o.op_rows = parse_count("op-rows", *v);
  if (auto v = text("ae-rows")) o.ae_rows = parse_count("ae-rows", *v);
  if (auto v = text("practices"))
    o.practices =
        static_cast<std::uint32_t>(std::min<std::uint64_t>(parse_count("practices", *v), 1'000'000));
  if (auto v = text("providers"))
    o.providers =
        static_cast<std::uint32_t>(std::min<std::uint64_t>(parse_count("providers", *v), 1'000'000));
  if (auto v = text("format")) {
    if (*v == "csv") {
      o.format = generate::OutputFormat::csv;
    } else if (*v == "ndjson") {
      o.format = generate::OutputFormat::ndjson;
    } else {
      throw std::invalid_argument("--format must be csv or ndjson, got '" + *v + "'");
    }
  }
  if (auto v = text("layout")) {
    const auto layout = generate::parse_layout(*v);
    if (!layout) throw std::invalid_argument("--layout must be contract, hes or sus, got '" + *v + "'");
    o.layout = *layout;
  }
  if (auto v = text("delimiter")) {
    if (*v != "comma" && *v != "pipe")
      throw std::invalid_argument("--delimiter must be comma or pipe, got '" + *v + "'");
    o.delimiter = *v == "pipe" ? '|' : ',';
  }
  if (auto v = text("anomaly-rate")) o.anomaly_rate = parse_rate(*v);
  if (auto v = text("start-date")) {
    const auto day = generate::parse_iso_date(*v);
    if (!day) throw std::invalid_argument("--start-date must be a date YYYY-MM-DD, got '" + *v + "'");
    o.start_date = *day;
  }
  if (auto v = text("months"))
    o.months = static_cast<int>(std::min<std::uint64_t>(parse_count("months", *v), 100000));
  // Default population: apc-rows / 2 (at least 10), raised where needed so that every patient's activity
  // fits the period (one spell and two OP or A&E attendances per patient-month on average).
  const std::uint64_t months = static_cast<std::uint64_t>(std::max(1, o.months));
  o.patients =
      std::max({std::uint64_t{10}, o.apc_rows / 2, (o.apc_rows + months - 1) / months,
                (o.op_rows + 2 * months - 1) / (2 * months), (o.ae_rows + 2 * months - 1) / (2 * months)});
  if (auto v = text("patients")) o.patients = parse_count("patients", *v);
  o.invoice = vm.count("invoice") != 0;
  return o;
}

}  // namespace

int generate_command(int argc, const char* const* argv) {
  const po::options_description desc = describe();
  GenerateOptions options;
  try {
    po::variables_map vm;
    // Like a program's argv, argv[0] ("generate") is skipped by the parser.
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i) args.emplace_back(argv[i]);
    const po::positional_options_description no_positionals;  // stray words are an error, not ignored
    po::store(po::command_line_parser(args).options(desc).positional(no_positionals).run(), vm);
    po::notify(vm);
    if (vm.count("help") != 0) {
      std::cout << kUsage << '\n' << desc << '\n';
      return 0;
    }
    options = to_options(vm);
  } catch (const std::exception& e) {
    std::cerr << "recon generate: " << e.what() << " (see 'recon generate --help')\n";
    return 2;
  }
  try {
    const generate::GenerateSummary s = generate::run_generator(options);
    std::cout << "recon generate: wrote " << s.apc_rows << " apc"
              << (s.apc_rows != s.apc_spells ? " (" + std::to_string(s.apc_spells) + " spells)" : "") << ", "
              << s.op_rows << " op, " << s.ae_rows << " ae, " << s.register_rows << " register, "
              << s.referral_rows << " referral and " << s.condition_rows << " condition rows and "
              << s.truth_rows << " truth lines"
              << (options.invoice ? " and " + std::to_string(s.invoice_rows) + " invoice lines" : "")
              << " to " << options.out_dir.string() << '\n';
    return 0;
  } catch (const std::invalid_argument& e) {
    std::cerr << "recon generate: " << e.what() << " (see 'recon generate --help')\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "recon generate: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace recon
