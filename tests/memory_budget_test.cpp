// --memory-mb covers the practice lists: they are charged first and the patient store and the challenge
// list share the rest (recon/engine/memory_budget.hpp), so that a referral log growing with the activity
// does not grow the peak past the budget.
#include "recon/engine/memory_budget.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <regex>
#include <string>

#include "core/practice.hpp"
#include "tests/recon_binary.hpp"

namespace recon {
namespace {

constexpr std::uint64_t kMiB = std::uint64_t{1} << 20;

TEST(MemoryBudget, PracticeListsAreChargedFirst) {
  EXPECT_EQ(activity_budget(1024 * kMiB, 0), 1024 * kMiB);
  EXPECT_EQ(activity_budget(1024 * kMiB, 100 * kMiB), 924 * kMiB);
  EXPECT_EQ(activity_budget(1024 * kMiB, 768 * kMiB), 256 * kMiB);
}

TEST(MemoryBudget, TheStoreAndListKeepAQuarterHoweverLargeTheLists) {
  EXPECT_EQ(activity_budget(1024 * kMiB, 769 * kMiB), 256 * kMiB);
  EXPECT_EQ(activity_budget(1024 * kMiB, 1024 * kMiB), 256 * kMiB);
  EXPECT_EQ(activity_budget(1024 * kMiB, 5000 * kMiB), 256 * kMiB);
}

TEST(MemoryBudget, ATinyBudgetIsLeftWhole) {  // --memory-mb 1 and 2 mean what they meant before
  EXPECT_EQ(activity_budget(1 * kMiB, 300 * kMiB), 1 * kMiB);
  EXPECT_EQ(activity_budget(2 * kMiB, 300 * kMiB), 1 * kMiB);
  EXPECT_EQ(activity_budget(2 * kMiB, kMiB / 2), 3 * kMiB / 2);
  EXPECT_EQ(activity_budget(4 * kMiB, 300 * kMiB), 1 * kMiB);
  EXPECT_EQ(activity_budget(16 * kMiB, 300 * kMiB), 4 * kMiB);
}

TEST(MemoryBudget, PracticeBytesCountTheRowsAndTheirIndexes) {
  PracticeData empty;
  EXPECT_EQ(empty.held_bytes(), 0u);
  PracticeData p;
  for (NhsNumber n = 1; n <= 1000; ++n) {
    p.registrations.push_back({n * 11, Code::of("A81001"), 0, Code::of("1"), 100, kNoDay, kNoDay});
    p.referrals.push_back({n * 11, Code::of("A81001"), 200, Code::of("RTH"), Code::of("110")});
    p.referrals.push_back({n * 11, Code::of("A81001"), 300, Code::of("RTH"), Code::of("120")});
  }
  const std::uint64_t rows = 1000 * sizeof(Registration) + 2000 * sizeof(Referral);
  EXPECT_EQ(p.held_bytes(), rows);  // before sort_all: no index, no practice codes
  p.sort_all();
  // Two indexes of 1,000 patients (at least 2,000 slots of 16 bytes each) and one practice code per list.
  EXPECT_GE(p.held_bytes(), rows + 2 * 2000 * 16 + 2 * sizeof(Code));
  EXPECT_LE(p.held_bytes(), rows + 2 * 4096 * 16 + 2 * sizeof(Code));
}

// The terminal says what the lists took and what the store and list had; outputs do not depend on it.
TEST(MemoryBudget, TheRunSaysWhatThePracticeListsTook) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("recon_memory_budget_" + std::to_string(::getpid()));
  const std::string s = std::string(RECON_SOURCE_DIR) + "/samples";
  const std::string activity = "run --apc " + s + "/apc.csv --op " + s + "/op.csv --ae " + s +
                               "/ae.csv --reference " + s + "/reference --as-of 2026-06-30 --no-progress ";
  const std::string practice = "--register " + s + "/register.csv --referrals " + s +
                               "/referrals.csv --conditions " + s + "/conditions.csv ";
  const auto with =
      test_support::run_recon_binary(activity + practice + "--memory-mb 8 --out " + (dir / "a").string());
  ASSERT_EQ(with.status, 0) << with.text;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(
      with.text, m,
      std::regex(
          R"(practice lists: ([0-9.]+) MiB in memory, charged to --memory-mb; the patient store and the )"
          R"(challenge list had ([0-9.]+) MiB)")))
      << with.text;
  const double lists = std::stod(m[1]), left = std::stod(m[2]);
  EXPECT_GT(lists, 0.0);
  EXPECT_NEAR(left, std::max(8.0 - lists, 2.0), 0.11);

  const auto without =
      test_support::run_recon_binary(activity + "--memory-mb 8 --out " + (dir / "b").string());
  ASSERT_EQ(without.status, 0) << without.text;
  EXPECT_EQ(without.text.find("practice lists:"), std::string::npos) << without.text;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace recon
