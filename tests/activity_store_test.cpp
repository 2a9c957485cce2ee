// The patient-partitioned store keeps every record and its id whether or not it spilled to disk.
#include "recon/activity_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <unistd.h>

namespace recon {
namespace {

std::vector<std::string> ids_of(const ActivityPartition& p) {
  std::vector<std::string> out;
  for (const Activity& a : p.rows) out.emplace_back(p.id_of(a));
  return out;
}

TEST(ActivityStore, SpillsUnderTheBudgetAndGivesBackEveryRecordInOrder) {
  const auto dir = std::filesystem::temp_directory_path() / ("recon_store_test_" + std::to_string(::getpid()));
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
