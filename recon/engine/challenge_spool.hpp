#pragma once
// The challenge list with bounded memory. A big run finds millions of challenges, each with a reason and
// evidence text (a few hundred bytes): held to the end, they grew the process by tens of MB per million
// activity rows whatever --memory-mb said. The spool keeps them in memory up to a budget; beyond it, it
// sorts what it holds into canonical order (challenge_order) and appends it to a spill file as one sorted
// run. At the end the runs are merged (a k-way merge, at most kFanIn runs at a time, in passes if there are
// more), so the writers receive the whole list in canonical order, a block at a time, and the output is
// byte-identical to sorting the list in memory: challenge_order is a total order over every field.
//
// Spill files hold NHS numbers: they are created 0600 and never over an existing name
// (create_private_file), and removed as soon as they are read and with the spool.
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "core/challenge.hpp"

namespace recon {

// Hands out a challenge list in canonical order, a block at a time.
class ChallengeSource {
 public:
  virtual ~ChallengeSource() = default;
  // The next (up to) `max` challenges; empty at the end. The view points either into the list itself (held
  // in memory) or into `buffer`, which the source refills (a list read back from disk); it is valid until
  // the next call with the same buffer.
  virtual std::span<const Challenge> next(std::size_t max, std::vector<Challenge>& buffer) = 0;
};

// A list held in memory, already in canonical order: views into it, no copies.
class ChallengeListSource final : public ChallengeSource {
 public:
  explicit ChallengeListSource(const std::vector<Challenge>& list) : list_(list) {}
  std::span<const Challenge> next(std::size_t max, std::vector<Challenge>& buffer) override;

 private:
  const std::vector<Challenge>& list_;
  std::size_t next_ = 0;
};

class ChallengeSpool {
 public:
  // Merged at most this many runs at a time (each with a read buffer of kReadBufferBytes: 4 MiB in all). A
  // 100M-row run whose practice lists take most of --memory-mb spills ~540 runs: 64 merge them in one pass
  // to disk and the final merge (16 needed two, and 10 s more).
  static constexpr std::size_t kFanIn = 64;
  static constexpr std::size_t kReadBufferBytes = 64 << 10;
  // The least the spool may hold before it spills, however much of the budget others use: without a floor
  // a store holding all of the budget would make the spool write a run per challenge.
  static constexpr std::uint64_t kMinHeldBytes = 1 << 20;
  // The most the spool holds is budget / kBudgetShare: the rest of the budget stays the patient store's, so
  // a long challenge list never makes the store spill in small pieces.
  static constexpr std::uint64_t kBudgetShare = 4;

  // Spill files are `spill_prefix` + "-<pass>.bin" (created on the first spill). The spool may hold
  // `budget_bytes` less what `others_held()` reports at the time (the patient store, which shares
  // --memory-mb), but no more than budget_bytes / kBudgetShare, and at least `min_held_bytes`.
  ChallengeSpool(std::uint64_t budget_bytes, std::filesystem::path spill_prefix,
                 std::function<std::uint64_t()> others_held = {},
                 std::uint64_t min_held_bytes = kMinHeldBytes);
  ~ChallengeSpool();  // removes its spill files
  ChallengeSpool(const ChallengeSpool&) = delete;
  ChallengeSpool& operator=(const ChallengeSpool&) = delete;

  // Moves `found` into the spool and leaves it empty. Safe to call from several threads. May spill; throws
  // FatalError if a spill file cannot be written.
  void add(std::vector<Challenge>& found);

  // `seen` is shown every challenge added from now on, under the spool's lock (so it need not be
  // thread-safe), before the spool takes it. The invoice stage notes the activity rules' challenges this way.
  void watch(std::function<void(const Challenge&)> seen) { seen_ = std::move(seen); }

  std::uint64_t size() const { return count_; }  // challenges added
  bool spilled() const { return !runs_.empty(); }
  int runs_spilled() const { return runs_spilled_; }  // sorted runs written to disk by add()
  std::uint64_t held_bytes() const { return held_bytes_.load(std::memory_order_relaxed); }
  // What the store sharing the budget must leave room for: what is held, up to the spool's share (beyond
  // it, only the fixed floor, which is overhead, not budget; otherwise a tiny budget would make the store
  // spill on every record).
  std::uint64_t held_within_share() const { return std::min(held_bytes(), budget_ / kBudgetShare); }

  // After the last add: the spool no longer asks others what they hold (they may be gone by the time the
  // list is merged and written).
  void stop_sharing_budget() { others_held_ = {}; }
  // Once, after the last add, when nothing was spilled: the whole list in canonical order.
  std::vector<Challenge> take_sorted();
  // Once, after the last add: the whole list in canonical order, merged from disk and from what is still
  // held (sorted, merged from memory). The source must not outlive the spool.
  std::unique_ptr<ChallengeSource> merged();

 private:
  struct Run {
    std::uint64_t offset = 0, bytes = 0;
  };
  class Merger;

  void spill_held();  // under mutex_
  std::filesystem::path pass_path(int pass) const;
  std::uint64_t allowance() const;

  std::mutex mutex_;
  std::vector<Challenge> held_;
  std::uint64_t budget_, min_held_bytes_, strings_bytes_ = 0, count_ = 0;
  std::atomic<std::uint64_t> held_bytes_ = 0;  // read by the store without the mutex
  std::function<std::uint64_t()> others_held_;
  std::function<void(const Challenge&)> seen_;
  std::filesystem::path spill_prefix_;
  int fd_ = -1;  // the pass-0 spill file, written
  std::uint64_t file_bytes_ = 0;
  std::vector<Run> runs_;
  int runs_spilled_ = 0;
  int passes_ = 0;  // spill files created: pass_path(0 .. passes_-1)
};

// Bytes a challenge holds in memory: the struct and its strings' heap buffers.
std::uint64_t challenge_heap_bytes(const Challenge& c);

}  // namespace recon
