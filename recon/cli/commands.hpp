#pragma once
// Subcommands of the recon CLI; each returns the process exit code.
#include <string>
namespace recon {
int run_command(int argc, const char* const* argv);    // recon run ...
int rules_command(int argc, const char* const* argv);  // recon rules [--markdown]: the rule catalogue
std::string rules_markdown();
int layouts_command(int argc, const char* const* argv);  // recon layouts [--markdown]: the input layouts
std::string layouts_markdown();
int reference_command(int argc, const char* const* argv);  // recon reference: national files -> tables
int responses_command(int argc, const char* const* argv);  // recon responses import PACK --history FILE
int generate_command(int argc,
                     const char* const* argv);  // recon generate ... (recon/cli/generate_command.cpp)
}  // namespace recon
