// The real recon binary, killed at exact points (RECON_TEST_DIE_AT, recon/files/fault_injection.hpp) instead
// of at times: whatever the point, --out holds the complete old set, or the complete new set, or (killed
// while renaming) no manifest, which the next run completes; and no private file outlives the run.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "recon/writers/output_set.hpp"
#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

using Outcome = test_support::BinaryOutput;
Outcome run_recon_binary(const std::string& env, const std::string& args) {
  return test_support::run_recon_binary(args, env);
}
std::string slurp(const fs::path& p) { return test_support::read_whole_file(p); }

const std::string kSamples = std::string(RECON_SOURCE_DIR) + "/samples";
const char* const kOutputs[] = {"challenges.csv",      "challenges.json", "summary_by_provider.csv",
                                "summary_by_rule.csv", "rejects.csv",     "run_summary.json",
                                "data_quality.csv",    "report.html"};

// `extra` makes two runs' sets differ (e.g. a disabled rule), so a mix of them would show.
std::string sample_args(const fs::path& out, const std::string& extra = "") {
  const std::string& s = kSamples;
  return "run --apc " + s + "/apc.csv --op " + s + "/op.csv --ae " + s + "/ae.csv --register " + s +
         "/register.csv --referrals " + s + "/referrals.csv --conditions " + s +
         "/conditions.csv --reference " + s +
         "/reference --as-of 2026-06-30 --no-progress --quiet --threads 2 --out " + out.string() + " " +
         extra;
}

std::vector<std::string> hidden_entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with(".")) names.push_back(e.path().filename().string());
  return names;
}

std::map<std::string, std::string> files_of(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const char* f : kOutputs) files[f] = slurp(dir / f);
  files["run_manifest.json"] = slurp(dir / "run_manifest.json");
  return files;
}

class InterruptedRun : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_interrupted_" + std::to_string(::getpid()));
  fs::path out = dir / "out";
  std::map<std::string, std::string> old_set, new_set;
  const std::string kNewRun = "--disable DUP";  // the "new" run's outputs differ from the old one's

  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
    // The two complete sets, for comparison.
    ASSERT_EQ(run_recon_binary("", sample_args(dir / "old")).status, 0);
    ASSERT_EQ(run_recon_binary("", sample_args(dir / "new", kNewRun)).status, 0);
    old_set = files_of(dir / "old");
    new_set = files_of(dir / "new");
    ASSERT_NE(old_set["challenges.csv"], new_set["challenges.csv"]);
  }
  void TearDown() override { fs::remove_all(dir); }

  void start_with_old_set() {
    fs::remove_all(out);
    ASSERT_EQ(run_recon_binary("", sample_args(out)).status, 0);
    ASSERT_EQ(files_of(out), old_set);
  }
};

TEST_F(InterruptedRun, KilledWhileWritingLeavesTheOldSetAndTheNextRunCleansUp) {
  for (int n = 1; n <= 8; ++n) {
    SCOPED_TRACE("killed after staged file " + std::to_string(n));
    start_with_old_set();
    const Outcome killed =
        run_recon_binary("RECON_TEST_DIE_AT=staged:" + std::to_string(n), sample_args(out, kNewRun));
    ASSERT_EQ(killed.signal, SIGKILL) << killed.text;
    EXPECT_EQ(files_of(out), old_set) << "the old set, complete and untouched";
    EXPECT_TRUE(check_output_set(out).complete);
    ASSERT_EQ(hidden_entries(out).size(), 1u) << "SIGKILL cannot clean up: the staging directory is left";
    // Its files are the owner's alone while they lie there.
    for (const auto& e : fs::recursive_directory_iterator(out / hidden_entries(out)[0])) {
      struct stat st {};
      ::stat(e.path().c_str(), &st);
      EXPECT_EQ(st.st_mode & 077, 0u) << e.path();
    }

    const Outcome next = run_recon_binary("", sample_args(out, kNewRun));
    ASSERT_EQ(next.status, 0) << next.text;
    EXPECT_NE(next.text.find("removed the unfinished temporary files of an earlier run"), std::string::npos)
        << next.text;
    EXPECT_TRUE(hidden_entries(out).empty());
    EXPECT_EQ(files_of(out), new_set);
  }
}

TEST_F(InterruptedRun, KilledWhilePublishingIsToldApartAndCompletedByTheNextRun) {
  for (int n = 1; n <= 8; ++n) {
    SCOPED_TRACE("killed after published file " + std::to_string(n));
    start_with_old_set();
    const Outcome killed =
        run_recon_binary("RECON_TEST_DIE_AT=published:" + std::to_string(n), sample_args(out, kNewRun));
    ASSERT_EQ(killed.signal, SIGKILL) << killed.text;
    const SetCheck check = check_output_set(out);
    EXPECT_FALSE(check.complete) << "a mixed set must not look complete";
    EXPECT_FALSE(fs::exists(out / "run_manifest.json"));

    // The next run completes the killed run's set as soon as it starts, even if it then fails itself.
    std::ofstream(dir / "bad_apc.csv") << "SUSSPELLID,PROCODE3\nS1,RXH\n";
    const Outcome next = run_recon_binary(
        "", "run --apc " + (dir / "bad_apc.csv").string() + " --no-progress --out " + out.string());
    EXPECT_EQ(next.status, 1) << next.text;
    EXPECT_NE(next.text.find("was killed while publishing its outputs"), std::string::npos) << next.text;
    EXPECT_TRUE(hidden_entries(out).empty());
    EXPECT_EQ(files_of(out), new_set) << "the killed run's set, complete";
  }
}

TEST_F(InterruptedRun, SignalsRemoveStagedAndSpilledFilesAndEndTheProcessByTheSignal) {
  struct Case {
    const char* at;
    const char* with;
    int signal;
    const char* env = "";
  };
  // The third case: the signal comes while the store's writer thread writes a spill.
  for (const Case c : {Case{"spill:1", "TERM", SIGTERM}, Case{"spill:1", "INT", SIGINT},
                       Case{"spill:1", "TERM", SIGTERM, "RECON_TEST_BACKGROUND_SPILL_BYTES=0"},
                       Case{"staged:3", "TERM", SIGTERM}, Case{"staged:8", "HUP", SIGHUP}}) {
    SCOPED_TRACE(std::string(c.at) + " " + c.with + " " + c.env);
    start_with_old_set();
    const Outcome o = run_recon_binary(
        std::string("RECON_TEST_DIE_AT=") + c.at + " RECON_TEST_DIE_WITH=" + c.with + " " + c.env,
        sample_args(out, kNewRun + " --memory-mb 1"));
    EXPECT_EQ(o.signal, c.signal) << o.status << " " << o.text;
    EXPECT_TRUE(o.text.empty()) << o.text;
    EXPECT_TRUE(hidden_entries(out).empty()) << hidden_entries(out)[0];
    EXPECT_EQ(files_of(out), old_set);
  }
}

TEST_F(InterruptedRun, EarlierVersionsLeftoversAreRemoved) {
  start_with_old_set();
  const pid_t dead = [] {
    const pid_t pid = ::fork();
    if (pid == 0) ::_exit(0);
    ::waitpid(pid, nullptr, 0);
    return pid;
  }();
  fs::create_directories(out / (".recon-spill-" + std::to_string(dead)));
  std::ofstream(out / (".recon-spill-" + std::to_string(dead)) / "partition-7.bin") << "raw NHS numbers";
  std::ofstream(out / ("challenges.csv.tmp-" + std::to_string(dead))) << "CHALLENGE_ID,RULE";
  const Outcome o = run_recon_binary("", sample_args(out));
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("removed 2 temporary file(s)"), std::string::npos) << o.text;
  EXPECT_TRUE(hidden_entries(out).empty());
  EXPECT_FALSE(fs::exists(out / ("challenges.csv.tmp-" + std::to_string(dead))));
}

// An --out that cannot be written is found before any input is read: the input here lacks a required
// column, which reading it would report first.
TEST_F(InterruptedRun, UnwritableOutputIsFoundBeforeReadingInput) {
  if (!fs::is_directory("/proc/self")) GTEST_SKIP() << "no /proc";
  std::ofstream(dir / "bad_apc.csv") << "SUSSPELLID,PROCODE3\nS1,RXH\n";
  // /proc/self is a directory that passes every permission check as root, but nothing can be created in it.
  const Outcome o =
      run_recon_binary("", "run --apc " + (dir / "bad_apc.csv").string() + " --no-progress --out /proc/self");
  EXPECT_EQ(o.status, 1) << o.text;
  EXPECT_NE(o.text.find("output directory /proc/self is not writable"), std::string::npos) << o.text;
  EXPECT_EQ(o.text.find("missing required column"), std::string::npos) << o.text;
}

}  // namespace
}  // namespace recon
