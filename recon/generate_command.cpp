// TEMPORARY placeholder until the generator lands (being written now).
#include <iostream>

#include "recon/cli.hpp"
namespace recon {
int generate_command(int, const char* const*) {
  std::cerr << "recon generate: not built yet\n";
  return 2;
}
}  // namespace recon
