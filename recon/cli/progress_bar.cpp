#include "recon/cli/progress_bar.hpp"

#include <unistd.h>

#include <cstdio>

namespace recon {

ProgressBar::ProgressBar(std::uint64_t total_bytes, bool wanted)
    : enabled_(wanted && ::isatty(STDERR_FILENO)), total_(total_bytes ? total_bytes : 1) {
  start_ = last_draw_ = std::chrono::steady_clock::now();
}

void ProgressBar::add(std::uint64_t bytes) {
  if (!enabled_) return;
  done_ += bytes;
  draw(false);
}

void ProgressBar::draw(bool force) {
  std::lock_guard lock(mu_);
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  const double frac = std::min(1.0, static_cast<double>(done_) / static_cast<double>(total_));
  const double secs = std::chrono::duration<double>(now - start_).count();
  const int width = 40, filled = static_cast<int>(frac * width);
  char bar[width + 1];
  for (int i = 0; i < width; ++i) bar[i] = i < filled ? '#' : '.';
  bar[width] = 0;
  std::fprintf(stderr, "\r[%s] %5.1f%%  %.0f MB/s ", bar, frac * 100.0,
               secs > 0 ? static_cast<double>(done_) / 1e6 / secs : 0.0);
  drawn_ = true;
}

void ProgressBar::finish() {
  if (!enabled_ || !drawn_) return;
  draw(true);
  std::fprintf(stderr, "\n");
  drawn_ = false;
  enabled_ = false;
}

}  // namespace recon
