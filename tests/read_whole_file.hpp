#pragma once
// A file's whole content as a string (the end-to-end tests read recon's output files with it).
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace recon::test_support {

inline std::string slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace recon::test_support
