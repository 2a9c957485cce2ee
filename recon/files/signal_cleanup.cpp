#include "recon/files/signal_cleanup.hpp"

#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace recon {
namespace fs = std::filesystem;
namespace {

constexpr int kSignals[] = {SIGINT, SIGTERM, SIGHUP};

std::mutex registry_mutex;
std::mutex critical_mutex;  // held by DeferSignalCleanup
std::vector<fs::path>& registry() {
  static auto* paths = new std::vector<fs::path>;  // never destroyed: the clean-up thread may outlive main
  return *paths;
}
std::atomic<bool> terminating{false};

sigset_t cleanup_signals() {
  sigset_t set;
  sigemptyset(&set);
  for (int s : kSignals) sigaddset(&set, s);
  return set;
}

void remove_registered() {
  std::lock_guard lock(registry_mutex);
  for (const fs::path& p : registry()) {
    std::error_code ec;
    fs::path doomed = p;
    doomed += ".dead";
    fs::rename(p, doomed, ec);
    fs::remove_all(ec ? p : doomed, ec);
  }
}

[[noreturn]] void wait_and_clean() {
  const sigset_t set = cleanup_signals();
  int sig = 0;
  while (sigwait(&set, &sig) != 0) {
  }
  terminating = true;
  {
    std::lock_guard wait_for_critical(critical_mutex);
    remove_registered();
  }
  // Die by the same signal: default action, unblocked in this thread, raised at this thread.
  signal(sig, SIG_DFL);
  sigset_t one;
  sigemptyset(&one);
  sigaddset(&one, sig);
  pthread_sigmask(SIG_UNBLOCK, &one, nullptr);
  raise(sig);
  _exit(128 + sig);  // not reached: the default action of all three is to terminate
}

}  // namespace

void install_signal_cleanup() {
  const sigset_t set = cleanup_signals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);  // inherited by every thread created from here on
  std::thread(wait_and_clean).detach();
}

RemoveOnSignal::RemoveOnSignal(fs::path path) : path_(std::move(path)) {
  std::lock_guard lock(registry_mutex);
  registry().push_back(path_);
}

RemoveOnSignal::~RemoveOnSignal() {
  std::lock_guard lock(registry_mutex);
  auto& r = registry();
  r.erase(std::find(r.begin(), r.end(), path_));
}

DeferSignalCleanup::DeferSignalCleanup() { critical_mutex.lock(); }
DeferSignalCleanup::~DeferSignalCleanup() { critical_mutex.unlock(); }

bool terminating_by_signal() { return terminating; }

void wait_for_signal_death() {
  for (;;) pause();  // the signal is blocked here; the clean-up thread ends the process
}

}  // namespace recon
