// Private files: the staged outputs and spill files hold NHS numbers, so they are 0600 (directories 0700)
// whatever the umask, never written through a name that exists, and a dead run's leftovers are found by the
// process id in their name.
#include "recon/files/private_files.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include "parsers/fatal_error.hpp"
#include "recon/engine/activity_store.hpp"
#include "tests/file_checks.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

using test_support::mode_of;

using test_support::dead_pid;

class PrivateFiles : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_private_test_" + std::to_string(::getpid()));
  mode_t saved_umask = 0;
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
    saved_umask = ::umask(0);  // the most permissive umask: the modes must not depend on it
  }
  void TearDown() override {
    ::umask(saved_umask);
    fs::remove_all(dir);
  }
};

TEST_F(PrivateFiles, AreOwnerOnlyWhateverTheUmask) {
  ::close(create_private_file(dir / "f"));
  EXPECT_EQ(mode_of(dir / "f"), 0600u);
  create_private_dir(dir / "d");
  EXPECT_EQ(mode_of(dir / "d"), 0700u);
}

TEST_F(PrivateFiles, NeverWriteThroughANameThatExists) {
  std::ofstream(dir / "there") << "x";
  EXPECT_THROW(create_private_file(dir / "there"), FatalError);
  fs::create_symlink(dir / "target", dir / "link");  // a planted symlink is not followed
  EXPECT_THROW(create_private_file(dir / "link"), FatalError);
  EXPECT_FALSE(fs::exists(dir / "target"));
  EXPECT_THROW(create_private_dir(dir / "there"), FatalError);
}

TEST_F(PrivateFiles, ProcessIdInLeftoverNames) {
  EXPECT_EQ(pid_in_name(".recon-tmp-1234", kStagingPrefix), 1234);
  EXPECT_EQ(pid_in_name(".recon-tmp-", kStagingPrefix), 0);
  EXPECT_EQ(pid_in_name(".recon-tmp-12a", kStagingPrefix), 0);
  EXPECT_EQ(pid_in_name(".recon-tmp-+12", kStagingPrefix), 0);
  EXPECT_EQ(pid_in_name(".recon-tmp--12", kStagingPrefix), 0);
  EXPECT_EQ(pid_in_name("recon-tmp-12", kStagingPrefix), 0);
  EXPECT_TRUE(process_is_alive(::getpid()));
  EXPECT_FALSE(process_is_alive(dead_pid()));
}

TEST_F(PrivateFiles, DeadRunsLeftoversAreRemovedLiveOnesAndOtherFilesKept) {
  const std::string dead = std::to_string(dead_pid()), alive = std::to_string(::getppid());
  fs::create_directories(dir / (".recon-spill-" + dead));
  std::ofstream(dir / (".recon-spill-" + dead) / "partition-0.bin") << "raw NHS numbers";
  std::ofstream(dir / ("challenges.csv.tmp-" + dead)) << "half a challenge list";
  std::ofstream(dir / ("challenges.csv.tmp-" + alive)) << "a live run's";
  fs::create_directories(dir / (".recon-spill-" + alive));
  std::ofstream(dir / ("notes.txt.tmp-" + dead)) << "not ours";
  std::ofstream(dir / "challenges.csv") << "the outputs";

  const auto removed = remove_dead_leftovers(dir, {kLegacySpillPrefix}, {"challenges.csv", "report.html"});
  EXPECT_EQ(removed.size(), 2u);
  EXPECT_FALSE(fs::exists(dir / (".recon-spill-" + dead)));
  EXPECT_FALSE(fs::exists(dir / ("challenges.csv.tmp-" + dead)));
  EXPECT_TRUE(fs::exists(dir / ("challenges.csv.tmp-" + alive)));
  EXPECT_TRUE(fs::exists(dir / (".recon-spill-" + alive)));
  EXPECT_TRUE(fs::exists(dir / ("notes.txt.tmp-" + dead)));
  EXPECT_TRUE(fs::exists(dir / "challenges.csv"));
}

TEST_F(PrivateFiles, SpillFilesAreOwnerOnly) {
  const fs::path spill = dir / "spill";
  ActivityStore store(/*budget=*/4 * sizeof(Activity), spill);
  for (int i = 0; i < 200; ++i) {
    Activity a;
    a.nhs = 4000000000ull + static_cast<NhsNumber>(i);
    store.add(a, "R" + std::to_string(i));
  }
  ASSERT_GT(store.spills(), 1);
  EXPECT_EQ(mode_of(spill), 0700u);
  int files = 0;
  for (const auto& e : fs::directory_iterator(spill)) {
    EXPECT_EQ(mode_of(e.path()), 0600u) << e.path();
    ++files;
  }
  EXPECT_GT(files, 0);
}

}  // namespace
}  // namespace recon
