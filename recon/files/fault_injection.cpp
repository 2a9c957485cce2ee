#include "recon/files/fault_injection.hpp"

#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

#include "recon/files/signal_cleanup.hpp"

namespace recon {
namespace {

struct Plan {
  std::string point;
  long at = 0;  // 0: no fault planned
  int signal = SIGKILL;
};

Plan read_plan() {
  Plan p;
  const char* at = std::getenv("RECON_TEST_DIE_AT");
  if (!at) return p;
  const std::string s(at);
  const auto colon = s.rfind(':');
  if (colon == std::string::npos) return p;
  p.point = s.substr(0, colon);
  p.at = std::strtol(s.c_str() + colon + 1, nullptr, 10);
  if (const char* with = std::getenv("RECON_TEST_DIE_WITH")) {
    if (!std::strcmp(with, "TERM")) p.signal = SIGTERM;
    if (!std::strcmp(with, "INT")) p.signal = SIGINT;
    if (!std::strcmp(with, "HUP")) p.signal = SIGHUP;
  }
  return p;
}

const Plan& plan() {
  static const Plan p = read_plan();
  return p;
}
std::atomic<long> reached{0};

}  // namespace

void fault_point(const char* point) {
  const Plan& p = plan();
  if (p.at <= 0 || p.point != point) return;
  if (reached.fetch_add(1) + 1 != p.at) return;
  ::kill(::getpid(), p.signal);  // process-directed: the clean-up thread takes it
  wait_for_signal_death();
}

std::uint64_t background_spill_bytes(std::uint64_t normal) {
  const char* bytes = std::getenv("RECON_TEST_BACKGROUND_SPILL_BYTES");
  return bytes && *bytes ? std::strtoull(bytes, nullptr, 10) : normal;
}

}  // namespace recon
