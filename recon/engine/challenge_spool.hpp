#pragma once
// The challenge list with bounded memory. A big run finds millions of challenges, each with a reason and
// evidence text (a few hundred bytes): held to the end, they grew the process by tens of MB per million
// activity rows whatever --memory-mb said. The spool keeps them in memory up to a budget; beyond it, it
// sorts what it holds into canonical order (challenge_order) and appends it to a spill file as one sorted
// run. At the end the runs are merged (a k-way merge, at most kFanIn runs at a time, in passes if there are
// more), so the writers receive the whole list in canonical order, a block at a time, and the output is
// byte-identical to sorting the list in memory: challenge_order is a total order over every field.
//
// A large run (at least `background_spill_bytes`) is sorted and written by the spool's own writer thread
// while the chunks go on arriving: add() runs in the ingest's serial merge stage, where sorting and writing
// 250k challenges stopped every thread for ~0.1 s per run. The writer is handed a run once the spool holds
// half its allowance, so the next half fills while it writes; what it holds counts until written.
// Chunks' lists are kept as they come (a list per add), not moved challenge by challenge into one growing
// vector: a spill or the end sorts pointers to them, then moves each challenge once.
//
// Spill files hold NHS numbers: they are created 0600 and never over an existing name
// (create_private_file), and removed as soon as they are read and with the spool.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <thread>
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
  // A run of at least this many bytes is written by the writer thread, a smaller one by add() itself: under
  // a small budget the spool spills every few hundred challenges, faster than a thread could take them.
  static constexpr std::uint64_t kBackgroundSpillBytes = 32u << 20;

  // Spill files are `spill_prefix` + "-<pass>.bin" (created on the first spill). The spool may hold
  // `budget_bytes` less what `others_held()` reports at the time (the patient store, which shares
  // --memory-mb), but no more than budget_bytes / kBudgetShare, and at least `min_held_bytes`. Runs of at
  // least `background_spill_bytes` are written by the writer thread (tests pass 0: every run).
  ChallengeSpool(std::uint64_t budget_bytes, std::filesystem::path spill_prefix,
                 std::function<std::uint64_t()> others_held = {},
                 std::uint64_t min_held_bytes = kMinHeldBytes,
                 std::uint64_t background_spill_bytes = kBackgroundSpillBytes);
  ~ChallengeSpool();  // stops the writer; removes its spill files
  ChallengeSpool(const ChallengeSpool&) = delete;
  ChallengeSpool& operator=(const ChallengeSpool&) = delete;

  // Moves `found` into the spool and leaves it empty. Safe to call from several threads. May spill (or wait
  // for the writer to finish a run); throws FatalError if a spill file cannot be written, here or by the
  // writer.
  void add(std::vector<Challenge>& found);

  // `seen` is shown every challenge added from now on, under the spool's lock (so it need not be
  // thread-safe), before the spool takes it. The invoice stage notes the activity rules' challenges this way.
  void watch(std::function<void(const Challenge&)> seen) { seen_ = std::move(seen); }

  std::uint64_t size() const { return count_; }  // challenges added
  // Waits for a run being written; rethrows the writer's error. spilled(), runs_spilled(), take_sorted() and
  // merged() call it first, so a failed write is reported by whichever the run calls after its last add.
  void finish_adding();
  bool spilled();      // runs were written (or handed to the writer)
  int runs_spilled();  // sorted runs written to disk
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

  using Batches = std::vector<std::vector<Challenge>>;

  // Under mutex_ (`lock` holds it):
  void hold_one_by_one(std::vector<Challenge>& found, std::unique_lock<std::mutex>& lock);
  void spill_held(std::unique_lock<std::mutex>& lock);  // all that is held: here, or by the writer
  void wait_for_writer(std::unique_lock<std::mutex>& lock);
  void update_held_bytes() { held_bytes_ = own_bytes_ + writing_bytes_; }

  void write_spills();                              // the writer thread's loop
  void write_run(Batches& batches, bool parallel);  // sorts and appends one run; frees the batches
  std::filesystem::path pass_path(int pass) const;
  std::uint64_t allowance() const;
  std::vector<Challenge> take_held_sorted();  // what is held, in canonical order, as one list

  std::mutex mutex_;
  std::condition_variable changed_;  // a run handed to the writer, a run written, or stopping
  Batches held_;                     // the lists added, as they came
  std::vector<Challenge> last_;      // merged(): what was held at the end, sorted
  bool tail_is_ours_ = false;        // held_.back() was made by hold_one_by_one, which may append to it
  std::uint64_t budget_, min_held_bytes_, background_spill_bytes_, count_ = 0;
  std::uint64_t own_bytes_ = 0;                // held_: the challenges' strings and the lists' capacity
  std::uint64_t writing_bytes_ = 0;            // the run the writer holds, until it is written
  std::atomic<std::uint64_t> held_bytes_ = 0;  // own + writing; read by the store without the mutex
  Batches writing_;  // the run handed to the writer; the writer alone touches it while writing_now_
  bool writing_now_ = false, stopping_ = false;
  std::exception_ptr write_error_;
  std::thread writer_;  // started by the first run written in the background
  std::function<std::uint64_t()> others_held_;
  std::function<void(const Challenge&)> seen_;
  std::filesystem::path spill_prefix_;
  // The pass-0 spill file and its runs: written by one of add() and the writer at a time (add() writes a run
  // only when the writer is idle).
  int fd_ = -1;
  std::uint64_t file_bytes_ = 0;
  std::vector<Run> runs_;
  int runs_spilled_ = 0;  // runs written or handed to the writer
  int passes_ = 0;        // spill files created: pass_path(0 .. passes_-1)
};

// Bytes a challenge holds in memory: the struct and its strings' heap buffers.
std::uint64_t challenge_heap_bytes(const Challenge& c);

}  // namespace recon
