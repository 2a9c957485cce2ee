#pragma once
// A progress bar on stderr, drawn only when stderr is a terminal (never into logs or CI output).
#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

namespace recon {

class ProgressBar {
 public:
  ProgressBar(std::uint64_t total_bytes, bool wanted);
  ~ProgressBar() { finish(); }
  void add(std::uint64_t bytes);
  void finish();

 private:
  void draw(bool force);
  bool enabled_;
  std::uint64_t total_;
  std::atomic<std::uint64_t> done_{0};
  std::mutex mu_;
  std::chrono::steady_clock::time_point start_, last_draw_;
  bool drawn_ = false;
};

}  // namespace recon
