// The challenge list with bounded memory (recon/engine/challenge_spool.hpp) and the totals gathered while it
// streams (recon/engine/challenge_totals.hpp): a spilled list must come back exactly as sorting it in memory
// would give it, through spill files only this user can read, which are gone afterwards.
#include "recon/engine/challenge_spool.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>
#include <tuple>

#include "recon/engine/activity_store.hpp"
#include "recon/engine/challenge_totals.hpp"
#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

// A list with everything the canonical order looks at varied, duplicates of records (several rules on one
// record), pattern challenges, and text long enough to live on the heap.
std::vector<Challenge> random_challenges(std::size_t n, unsigned seed) {
  std::mt19937_64 rng(seed);
  auto pick = [&](std::uint64_t k) { return rng() % k; };
  const char* rules[] = {"DUP", "OVERLAP", "NHS_INVALID", "CODE_INVALID", "HRG_CREEP"};
  const char* providers[] = {"RXH", "RA1", "RB2"};
  std::vector<Challenge> out;
  for (std::size_t i = 0; i < n; ++i) {
    Challenge c;
    c.rule = rules[pick(5)];
    c.severity = static_cast<Severity>(pick(3));
    c.dataset = static_cast<Dataset>(pick(3));
    c.pos = pick(50) == 0 ? kNoRecord : SourcePos{pick(3), 2 + pick(n / 2 + 1)};
    c.record_id = c.pos == kNoRecord ? "" : "REC-" + std::to_string(c.pos.line) + "-with-a-longer-suffix";
    c.procode = Code::of(providers[pick(3)]);
    c.gpprac = Code::of("A81001");
    c.nhs = pick(4) ? 9000000000 + pick(1000000) : 0;
    c.activity_date = static_cast<Day>(20000 + pick(400));
    c.charged = static_cast<Pence>(pick(500000));
    c.challenged = static_cast<Pence>(pick(4) ? pick(500000) : 123456);  // many ties for the top list
    c.reason = "Reason " + std::to_string(pick(7)) + std::string(pick(300), 'r');
    c.evidence = pick(3) ? "evidence " + std::to_string(pick(100000)) : "";
    out.push_back(std::move(c));
  }
  return out;
}

bool same(const Challenge& a, const Challenge& b) { return !challenge_order(a, b) && !challenge_order(b, a); }

std::vector<Challenge> read_all(ChallengeSource& source, std::size_t block) {
  std::vector<Challenge> all, buffer;
  for (auto items = source.next(block, buffer); !items.empty(); items = source.next(block, buffer))
    all.insert(all.end(), items.begin(), items.end());
  return all;
}

class ChallengeSpoolTest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_spool_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::size_t files_in_dir() const {
    return static_cast<std::size_t>(std::distance(fs::directory_iterator(dir), fs::directory_iterator()));
  }
};

TEST_F(ChallengeSpoolTest, ASpilledListComesBackInCanonicalOrderExactly) {
  const std::vector<Challenge> list = random_challenges(6000, 1);
  std::vector<Challenge> expected = list;
  std::sort(expected.begin(), expected.end(), challenge_order);

  // A 16 KiB budget: dozens of sorted runs, more than one merge can take, so the merge takes two passes.
  ChallengeSpool spool(16 << 10, dir / "spill", {}, 16 << 10);
  for (std::size_t i = 0; i < list.size(); i += 97) {  // in uneven batches, as chunks and partitions come
    std::vector<Challenge> batch(list.begin() + static_cast<std::ptrdiff_t>(i),
                                 list.begin() + static_cast<std::ptrdiff_t>(std::min(list.size(), i + 97)));
    spool.add(batch);
    EXPECT_TRUE(batch.empty());
  }
  EXPECT_EQ(spool.size(), list.size());
  ASSERT_TRUE(spool.spilled());
  EXPECT_GT(spool.runs_spilled(), static_cast<int>(ChallengeSpool::kFanIn))
      << "the test should need two passes";
  EXPECT_LE(spool.held_bytes(), std::uint64_t{16 << 10}) << "what is held stays within the budget";
  EXPECT_GT(spool.held_bytes(), 0u) << "the test should leave some of the list to merge from memory";

  std::unique_ptr<ChallengeSource> merged = spool.merged();
  const std::vector<Challenge> got = read_all(*merged, 1024);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_TRUE(same(got[i], expected[i])) << "at " << i;
  // Byte for byte in every field, not only equal under the order.
  EXPECT_EQ(got[17].reason, expected[17].reason);
  EXPECT_EQ(got[17].evidence, expected[17].evidence);
  EXPECT_EQ(got.back().record_id, expected.back().record_id);
}

// Every run written by the spool's writer thread (a background threshold of 0), while lists keep coming:
// the same list back, and what is held (including the run being written) never past the budget.
TEST_F(ChallengeSpoolTest, RunsWrittenByTheWriterThreadComeBackInCanonicalOrderExactly) {
  const std::vector<Challenge> list = random_challenges(20000, 11);
  std::vector<Challenge> expected = list;
  std::sort(expected.begin(), expected.end(), challenge_order);
  constexpr std::uint64_t kBudget = 256 << 10;
  ChallengeSpool spool(kBudget * ChallengeSpool::kBudgetShare, dir / "spill", {}, 1, 0);
  for (std::size_t i = 0; i < list.size(); i += 101) {
    std::vector<Challenge> batch(list.begin() + static_cast<std::ptrdiff_t>(i),
                                 list.begin() + static_cast<std::ptrdiff_t>(std::min(list.size(), i + 101)));
    spool.add(batch);
    EXPECT_TRUE(batch.empty());
    ASSERT_LE(spool.held_bytes(), kBudget) << "held and being written, within the spool's share";
  }
  EXPECT_EQ(spool.size(), list.size());
  ASSERT_TRUE(spool.spilled());
  EXPECT_GT(spool.runs_spilled(), 10);
  std::unique_ptr<ChallengeSource> merged = spool.merged();
  const std::vector<Challenge> got = read_all(*merged, 999);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_TRUE(same(got[i], expected[i])) << "at " << i;
  EXPECT_EQ(got[1234].reason, expected[1234].reason);
  EXPECT_EQ(got[1234].evidence, expected[1234].evidence);
}

// The writer cannot create the spill file: the error reaches the thread adding challenges, and nothing is
// written through the planted name.
TEST_F(ChallengeSpoolTest, AWriterThreadsFailureIsReportedToTheAdder) {
  fs::create_symlink(dir / "elsewhere", dir / "spill-0.bin");
  EXPECT_ANY_THROW({
    ChallengeSpool spool(64 << 10, dir / "spill", {}, 1, 0);
    for (int i = 0; i < 20; ++i) {
      std::vector<Challenge> some = random_challenges(50, 12 + static_cast<unsigned>(i));
      spool.add(some);
    }
    spool.finish_adding();
  });
  EXPECT_FALSE(fs::exists(dir / "elsewhere"));
}

// Lists that fit are kept whole, as added (no challenge moved), and come back sorted.
TEST_F(ChallengeSpoolTest, ListsKeptWholeComeBackSorted) {
  const std::vector<Challenge> list = random_challenges(3000, 13);
  ChallengeSpool spool(64 << 20, dir / "spill");
  for (std::size_t i = 0; i < list.size(); i += 250) {
    std::vector<Challenge> batch(list.begin() + static_cast<std::ptrdiff_t>(i),
                                 list.begin() + static_cast<std::ptrdiff_t>(i + 250));
    spool.add(batch);
  }
  EXPECT_FALSE(spool.spilled());
  std::vector<Challenge> expected = list;
  std::sort(expected.begin(), expected.end(), challenge_order);
  const std::vector<Challenge> got = spool.take_sorted();
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t i = 0; i < got.size(); ++i) ASSERT_TRUE(same(got[i], expected[i])) << "at " << i;
  EXPECT_EQ(spool.held_bytes(), 0u);
}

TEST_F(ChallengeSpoolTest, SpillFilesArePrivateAndRemovedWithTheSpool) {
  {
    ChallengeSpool spool(1, dir / "spill", {}, 1);  // every challenge spills
    EXPECT_EQ(files_in_dir(), 0u) << "nothing on disk before the first spill";
    std::vector<Challenge> some = random_challenges(40, 2);
    spool.add(some);
    ASSERT_TRUE(fs::exists(dir / "spill-0.bin"));
    struct stat st {};
    ASSERT_EQ(::stat((dir / "spill-0.bin").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0777, 0600u) << "spill files hold NHS numbers";
    std::unique_ptr<ChallengeSource> merged = spool.merged();
    EXPECT_EQ(read_all(*merged, 7).size(), 40u);
  }
  EXPECT_EQ(files_in_dir(), 0u) << "the spool removes its spill files";
}

TEST_F(ChallengeSpoolTest, ASpillFileThatAlreadyExistsIsNotWrittenThrough) {
  fs::create_symlink(dir / "elsewhere", dir / "spill-0.bin");  // a planted name
  ChallengeSpool spool(1, dir / "spill", {}, 1);
  std::vector<Challenge> some = random_challenges(3, 3);
  EXPECT_ANY_THROW(spool.add(some));
  EXPECT_FALSE(fs::exists(dir / "elsewhere"));
}

TEST_F(ChallengeSpoolTest, WhatOthersHoldOfTheBudgetIsNotTheSpoolsButTheFloorIs) {
  std::uint64_t store_holds = 0;
  ChallengeSpool spool(
      1 << 20, dir / "spill", [&] { return store_holds; }, 8 << 10);
  std::vector<Challenge> some = random_challenges(200, 4);  // ~60 KiB
  spool.add(some);
  EXPECT_FALSE(spool.spilled()) << "the whole budget is free";
  store_holds = (1 << 20) - (4 << 10);  // the store now holds all but 4 KiB: the floor (8 KiB) applies
  some = random_challenges(1, 5);
  spool.add(some);
  EXPECT_TRUE(spool.spilled());
  EXPECT_LE(spool.held_bytes(), std::uint64_t{8 << 10});
}

TEST_F(ChallengeSpoolTest, AListThatFitsIsSortedInMemoryAndNeverTouchesTheDisk) {
  const std::vector<Challenge> list = random_challenges(500, 6);
  ChallengeSpool spool(64 << 20, dir / "spill");
  std::vector<Challenge> copy = list;
  spool.add(copy);
  EXPECT_FALSE(spool.spilled());
  const std::vector<Challenge> got = spool.take_sorted();
  EXPECT_TRUE(std::is_sorted(got.begin(), got.end(), challenge_order));
  EXPECT_EQ(got.size(), list.size());
  EXPECT_EQ(files_in_dir(), 0u);
}

// The patient store counts what the challenge list holds against the same --memory-mb.
TEST_F(ChallengeSpoolTest, ThePatientStoreLeavesRoomForWhatTheListHolds) {
  auto fill = [&](ActivityStore& store, std::uint64_t records) {
    for (std::uint64_t i = 0; i < records; ++i) {  // one patient, one partition: 88 bytes a record + its id
      Activity a{};
      a.nhs = 9434765919;
      store.add(a, "S" + std::to_string(i));
    }
  };
  ActivityStore alone(1 << 20, dir / "alone");
  fill(alone, 7000);  // ~650 KiB
  EXPECT_EQ(alone.spills(), 0) << "7000 records fit in 1 MiB";
  ActivityStore shared(1 << 20, dir / "shared");
  shared.share_budget_with([] { return std::uint64_t{400} << 10; });  // the list holds 400 KiB of it
  fill(shared, 7000);
  EXPECT_GT(shared.spills(), 0) << "the records and the list together pass the budget";
}

// A list that holds the whole budget (its 1 MiB floor at --memory-mb 1) must not leave the store nothing:
// the store keeps half the budget, so it spills every half MiB, not after every record (which made a
// 1M-row run at --memory-mb 1 spill 11,067 times and take four times as long).
TEST_F(ChallengeSpoolTest, AListHoldingTheWholeBudgetStillLeavesTheStoreHalf) {
  ActivityStore store(1 << 20, dir / "crowded");
  store.share_budget_with([] { return std::uint64_t{1} << 20; });
  for (std::uint64_t i = 0; i < 24000; ++i) {  // ~2 MiB of records
    Activity a{};
    a.nhs = 9434765919;
    store.add(a, "S" + std::to_string(i));
  }
  EXPECT_GE(store.spills(), 2);
  EXPECT_LE(store.spills(), 6);
}

// The totals gathered one challenge at a time, against the same figures worked out directly.
TEST(ChallengeTotalsTest, MatchesTheFiguresWorkedOutFromTheWholeList) {
  std::vector<Challenge> list = random_challenges(3000, 7);
  std::sort(list.begin(), list.end(), challenge_order);
  const ChallengeTotals t = ChallengeTotals::of(list);
  EXPECT_EQ(t.count, list.size());

  // Top: largest CHALLENGED first, ties by list index.
  std::vector<std::size_t> order(list.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return list[a].challenged > list[b].challenged; });
  ASSERT_EQ(t.top.size(), ChallengeTotals::kTop);
  for (std::size_t k = 0; k < t.top.size(); ++k) {
    EXPECT_EQ(t.top[k].index, order[k]) << k;
    EXPECT_TRUE(same(t.top[k].challenge, list[order[k]]));
  }

  // Per rule, per provider, and each record counted once at its largest challenge (capped at its charge).
  std::map<std::string, RuleSummary> rules;
  std::map<Code, ProviderChallenges> providers;
  std::map<std::tuple<std::uint64_t, std::uint64_t, int>, std::pair<Code, Pence>> records;
  for (const Challenge& c : list) {
    ++rules[c.rule].challenges;
    rules[c.rule].at_risk += c.challenged;
    ++providers[c.procode].challenges;
    if (c.pos == kNoRecord) {
      providers[c.procode].pattern_at_risk += c.challenged;
      continue;
    }
    auto [it, fresh] =
        records.try_emplace({c.pos.file, c.pos.line, static_cast<int>(c.dataset)}, c.procode, 0);
    it->second.second =
        std::max(it->second.second, std::min(c.challenged, c.charged > 0 ? c.charged : c.challenged));
  }
  for (const auto& [key, rec] : records) {
    ++providers[rec.first].records_challenged;
    providers[rec.first].at_risk += rec.second;
  }
  ASSERT_EQ(t.rules.size(), rules.size());
  for (const auto& [id, r] : rules) {
    EXPECT_EQ(t.rules.at(id).challenges, r.challenges) << id;
    EXPECT_EQ(t.rules.at(id).at_risk, r.at_risk) << id;
  }
  ASSERT_EQ(t.providers.size(), providers.size());
  for (const auto& [code, p] : providers) {
    const ProviderChallenges& q = t.providers.at(code);
    EXPECT_EQ(q.challenges, p.challenges);
    EXPECT_EQ(q.records_challenged, p.records_challenged);
    EXPECT_EQ(q.at_risk, p.at_risk);
    EXPECT_EQ(q.pattern_at_risk, p.pattern_at_risk);
  }
}

TEST(ChallengeTotalsTest, AnEmptyListHasNoTotals) {
  const ChallengeTotals t = ChallengeTotals::of({});
  EXPECT_EQ(t.count, 0u);
  EXPECT_TRUE(t.top.empty());
  EXPECT_TRUE(t.rules.empty());
  EXPECT_TRUE(t.providers.empty());
}

// ---- the whole run, with the real binary

std::string run_binary(const std::string& args, int* status, const std::string& env = "") {
  auto o = test_support::run_recon_binary(args, env);
  *status = o.status;
  return o.text;
}
std::string slurp(const fs::path& p) { return test_support::read_whole_file(p); }

TEST_F(ChallengeSpoolTest, ARunWhoseChallengeListSpillsWritesTheSameOutputs) {
  int status = -1;
  const std::string data = (dir / "data").string();
  // 80k activity rows: ~5k challenges, a few MiB of them, more than the spool's 1 MiB floor.
  std::string text = run_binary("generate --out " + data + " --apc-rows 20000 --seed 5", &status);
  ASSERT_EQ(status, 0) << text;
  auto args = [&](const std::string& out, int threads) {
    return "run --apc " + data + "/apc.csv --op " + data + "/op.csv --ae " + data + "/ae.csv --register " +
           data + "/register.csv --referrals " + data + "/referrals.csv --conditions " + data +
           "/conditions.csv --reference " + data + "/reference --as-of 2026-06-30 --no-progress --threads " +
           std::to_string(threads) + " --out " + out;
  };
  const std::string in_memory = run_binary(args((dir / "memory").string(), 1), &status);
  ASSERT_EQ(status, 0) << in_memory;
  EXPECT_EQ(in_memory.find("challenge list: spilled"), std::string::npos) << in_memory;
  const std::string spilled = run_binary(args((dir / "spilled").string(), 2) + " --memory-mb 1", &status);
  ASSERT_EQ(status, 0) << spilled;
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(spilled, m, std::regex(R"(challenge list: spilled to disk in (\d+) sorted runs)")))
      << spilled;
  EXPECT_GE(std::stoi(m[1]), 2);
  // Every run sorted and written by the list's writer thread (and the store's spills by the store's).
  const std::string by_writer = run_binary(args((dir / "by_writer").string(), 2) + " --memory-mb 1", &status,
                                           "RECON_TEST_BACKGROUND_SPILL_BYTES=0");
  ASSERT_EQ(status, 0) << by_writer;
  ASSERT_TRUE(
      std::regex_search(by_writer, m, std::regex(R"(challenge list: spilled to disk in (\d+) sorted runs)")))
      << by_writer;
  EXPECT_GE(std::stoi(m[1]), 2);

  for (const char* f : {"challenges.csv", "challenges.json", "summary_by_provider.csv", "summary_by_rule.csv",
                        "rejects.csv", "run_summary.json", "data_quality.csv", "report.html"}) {
    ASSERT_TRUE(fs::exists(dir / "memory" / f)) << f;
    EXPECT_EQ(slurp(dir / "memory" / f), slurp(dir / "spilled" / f))
        << f << " differs when the challenge list spills";
    EXPECT_EQ(slurp(dir / "memory" / f), slurp(dir / "by_writer" / f))
        << f << " differs when the challenge list's runs are written by its writer thread";
  }
  // Nothing but the outputs is left in --out: no spill file, no staging directory.
  for (const char* out : {"spilled", "by_writer"})
    for (const fs::directory_entry& e : fs::directory_iterator(dir / out)) {
      const std::string name = e.path().filename().string();
      EXPECT_TRUE(e.is_regular_file() && name.find("spill") == std::string::npos && name[0] != '.') << name;
    }
}

}  // namespace
}  // namespace recon
