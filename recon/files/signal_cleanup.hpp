#pragma once
// SIGINT, SIGTERM and SIGHUP must not leave NHS numbers behind in --out (staged outputs, spill files).
//
// install_signal_cleanup() (first thing in main, before any other thread exists) blocks those signals in
// every thread and starts one thread that waits for them with sigwait. On a signal that thread removes every
// registered path with ordinary code (no async-signal-safety limits, as a handler would have), then restores
// the default action and re-raises the signal, so the exit status says "killed by SIGTERM" as before.
//
// Each path is first renamed to a ".dead" name, then removed: a worker thread still writing by name then
// fails to create files under the old name instead of recreating the tree behind the remover.
#include <filesystem>

namespace recon {

void install_signal_cleanup();

// Registers `path` (a directory tree or file) for removal on a signal, for the lifetime of this object.
class RemoveOnSignal {
 public:
  explicit RemoveOnSignal(std::filesystem::path path);
  ~RemoveOnSignal();
  RemoveOnSignal(const RemoveOnSignal&) = delete;
  RemoveOnSignal& operator=(const RemoveOnSignal&) = delete;

 private:
  std::filesystem::path path_;
};

// While one exists, a signal's clean-up waits: publishing the outputs (a few renames) finishes first, so a
// signal never leaves a half-published set whose staged remainder it has just deleted.
class DeferSignalCleanup {
 public:
  DeferSignalCleanup();
  ~DeferSignalCleanup();
  DeferSignalCleanup(const DeferSignalCleanup&) = delete;
  DeferSignalCleanup& operator=(const DeferSignalCleanup&) = delete;
};

// True once a signal is being handled: the process is about to die by it, so an error caused by the
// clean-up (a file vanished under a writer) must not be reported, nor turn into a normal exit status.
bool terminating_by_signal();
// Blocks the calling thread until the clean-up thread has re-raised the signal (which ends the process).
[[noreturn]] void wait_for_signal_death();

}  // namespace recon
