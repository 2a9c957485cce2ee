#pragma once
// Subcommands of the recon CLI; each returns the process exit code.
namespace recon {
int run_command(int argc, const char* const* argv);       // recon run ...
int rules_command(int argc, const char* const* argv);     // recon rules: the rule catalogue
int generate_command(int argc, const char* const* argv);  // recon generate ... (recon/generate_command.cpp)
}  // namespace recon
