// recon: pre-payment challenge of NHS provider activity (see README.md).
#include <cstring>
#include <exception>
#include <iostream>

#include "recon/cli/commands.hpp"
#include "recon/files/signal_cleanup.hpp"

namespace {
void usage(std::ostream& os) {
  os << "Usage: recon COMMAND [options]\n\n"
        "Commands:\n"
        "  run        check activity files and write the challenge list (recon run --help)\n"
        "  generate   write a seeded synthetic data set (recon generate --help)\n"
        "  reference  national files as published -> reference tables (recon reference --help)\n"
        "  rules      list the rules: id, severity, rationale, how the amount at risk is priced\n"
        "  layouts    list the input layouts (contract, hes, sus): which columns feed each contract column\n"
        "  responses  import the providers' answers from challenge packs into the history (recon responses "
        "--help)\n";
}
}  // namespace

int main(int argc, char** argv) {
  // First, before any thread exists: SIGINT/SIGTERM/SIGHUP then remove the run's private files (staged
  // outputs, spill files) before ending the process (recon/files/signal_cleanup.hpp).
  recon::install_signal_cleanup();
  if (argc < 2 || !std::strcmp(argv[1], "--help") || !std::strcmp(argv[1], "-h")) {
    usage(argc < 2 ? std::cerr : std::cout);
    return argc < 2 ? 2 : 0;
  }
  const char* cmd = argv[1];
  try {
    if (!std::strcmp(cmd, "run")) return recon::run_command(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "generate")) return recon::generate_command(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "reference")) return recon::reference_command(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "rules")) return recon::rules_command(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "layouts")) return recon::layouts_command(argc - 1, argv + 1);
    if (!std::strcmp(cmd, "responses")) return recon::responses_command(argc - 1, argv + 1);
  } catch (const std::exception& e) {
    if (recon::terminating_by_signal()) recon::wait_for_signal_death();  // an error the clean-up caused
    std::cerr << "recon: error: " << e.what() << "\n";
    return 1;
  }
  std::cerr << "recon: unknown command '" << cmd << "'\n";
  usage(std::cerr);
  return 2;
}
