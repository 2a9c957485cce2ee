#include <boost/program_options.hpp>
#include <iostream>
#include <optional>
#include <thread>

#include "core/day.hpp"
#include "parsers/csv_delimiter.hpp"
#include "parsers/fatal_error.hpp"
#include "parsers/layouts.hpp"
#include "recon/cli/commands.hpp"
#include "recon/cli/national_file_options.hpp"
#include "recon/cli/rule_flags.hpp"
#include "recon/cli/run_job.hpp"
#include "recon/files/signal_cleanup.hpp"
#include "recon/writers/run_warnings.hpp"
#include "recon/writers/terminal_summary.hpp"
#include "rules/rule_option.hpp"

namespace recon {
namespace po = boost::program_options;

int run_command(int argc, const char* const* argv) {
  RunConfig c;
  std::string as_of, delimiter, config_file;
  po::options_description inputs(
      "Inputs (CSV, or NDJSON by extension .ndjson/.jsonl/.json; see docs/data_contract.md)");
  // clang-format off
  inputs.add_options()
      ("apc", po::value(&c.apc)->composing(), "admitted patient care spells file (repeatable)")
      ("op", po::value(&c.op)->composing(), "outpatient attendances file (repeatable)")
      ("ae", po::value(&c.ae)->composing(), "A&E attendances file (repeatable)")
      ("previous-apc", po::value(&c.previous_apc)->composing(),
       "APC file of an earlier period: the baseline for the providers' own past case-mix (repeatable)")
      ("register", po::value(&c.register_file), "practice registration list")
      ("referrals", po::value(&c.referrals_file), "practice referral log")
      ("conditions", po::value(&c.conditions_file), "practice QOF disease registers")
      ("reference", po::value(&c.reference_dir),
       "directory of reference tables (tariff_apc, tariff_op, tariff_ae, icd10, opcs4, cc_scores, hrg_cc_bands, "
       "qof_map, calendar; each NAME.csv or NAME.ndjson); the national files below, given, win over its "
       "tables of the same name")
      ("column-map", po::value(&c.column_map), "CSV DATASET,FROM,TO renaming your columns to the contract's")
      ("layout", po::value(&c.layout)->default_value("auto"),
       "activity files' column layout: contract, hes, sus, or auto (each file's from its header row; see "
       "docs/layouts.md)")
      ("delimiter", po::value(&delimiter)->default_value("auto"),
       "CSV activity and practice files: comma, pipe, tab, or auto (each file's from its header row; "
       "reference tables are always auto)")
      ("pseudonymised", po::bool_switch(&c.pseudonymised),
       "the activity files' patient ids are pseudonyms, not NHS numbers (the hes and sus layouts' "
       "pseudonym columns are known without it; see docs/data_contract.md)")
      ("practice-pseudonym-column", po::value(&c.practice_pseudonym_column),
       "the practice files' column holding the same pseudonym as the activity, so that the practice-record "
       "rules can run on pseudonymised data")
      ("invoice", po::value(&c.invoice)->composing(),
       "the provider's invoice (SLAM), one billed item per line, reconciled against the activity "
       "(repeatable; docs/invoice.md)");
  // clang-format on
  po::options_description run("Run");
  // clang-format off
  run.add_options()
      ("out", po::value(&c.out_dir), "output directory (created if missing) [required]")
      ("threads", po::value(&c.threads)->default_value(0), "worker threads (0 = all cores)")
      ("as-of", po::value(&as_of), "the run date YYYY-MM-DD for 'in the future' checks (default: today)")
      ("config", po::value(&config_file),
       "TOML file of the contract's local rules: rules on or off, severities, options, per provider "
       "(docs/configuration.md); the flags below override it")
      ("disable", po::value(&c.disabled_rules)->composing(), "rule id not to run (repeatable)")
      ("chunk-mb", po::value<int>()->default_value(4), "ingest chunk size in MiB")
      ("memory-mb", po::value<int>()->default_value(1024),
       "records held for the patient rules beyond this many MiB are spilled to disk under --out")
      ("packs", "also write a challenge pack per provider: packs/<PROCODE3>.xlsx and .csv in --out "
       "(docs/challenge_packs.md)")
      ("packs-by", po::value<std::string>()->default_value("provider"),
       "what a pack is for: provider (PROCODE3) or practice (GPPRAC); given, it implies --packs")
      ("history", po::value(&c.history_file),
       "challenge history (SQLite, created 0600 if missing): each challenge gets a STATUS (NEW, REPEAT, "
       "ANSWERED), resolved.csv lists those no longer raised, the run is recorded (docs/history.md)")
      ("no-progress", "no progress bar")
      ("quiet", "no summary on stdout")
      ("help,h", "this help");
  // clang-format on
  // Each rule's own options (rules/rule_option.hpp), as the rules registered them.
  const po::options_description rule_options = rule_option_flags();
  po::options_description all;
  all.add(inputs).add(national_file_options(c.national)).add(run).add(rule_options);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "recon run: " << e.what() << " (see recon run --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout
        << "Usage: recon run --apc FILE [--op FILE] [--ae FILE] [--register FILE] [--referrals FILE]\n"
           "                 [--conditions FILE] [--reference DIR] [--prices FILE.xlsx] [--icd10 FILE] ...\n"
           "                 --out DIR [options]\n\n"
           "Checks provider activity against practice records and reference data and writes the\n"
           "challenge list (challenges.csv/.json), summaries and rejects into --out.\n\n"
        << all << "\n";
    return 0;
  }
  if (!as_of.empty()) {
    auto d = parse_day(as_of);
    if (!d) {
      std::cerr << "recon run: --as-of '" << as_of << "' is not a date (YYYY-MM-DD)\n";
      return 2;
    }
    c.rule_options.as_of = *d;
  }
  if (const std::string error = apply_rule_settings(vm, config_file, c); !error.empty()) {
    std::cerr << "recon run: " << error << "\n";
    return 2;
  }
  const std::optional<char> delimiter_char = csv::parse_delimiter(delimiter);
  if (!delimiter_char) {
    std::cerr << "recon run: --delimiter '" << delimiter << "' is not one of comma, pipe, tab, auto\n";
    return 2;
  }
  c.delimiter = *delimiter_char;
  if (c.layout != "auto" && !find_layout(c.layout)) {
    std::cerr << "recon run: --layout '" << c.layout << "' is not one of contract, hes, sus, auto\n";
    return 2;
  }
  if (c.threads < 0) {
    std::cerr << "recon run: --threads must be 0 or more\n";
    return 2;
  }
  c.chunk_bytes = static_cast<std::size_t>(std::max(1, vm["chunk-mb"].as<int>())) << 20;
  c.memory_budget_bytes = static_cast<std::uint64_t>(std::max(1, vm["memory-mb"].as<int>())) << 20;
  if (vm.count("packs") || !vm["packs-by"].defaulted()) {
    c.packs = vm["packs-by"].as<std::string>();
    if (c.packs != "provider" && c.packs != "practice") {
      std::cerr << "recon run: --packs-by '" << c.packs << "' is not one of provider, practice\n";
      return 2;
    }
  }
  c.progress = !vm.count("no-progress");
  c.quiet = vm.count("quiet") > 0;
  try {
    RunResult result = run_recon(c);
    if (!c.quiet) std::cout << format_run_summary(result, c);
    if (!c.quiet)
      for (const std::string& note : result.history_notes) std::cout << note << "\n";
    for (const std::string& warning : run_warnings(result))
      std::cerr << "recon: warning: " << warning << "\n";
    for (const std::string& warning : result.history_warnings)
      std::cerr << "recon: warning: " << warning << "\n";
  } catch (const FatalError& e) {
    // A signal's clean-up removed files under a writer: the process is about to end by that signal, which
    // is the status to report, not this error.
    if (terminating_by_signal()) wait_for_signal_death();
    std::cerr << "recon: error: " << e.what() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace recon
