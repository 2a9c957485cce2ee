// The outputs are published as one set: a manifest written last names every file with its size and XXH64,
// a reader can tell a complete set from a mixed one, and the next run cleans up (or completes) what a dead
// run left. The kill-mid-run versions of these checks are in tests/interrupted_run_test.cpp.
#include "recon/writers/output_set.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "parsers/fatal_error.hpp"
#include "recon/writers/atomic_file.hpp"
#include "tests/file_checks.hpp"
#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

std::string slurp(const fs::path& p) { return test_support::read_whole_file(p); }

using test_support::mode_of;

using test_support::dead_pid;

std::vector<std::string> hidden_entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().filename().string().starts_with(".")) names.push_back(e.path().filename().string());
  return names;
}

const std::vector<std::string> kFiles = {"a.csv", "b.json"};

// One run's worth of outputs, written the way the writers write them.
void publish_set(const fs::path& out, const std::string& a, const std::string& b) {
  OutputSet set(out, kFiles);
  for (const auto& [name, text] : {std::pair{"a.csv", a}, std::pair{"b.json", b}}) {
    AtomicFile f(set.staged(name).string());
    f << text;
    f.commit();
  }
  set.publish();
}

class OutputSetTest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_output_set_test_" + std::to_string(::getpid()));
  fs::path out = dir / "out";
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(OutputSetTest, PublishedSetHasAManifestThatVerifiesAndNoTemporaryFiles) {
  publish_set(out, "x,y\n1,2\n", "[]\n");
  EXPECT_EQ(slurp(out / "a.csv"), "x,y\n1,2\n");
  EXPECT_EQ(slurp(out / "b.json"), "[]\n");
  const SetCheck check = check_output_set(out);
  EXPECT_TRUE(check.complete) << check.problem;
  EXPECT_EQ(check.run_id.size(), 16u);
  const std::string manifest = slurp(out / "run_manifest.json");
  EXPECT_NE(manifest.find("{\"name\": \"a.csv\", \"bytes\": 8, \"xxh64\": \""), std::string::npos)
      << manifest;
  EXPECT_TRUE(hidden_entries(out).empty()) << hidden_entries(out)[0];

  // The id comes from the content, so the same outputs give the same manifest byte for byte.
  publish_set(dir / "again", "x,y\n1,2\n", "[]\n");
  EXPECT_EQ(slurp(dir / "again" / "run_manifest.json"), manifest);
  publish_set(dir / "other", "x,y\n1,3\n", "[]\n");
  EXPECT_NE(check_output_set(dir / "other").run_id, check.run_id);
}

TEST_F(OutputSetTest, AMixedSetIsToldApart) {
  publish_set(out, "x,y\n1,2\n", "[]\n");
  std::ofstream(out / "a.csv", std::ios::binary) << "x,y\n1,3\n";  // another run's file, same size
  EXPECT_TRUE(check_output_set(out, /*hashes=*/false).complete) << "sizes alone cannot tell";
  SetCheck check = check_output_set(out);
  EXPECT_FALSE(check.complete);
  EXPECT_NE(check.problem.find("a.csv"), std::string::npos) << check.problem;

  std::ofstream(out / "a.csv", std::ios::binary) << "x,y\n1,2\n3,4\n";
  check = check_output_set(out, /*hashes=*/false);
  EXPECT_FALSE(check.complete);
  EXPECT_NE(check.problem.find("a.csv has 12 bytes"), std::string::npos) << check.problem;

  fs::remove(out / "run_manifest.json");
  EXPECT_FALSE(check_output_set(out).complete);

  // A manifest may only name plain files in --out (the next run renames what it names into place).
  std::ofstream(out / "run_manifest.json")
      << "{\n  \"run_id\": \"0123456789abcdef\",\n  \"files\": [\n    {\"name\": \"..\", \"bytes\": 4096, "
         "\"xxh64\": \"0123456789abcdef\"}\n  ]\n}\n";
  check = check_output_set(out);
  EXPECT_FALSE(check.complete);
  EXPECT_EQ(check.problem, "run_manifest.json is not a recon manifest");
}

TEST_F(OutputSetTest, StagedFilesArePrivateAndPublishedOnesHaveTheUsualMode) {
  const mode_t saved = ::umask(022);
  {
    OutputSet set(out, kFiles);
    EXPECT_EQ(set.staging_dir().parent_path(), out);
    EXPECT_EQ(mode_of(set.staging_dir()), 0700u);
    for (const std::string& name : kFiles) {
      AtomicFile f(set.staged(name).string());
      f << "text";
      f.commit();
      EXPECT_EQ(mode_of(set.staged(name)), 0600u);
    }
    set.publish();
  }
  ::umask(saved);
  for (const std::string& name : kFiles) EXPECT_EQ(mode_of(out / name), 0644u) << name;
  EXPECT_EQ(mode_of(out / "run_manifest.json"), 0644u);
}

TEST_F(OutputSetTest, AnUnpublishedSetLeavesNothingAndTheOldSetIntact) {
  publish_set(out, "old\n", "old\n");
  const std::string manifest = slurp(out / "run_manifest.json");
  {
    OutputSet set(out, kFiles);
    AtomicFile f(set.staged("a.csv").string());
    f << "new\n";
    f.commit();
    // a failure here (before publish) destroys the set
  }
  EXPECT_TRUE(hidden_entries(out).empty());
  EXPECT_EQ(slurp(out / "a.csv"), "old\n");
  EXPECT_EQ(slurp(out / "run_manifest.json"), manifest);
}

TEST_F(OutputSetTest, OutputsWithoutAManifestAreReportedAtTheNextStart) {
  fs::create_directories(out);
  std::ofstream(out / "a.csv") << "a set that nothing vouches for";
  ::testing::internal::CaptureStderr();
  { OutputSet set(out, kFiles); }
  const std::string said = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(said.find("have no run_manifest.json"), std::string::npos) << said;

  publish_set(out, "x\n", "y\n");
  std::ofstream(out / "b.json") << "another run's, longer";
  ::testing::internal::CaptureStderr();
  { OutputSet set(out, kFiles); }
  const std::string mismatch = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(mismatch.find("do not match their run_manifest.json (b.json has"), std::string::npos) << mismatch;
}

TEST_F(OutputSetTest, UnwritableOutputDirectoryFailsAtOnceNamingIt) {
  std::ofstream(dir / "file") << "a regular file";
  try {
    OutputSet set(dir / "file" / "out", kFiles);  // a path under a regular file
    FAIL() << "no error";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find((dir / "file" / "out").string()), std::string::npos) << e.what();
  }
  // A directory that exists and passes permission checks as root, but where nothing can be created.
  if (fs::is_directory("/proc/self")) {
    try {
      OutputSet set("/proc/self", kFiles);
      FAIL() << "no error";
    } catch (const FatalError& e) {
      EXPECT_NE(std::string(e.what()).find("output directory /proc/self is not writable"), std::string::npos)
          << e.what();
    }
  }
}

TEST_F(OutputSetTest, ADeadRunsUncommittedStagingIsRemovedAndTheOldSetKept) {
  publish_set(out, "old\n", "old\n");
  const fs::path staging = out / (".recon-tmp-" + std::to_string(dead_pid()));
  fs::create_directories(staging / "spill");
  std::ofstream(staging / "a.csv") << "half of a new challenge list";
  std::ofstream(staging / "spill" / "partition-1.bin") << "raw NHS numbers";
  {
    OutputSet set(out, kFiles);
    EXPECT_FALSE(fs::exists(staging));
  }
  EXPECT_TRUE(check_output_set(out).complete);
  EXPECT_EQ(slurp(out / "a.csv"), "old\n");
}

// A run killed between its first and last rename: --out has its a.csv, no manifest, and the old b.json;
// its staging directory still has b.json and the committed manifest. The next run finishes the renames.
TEST_F(OutputSetTest, ADeadRunsCommittedSetIsCompletedByTheNextRun) {
  publish_set(out, "old\n", "old\n");
  publish_set(dir / "new", "new a\n", "new b\n");
  const std::string new_id = check_output_set(dir / "new").run_id;
  const fs::path staging = out / (".recon-tmp-" + std::to_string(dead_pid()));
  fs::create_directories(staging);
  fs::copy_file(dir / "new" / "b.json", staging / "b.json");
  fs::copy_file(dir / "new" / "run_manifest.json", staging / "run_manifest.json");
  fs::copy_file(dir / "new" / "a.csv", out / "a.csv", fs::copy_options::overwrite_existing);
  fs::remove(out / "run_manifest.json");
  ASSERT_FALSE(check_output_set(out).complete);
  {
    OutputSet set(out, kFiles);
    EXPECT_FALSE(fs::exists(staging));
  }
  const SetCheck check = check_output_set(out);
  EXPECT_TRUE(check.complete) << check.problem;
  EXPECT_EQ(check.run_id, new_id);
  EXPECT_EQ(slurp(out / "b.json"), "new b\n");
}

}  // namespace
}  // namespace recon
