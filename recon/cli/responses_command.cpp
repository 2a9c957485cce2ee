// recon responses import PACK... --history FILE: the providers' answers in challenge packs into the challenge
// history (recon/history/responses_import.hpp, docs/history.md).
#include <boost/program_options.hpp>
#include <iostream>

#include "parsers/fatal_error.hpp"
#include "recon/cli/commands.hpp"
#include "recon/history/responses_import.hpp"

namespace recon {
namespace po = boost::program_options;

int responses_command(int argc, const char* const* argv) {
  std::string action, history_file;
  std::vector<std::string> packs;
  po::options_description options("Options");
  // clang-format off
  options.add_options()
      ("history", po::value(&history_file), "the challenge history the packs' run was recorded in [required]")
      ("help,h", "this help");
  // clang-format on
  po::options_description hidden;
  hidden.add_options()("action", po::value(&action))("pack", po::value(&packs)->composing());
  po::positional_options_description positional;
  positional.add("action", 1).add("pack", -1);
  po::options_description all;
  all.add(options).add(hidden);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "recon responses: " << e.what() << " (see recon responses --help)\n";
    return 2;
  }
  if (vm.count("help")) {
    std::cout
        << "Usage: recon responses import PACK [PACK...] --history FILE\n\n"
           "Reads the providers' answers (RESPONSE: ACCEPTED, DISPUTED or QUERY, and COMMENT) from\n"
           "challenge packs (packs/<CODE>.csv or .xlsx of a run made with --history) into the challenge\n"
           "history; the next run marks those challenges ANSWERED. Each pack is imported whole in one\n"
           "transaction, or (any row in error) not at all (docs/history.md).\n\n"
        << options << "\n";
    return 0;
  }
  if (action != "import") {
    std::cerr << "recon responses: " << (action.empty() ? "no action" : "unknown action '" + action + "'")
              << ": the action is import (recon responses import PACK --history FILE)\n";
    return 2;
  }
  if (packs.empty() || history_file.empty()) {
    std::cerr << "recon responses import: " << (packs.empty() ? "no pack given" : "--history is required")
              << " (recon responses import PACK --history FILE)\n";
    return 2;
  }
  for (const std::string& pack : packs) {
    try {
      const history::ImportSummary s = history::import_responses(pack, history_file);
      for (const std::string& warning : s.warnings) std::cerr << "recon: warning: " << warning << "\n";
      std::cout << "responses: " << pack << " (run " << s.run_id << "): " << s.rows << " challenges, "
                << s.answered << " answered (" << s.accepted << " ACCEPTED, " << s.disputed << " DISPUTED, "
                << s.queried << " QUERY), " << s.not_answered << " not answered; " << s.changed
                << " answers changed since an earlier import\n";
    } catch (const FatalError& e) {
      std::cerr << "recon: error: " << e.what() << "\n";
      return 1;
    }
  }
  return 0;
}

}  // namespace recon
