#pragma once
// Runs the built `recon` binary as a user would, for the end-to-end tests.
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace recon::test_support {

struct BinaryOutput {
  int status = -1;   // the exit status, when it exited
  int signal = 0;    // the signal that ended it, when one did
  std::string text;  // stdout + stderr
};

// `env`: NAME=VALUE settings for this run only. exec: the shell becomes recon, so a signal that ends recon
// is what pclose reports.
inline BinaryOutput run_recon_binary(const std::string& args, const std::string& env = "") {
  BinaryOutput o;
  const std::string cmd = "exec env " + env + " " + RECON_BINARY + " " + args + " 2>&1";
  FILE* p = popen(cmd.c_str(), "r");
  char buf[4096];
  while (std::size_t n = fread(buf, 1, sizeof buf, p)) o.text.append(buf, n);
  const int st = pclose(p);
  if (WIFEXITED(st)) o.status = WEXITSTATUS(st);
  if (WIFSIGNALED(st)) o.signal = WTERMSIG(st);
  return o;
}

inline std::string read_whole_file(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_whole_file(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p, std::ios::binary) << text;
}

}  // namespace recon::test_support
