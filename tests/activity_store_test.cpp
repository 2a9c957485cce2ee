// The patient-partitioned store keeps every record and its id whether or not it spilled to disk.
#include "recon/engine/activity_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "parsers/fatal_error.hpp"

namespace recon {
namespace {

std::vector<std::string> ids_of(const ActivityPartition& p) {
  std::vector<std::string> out;
  for (const Activity& a : p.rows) out.emplace_back(p.id_of(a));
  return out;
}

Activity record_of(int i) {
  Activity a;
  a.nhs = 4000000000ull + static_cast<NhsNumber>(i % 997);
  a.start = i;
  return a;
}
// Ids longer than a std::string's small buffer, so each partition's ids live on the heap.
std::string long_id(int i) { return "RECORD-ID-WITH-A-LONG-PREFIX-" + std::to_string(i); }

// Each test that spills runs twice: every spill written by the store's writer thread, and every one (these
// budgets are small) written by add() itself.
class ActivityStoreSpills : public ::testing::TestWithParam<std::uint64_t> {
 protected:
  std::uint64_t background_spill_bytes() const { return GetParam(); }
};
INSTANTIATE_TEST_SUITE_P(WrittenBy, ActivityStoreSpills,
                         ::testing::Values(std::uint64_t{0}, ActivityStore::kBackgroundSpillBytes),
                         [](const auto& info) { return info.param == 0 ? "TheWriterThread" : "Add"; });

TEST_P(ActivityStoreSpills, SpillsUnderTheBudgetAndGivesBackEveryRecordInOrder) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("recon_store_test_" + std::to_string(::getpid()));
  std::vector<std::vector<std::string>> expected(ActivityStore::kPartitions);
  {
    ActivityStore store(/*budget=*/10 * sizeof(Activity), dir, background_spill_bytes());  // every ~10
    for (int i = 0; i < 1000; ++i) {
      Activity a;
      a.nhs = 4000000000ull + static_cast<NhsNumber>(i % 37);
      a.start = i;
      std::string id = "R" + std::to_string(i);
      expected[ActivityStore::partition_of(a.nhs)].push_back(id);
      store.add(a, id);
    }
    EXPECT_GT(store.spills(), 10);
    EXPECT_EQ(store.records(), 1000u);
    EXPECT_TRUE(std::filesystem::exists(dir));
    std::size_t total = 0;
    for (std::size_t i = 0; i < ActivityStore::kPartitions; ++i) {
      ActivityPartition p = store.take(i);
      EXPECT_EQ(ids_of(p), expected[i]) << "partition " << i;
      total += p.rows.size();
    }
    EXPECT_EQ(total, 1000u);
  }
  EXPECT_FALSE(std::filesystem::exists(dir)) << "spill files are removed with the store";
}

// A spilled partition larger than the piece size comes back in pieces: every record once, each patient's
// records whole in one piece and in the order they were added, no piece much over the size, no file left.
TEST_P(ActivityStoreSpills, ALargeSpilledPartitionComesBackInPiecesWithEachPatientWhole) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("recon_store_pieces_" + std::to_string(::getpid()));
  {
    ActivityStore store(/*budget=*/64 * sizeof(Activity), dir, background_spill_bytes());
    std::map<NhsNumber, std::vector<std::string>> expected;  // of partition 0
    int added = 0;
    for (NhsNumber nhs = 4000000000ull; added < 3000; ++nhs) {
      if (ActivityStore::partition_of(nhs) != 0) continue;
      for (int k = 0; k < 3; ++k, ++added) {
        Activity a;
        a.nhs = nhs;
        const std::string id = "R" + std::to_string(added);
        expected[nhs].push_back(id);
        store.add(a, id);
      }
    }
    ASSERT_GT(store.spills(), 0);
    const std::uint64_t piece_bytes = 200 * sizeof(Activity);
    std::map<NhsNumber, std::vector<std::string>> got;
    int pieces = 0;
    store.take_in_pieces(0, piece_bytes, [&](ActivityPartition& part) {
      ++pieces;
      EXPECT_LT(part.rows.size() * sizeof(Activity), 2 * piece_bytes) << "a piece about the size asked";
      std::set<NhsNumber> in_this_piece;
      for (const Activity& a : part.rows) {
        if (in_this_piece.insert(a.nhs).second) {
          EXPECT_EQ(got.count(a.nhs), 0u) << "a patient in two pieces";
        }
        got[a.nhs].emplace_back(part.id_of(a));
      }
    });
    EXPECT_GT(pieces, 10);
    EXPECT_EQ(store.pieces_split(), 1);
    EXPECT_EQ(got, expected);
    for (const auto& entry : std::filesystem::directory_iterator(dir))
      ADD_FAILURE() << "left behind: " << entry.path();
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

// What the store counts as held goes back to exactly zero once every partition is taken, however many spills
// came between (a partition's ids once kept their buffer through a spill: the count then went below zero,
// and the challenge list, allowed what the store leaves, spilled in tiny runs for the rest of the run). The
// held count passes the budget by no more than one add's growth (a block, an id buffer's doubling), also
// while a spill is being written (its records count until each partition is written and freed).
TEST_P(ActivityStoreSpills, HeldBytesStayWithinTheBudgetAndReturnToZero) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("recon_store_held_" + std::to_string(::getpid()));
  constexpr std::uint64_t kBudget = 1 << 20;
  {
    ActivityStore store(kBudget, dir, background_spill_bytes());
    std::uint64_t most = 0;
    for (int i = 0; i < 60000; ++i) {
      store.add(record_of(i), long_id(i));
      most = std::max(most, store.held_bytes());
    }
    store.finish_adding();
    EXPECT_GT(store.spills(), 3);
    EXPECT_LE(most, kBudget + (64 << 10)) << "held " << most;
    EXPECT_GT(store.held_bytes(), 0u);
    std::uint64_t rows = 0;
    for (std::size_t i = 0; i < ActivityStore::kPartitions; ++i) {
      const ActivityPartition p = store.take(i);
      for (const Activity& a : p.rows) EXPECT_EQ(p.id_of(a), long_id(static_cast<int>(a.start)));
      rows += p.rows.size();
    }
    EXPECT_EQ(rows, 60000u);
    EXPECT_EQ(store.held_bytes(), 0u);
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
}

// A spill that cannot be written stops the run, also when the writer thread wrote it: from the next add()
// that needs room or from finish_adding(), never silently.
TEST_P(ActivityStoreSpills, ASpillThatCannotBeWrittenIsAFatalError) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("recon_store_unwritable_" + std::to_string(::getpid()));
  ActivityStore store(64 << 10, dir, background_spill_bytes());
  int i = 0;
  while (store.spills() == 0) store.add(record_of(i), long_id(i)), ++i;
  store.finish_adding();
  std::filesystem::remove_all(dir);  // as the signal clean-up does: the store must not recreate it
  EXPECT_THROW(
      {
        for (int more = 0; more < 100000; ++more, ++i) store.add(record_of(i), long_id(i));
        store.finish_adding();
      },
      FatalError);
  EXPECT_FALSE(std::filesystem::exists(dir));
}

// A chunk's records sorted by partition in the parallel stage and appended a partition at a time give every
// partition exactly what adding them one by one gives: the same records, ids and order, spilled or not.
TEST_P(ActivityStoreSpills, AddingASortedBatchEqualsAddingEachRecord) {
  const auto base =
      std::filesystem::temp_directory_path() / ("recon_store_sorted_" + std::to_string(::getpid()));
  std::filesystem::create_directories(base);
  ActivityStore one_by_one(32 << 10, base / "a", background_spill_bytes());
  ActivityStore batched(32 << 10, base / "b", background_spill_bytes());
  int next = 0;
  for (int batch = 0; batch < 12; ++batch) {
    std::vector<Activity> rows;
    std::string ids;
    for (int k = 0; k < 37 + batch * 61; ++k, ++next) {
      Activity a = record_of(next * 7919);
      const std::string id = next % 5 == 0 ? std::string() : long_id(next).substr(0, 1 + next % 40);
      one_by_one.add(a, id);
      a.id = StrRef{static_cast<std::uint32_t>(ids.size()), static_cast<std::uint32_t>(id.size())};
      ids += id;
      rows.push_back(a);
    }
    ActivityStore::PartitionStarts starts;
    ActivityStore::sort_by_partition(rows, ids, starts);
    EXPECT_EQ(starts.back(), rows.size());
    for (std::size_t i = 0; i < ActivityStore::kPartitions; ++i)
      for (std::size_t r = starts[i]; r < starts[i + 1]; ++r)
        ASSERT_EQ(ActivityStore::partition_of(rows[r].nhs), i);
    batched.add_sorted(rows, ids, starts);
  }
  one_by_one.finish_adding();
  batched.finish_adding();
  EXPECT_GT(batched.spills(), 0);
  EXPECT_EQ(batched.records(), one_by_one.records());
  for (std::size_t i = 0; i < ActivityStore::kPartitions; ++i) {
    const ActivityPartition want = one_by_one.take(i), got = batched.take(i);
    ASSERT_EQ(got.rows.size(), want.rows.size()) << "partition " << i;
    for (std::size_t r = 0; r < got.rows.size(); ++r) {
      EXPECT_EQ(got.rows[r].start, want.rows[r].start) << "partition " << i << " row " << r;
      EXPECT_EQ(got.id_of(got.rows[r]), want.id_of(want.rows[r])) << "partition " << i << " row " << r;
    }
  }
  EXPECT_EQ(batched.held_bytes(), 0u);
  std::filesystem::remove_all(base);
}

TEST(ActivityStore, NoSpillWithinBudget) {
  ActivityStore store(1 << 20, std::filesystem::temp_directory_path() / "recon_store_unused");
  Activity a;
  a.nhs = 4000000000ull;
  store.add(a, "only");
  EXPECT_EQ(store.spills(), 0);
  ActivityPartition p = store.take(ActivityStore::partition_of(a.nhs));
  EXPECT_EQ(ids_of(p), std::vector<std::string>{"only"});
}

}  // namespace
}  // namespace recon
