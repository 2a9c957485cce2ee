// The patient-partitioned store keeps every record and its id whether or not it spilled to disk.
#include "recon/engine/activity_store.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>

namespace recon {
namespace {

std::vector<std::string> ids_of(const ActivityPartition& p) {
  std::vector<std::string> out;
  for (const Activity& a : p.rows) out.emplace_back(p.id_of(a));
  return out;
}

TEST(ActivityStore, SpillsUnderTheBudgetAndGivesBackEveryRecordInOrder) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("recon_store_test_" + std::to_string(::getpid()));
  std::vector<std::vector<std::string>> expected(ActivityStore::kPartitions);
  {
    ActivityStore store(/*budget=*/10 * sizeof(Activity), dir);  // spills every ~10 records
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
TEST(ActivityStore, ALargeSpilledPartitionComesBackInPiecesWithEachPatientWhole) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("recon_store_pieces_" + std::to_string(::getpid()));
  {
    ActivityStore store(/*budget=*/64 * sizeof(Activity), dir);
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
