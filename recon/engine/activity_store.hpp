#pragma once
// The compact activity records kept for the cross-record rules, partitioned by patient: partition =
// xxHash64(NHS number) mod kPartitions, so one patient's whole history (APC, OP, A&E) is in one partition and
// partitions can be processed in parallel without sharing anything.
//
// Memory stays bounded whatever the input size: when the records held exceed the budget, every partition's
// records are appended to its own spill file and dropped from memory. The patient stage then loads one
// partition at a time per thread, so peak memory is about budget + threads x (largest partition).
//
// A big spill is written by a thread of the store's own while the ingest goes on adding: add() runs in the
// ingest's serial in-order stage, where writing ~700 MB (a 10M-row run's one spill) cost ~1 s that no other
// thread could share. The records being written still count as held until each partition is written and
// freed, and add() waits whenever the held bytes pass the budget, so the bound is the same as before.
#include <array>
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
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "core/records.hpp"

namespace recon {

// One partition's records; Activity::id indexes `ids`.
struct ActivityPartition {
  std::vector<Activity> rows;
  std::string ids;
  std::string_view id_of(const Activity& a) const {
    return std::string_view(ids).substr(a.id.offset, a.id.length);
  }
};

class ActivityStore {
 public:
  static constexpr std::size_t kPartitions = 256;
  static std::size_t partition_of(NhsNumber nhs);

  // `spill_dir` is created (0700, must not exist yet) on the first spill and removed with the store; spill
  // files are 0600.
  // A spill of at least `background_spill_bytes` is written by the store's writer thread, a smaller one by
  // add() itself (tests pass 0 to have every spill written in the background).
  static constexpr std::uint64_t kBackgroundSpillBytes = 64u << 20;
  ActivityStore(std::uint64_t memory_budget_bytes, std::filesystem::path spill_dir,
                std::uint64_t background_spill_bytes = kBackgroundSpillBytes);
  ~ActivityStore();
  ActivityStore(const ActivityStore&) = delete;
  ActivityStore& operator=(const ActivityStore&) = delete;

  // What else --memory-mb holds (the challenge list): the store spills when its records and that together
  // pass the budget. Set before the first add.
  void share_budget_with(std::function<std::uint64_t()> others_held) {
    others_held_ = std::move(others_held);
  }
  // Serial (the ingest's in-order stage). May spill, or wait for a spill being written. Throws FatalError
  // if a spill file could not be written (this spill's or an earlier one's).
  void add(Activity a, std::string_view id);

  // Where each partition's rows start in a batch sorted by partition, and where they end (the last entry).
  using PartitionStarts = std::array<std::uint32_t, kPartitions + 1>;
  // Sorts a batch of records by partition, keeping their order within each, and re-packs `ids` (which each
  // record's id indexes) in the same order, so that every partition's ids are one contiguous run. Any
  // thread: the ingest does it in its parallel stage, so that the serial stage only appends.
  static void sort_by_partition(std::vector<Activity>& rows, std::string& ids, PartitionStarts& starts);
  // The same as add() for each record in turn, for a batch sort_by_partition() has sorted: each
  // partition's run is appended whole, and the budget checked once, after the batch.
  void add_sorted(std::span<const Activity> rows, std::string_view ids, const PartitionStarts& starts);
  // After the last add: waits for a spill being written; throws FatalError if it could not be. take() and
  // take_in_pieces() wait too, but a run must know of a failed spill even if it takes no partition.
  void finish_adding();
  // The whole of partition i (spilled segments first, in the order they were added); once per partition.
  // Safe to call concurrently for different partitions.
  ActivityPartition take(std::size_t i);
  // The same records, handed to `use` in pieces of about `max_piece_bytes` or less when the partition was
  // spilled and is larger than that: a partition is 1/256 of the input, so without pieces the patient
  // stage's memory would grow with the input (about 17 MB a partition per thread at 50M rows). Pieces are a
  // second split by the NHS number's hash, so every patient is whole in one piece; they are written to
  // private files beside the spill file and read back one at a time. Safe to call concurrently for different
  // partitions; once per partition.
  void take_in_pieces(std::size_t i, std::uint64_t max_piece_bytes,
                      const std::function<void(ActivityPartition&)>& use);
  int pieces_split() const { return pieces_split_.load(std::memory_order_relaxed); }

  // Bytes of records held in memory now (what the budget counts), a spill being written included; falls as
  // the spill is written and as take() hands partitions out.
  // Safe to read from any thread: the challenge list is allowed what the store leaves of the budget.
  std::uint64_t held_bytes() const { return held_bytes_.load(std::memory_order_relaxed); }
  std::uint64_t records() const { return records_; }
  std::uint64_t spilled_records() const { return spilled_records_; }
  int spills() const { return spills_; }

 private:
  struct Held;
  std::uint32_t append_ids(Held& p, std::string_view ids);  // returns where they start in p.ids
  void append_row(Held& p, const Activity& a);              // its id already points into p.ids
  void keep_within_budget();                                // after adding: spills (or waits) if over
  std::uint64_t allowance() const;          // what the store may hold now, the others' share taken
  void make_room(std::uint64_t allowance);  // called when the held bytes pass `allowance`
  void spill();                             // hands every partition held to the writer; it must be idle
  void write_spills();                      // the writer thread's loop
  void write_spill();                       // writes what spill() handed over, freeing it as it goes
  void wait_for_writer();                   // until no spill is being written; rethrows a writer's error
  std::filesystem::path spill_path(std::size_t i) const;
  std::uint64_t counted_bytes(const Held& p) const;  // what add() counted in held_bytes_ for p
  void release_held(std::size_t i);  // forget partition i's in-memory rows, and their bytes in held_bytes_

  // Rows are kept in fixed-size blocks, not a growing vector: no doubling slack, no copying on growth, and
  // the bytes held are exactly what the budget counts.
  // A block's rows: 128, or fewer under a small budget, where 256 partitions' part-filled blocks of 128
  // would alone pass the budget and make the store spill after every few dozen records (a quarter of the
  // budget is the most the blocks' slack may take).
  static constexpr std::size_t kMaxBlockRows = 128;
  std::uint64_t background_spill_bytes_;
  std::size_t block_rows_;
  struct Held {
    std::vector<std::unique_ptr<Activity[]>> blocks;
    std::size_t rows = 0;
    std::string ids;
    // Frees the memory, not just the size. Not `held = Held{}`: a std::string assigned an empty one may keep
    // its buffer (libstdc++ does), which add() would then not count and release_held() would subtract.
    void free_memory() {
      std::vector<std::unique_ptr<Activity[]>>().swap(blocks);
      std::string().swap(ids);
      rows = 0;
    }
    void take_from(Held& other) {  // this one empty: other's contents move here, and other is left empty
      blocks.swap(other.blocks);
      ids.swap(other.ids);
      rows = std::exchange(other.rows, 0);
    }
  };
  std::array<Held, kPartitions> partitions_;
  std::array<bool, kPartitions> has_spill_{};
  // The spill being written: the partitions handed over (empty when written), and whether each one's file
  // is new. Guarded by mutex_ while writing_now_ changes; the writer alone touches them while it is true.
  std::array<Held, kPartitions> writing_;
  std::array<bool, kPartitions> first_segment_{};
  std::mutex mutex_;
  std::condition_variable changed_;  // a spill handed over or a partition of it written, or stopping
  bool writing_now_ = false, stopping_ = false;
  std::uint64_t wake_below_ = 0;  // add() waits for the held bytes to fall to this
  std::exception_ptr write_error_;
  std::thread writer_;  // started by the first spill, joined by the destructor
  std::uint64_t budget_, records_ = 0, spilled_records_ = 0;
  std::atomic<std::uint64_t> held_bytes_ = 0;
  std::function<std::uint64_t()> others_held_;
  int spills_ = 0;
  std::atomic<int> pieces_split_ = 0;  // partitions handed out in pieces
  std::filesystem::path spill_dir_;
  bool spill_dir_created_ = false;  // by this store (0700), so it is this store's to remove
};

}  // namespace recon
