// `recon run` as a user runs it: the real binary on the bundled samples/.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "tests/recon_binary.hpp"

namespace {
namespace fs = std::filesystem;

using Output = recon::test_support::BinaryOutput;
Output run(const std::string& args) { return recon::test_support::run_recon_binary(args); }
std::string slurp(const fs::path& p) { return recon::test_support::read_whole_file(p); }

const std::string kSamples = std::string(RECON_SOURCE_DIR) + "/samples";

std::string sample_args(const std::string& out, int threads) {
  const std::string& s = kSamples;
  return "run --apc " + s + "/apc.csv --op " + s + "/op.csv --ae " + s + "/ae.csv --register " + s +
         "/register.csv --referrals " + s + "/referrals.csv --conditions " + s +
         "/conditions.csv --reference " + s + "/reference --as-of 2026-06-30 --no-progress --threads " +
         std::to_string(threads) + " --out " + out;
}

class EndToEnd : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_e2e_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(EndToEnd, SamplesRunReconcileCountsAndAreIdenticalAcrossThreadCounts) {
  Output one = run(sample_args((dir / "t1").string(), 1));
  ASSERT_EQ(one.status, 0) << one.text;
  Output four = run(sample_args((dir / "t4").string(), 4));
  ASSERT_EQ(four.status, 0) << four.text;
  // A 1 MiB budget makes the patient stage spill to disk: the answer must not change, whether add() writes
  // each spill (these are small) or the store's writer thread does.
  Output spilled = run(sample_args((dir / "spill").string(), 2) + " --memory-mb 1");
  ASSERT_EQ(spilled.status, 0) << spilled.text;
  Output spilled_by_writer = recon::test_support::run_recon_binary(
      sample_args((dir / "spill_writer").string(), 2) + " --memory-mb 1",
      "RECON_TEST_BACKGROUND_SPILL_BYTES=0");
  ASSERT_EQ(spilled_by_writer.status, 0) << spilled_by_writer.text;

  for (const char* f : {"challenges.csv", "challenges.json", "summary_by_provider.csv", "summary_by_rule.csv",
                        "rejects.csv", "run_summary.json", "data_quality.csv", "report.html"}) {
    ASSERT_TRUE(fs::exists(dir / "t1" / f)) << f;
    EXPECT_EQ(slurp(dir / "t1" / f), slurp(dir / "t4" / f)) << f << " differs between --threads 1 and 4";
    EXPECT_EQ(slurp(dir / "t1" / f), slurp(dir / "spill" / f)) << f << " differs when the store spills";
    EXPECT_EQ(slurp(dir / "t1" / f), slurp(dir / "spill_writer" / f))
        << f << " differs, spills by the writer";
  }
  EXPECT_FALSE(fs::exists(dir / "spill" /
                          ("."
                           "recon-spill")))
      << "spill files are cleaned up";
  // rows in = accepted + rejected, printed and in run_summary.json.
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(one.text, m, std::regex(R"((\d+) rows in = (\d+) accepted \+ (\d+) rejected)")))
      << one.text;
  EXPECT_EQ(std::stoull(m[1]), std::stoull(m[2]) + std::stoull(m[3]));
  EXPECT_GT(std::stoull(m[3]), 0u) << "the samples plant malformed rows";
  const std::string rejects = slurp(dir / "t1" / "rejects.csv");
  std::size_t reject_lines = std::count(rejects.begin(), rejects.end(), '\n') - 1;
  EXPECT_EQ(reject_lines, std::stoull(m[3])) << "every rejected row is in rejects.csv";
  EXPECT_NE(slurp(dir / "t1" / "challenges.csv").find("\nCH00000001,"), std::string::npos);
  // No NHS number (10 digits) in what recon prints.
  EXPECT_FALSE(std::regex_search(one.text, std::regex(R"(\b\d{10}\b)"))) << one.text;
}

TEST_F(EndToEnd, EveryRuleThatRunsFiresOnTheSamples) {
  Output o = run(sample_args((dir / "out").string(), 2));
  ASSERT_EQ(o.status, 0) << o.text;
  std::istringstream rules(slurp(dir / "out" / "summary_by_rule.csv"));
  std::string line;
  std::getline(rules, line);
  int n = 0;
  while (std::getline(rules, line)) {
    ++n;
    EXPECT_EQ(line.find(",ran,0,"), std::string::npos) << "a rule that never fires is a bug: " << line;
    EXPECT_EQ(line.find("skipped"), std::string::npos) << "samples supply every input: " << line;
  }
  EXPECT_GT(n, 0);
}

// The same seed written as NDJSON must give the same challenge list as the CSV samples.
TEST_F(EndToEnd, NdjsonOfTheSameDataGivesTheSameChallenges) {
  const std::string nd = (dir / "nd").string();
  ASSERT_EQ(
      run("generate --out " + nd + " --apc-rows 3000 --providers 3 --practices 3 --seed 11 --format ndjson")
          .status,
      0);
  Output csv = run(sample_args((dir / "csv").string(), 2));
  ASSERT_EQ(csv.status, 0) << csv.text;
  Output json = run("run --apc " + nd + "/apc.ndjson --op " + nd + "/op.ndjson --ae " + nd +
                    "/ae.ndjson --register " + nd + "/register.ndjson --referrals " + nd +
                    "/referrals.ndjson --conditions " + nd + "/conditions.ndjson --reference " + nd +
                    "/reference --as-of 2026-06-30 --no-progress --out " + (dir / "json").string());
  ASSERT_EQ(json.status, 0) << json.text;
  EXPECT_EQ(slurp(dir / "csv" / "challenges.csv"), slurp(dir / "json" / "challenges.csv"));
  EXPECT_EQ(slurp(dir / "csv" / "summary_by_provider.csv"), slurp(dir / "json" / "summary_by_provider.csv"));
}

TEST_F(EndToEnd, MissingFileIsOneClearErrorAndNonZeroExit) {
  Output o = run("run --apc " + (dir / "missing.csv").string() + " --out " + (dir / "out").string());
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(std::count(o.text.begin(), o.text.end(), '\n'), 1) << o.text;
  EXPECT_NE(o.text.find("missing.csv does not exist"), std::string::npos) << o.text;
}

TEST_F(EndToEnd, MissingRequiredColumnIsOneClearErrorAndNonZeroExit) {
  std::ofstream(dir / "apc.csv")
      << "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE\nS1,RXH,9434765919,2025-04-01,"
         "2025-04-02\n";
  Output o =
      run("run --apc " + (dir / "apc.csv").string() + " --no-progress --out " + (dir / "out").string());
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(std::count(o.text.begin(), o.text.end(), '\n'), 1) << o.text;
  EXPECT_NE(o.text.find("missing required column(s) SUSHRG"), std::string::npos) << o.text;
  EXPECT_EQ(o.text.find("9434765919"), std::string::npos);
}

TEST_F(EndToEnd, BadOptionsAndHelp) {
  EXPECT_EQ(run("run --help").status, 0);
  EXPECT_EQ(run("run --bogus").status, 2);
  EXPECT_EQ(run("nonsense").status, 2);
  EXPECT_EQ(run("run --apc x.csv").status, 1) << "no --out";
}

}  // namespace
