// The warning that the register and the activity do not belong together.
#include "recon/writers/run_warnings.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "tests/recon_binary.hpp"

namespace recon {
namespace {

RunResult with_coverage(std::uint64_t checked, std::uint64_t matched) {
  RunResult r;
  DataQualityCounts& c = r.data_quality.counts()[{Code::of("RXH"), Dataset::kApc}];
  c.records = checked;
  c.coverage_checked = checked;
  c.coverage_matched = matched;
  return r;
}

TEST(RunWarnings, FewActivityRecordsOnTheRegisterIsSaid) {
  const std::vector<std::string> w = run_warnings(with_coverage(40210, 12));
  ASSERT_EQ(w.size(), 1u);
  EXPECT_EQ(
      w[0],
      "12 of 40,210 activity records have an NHS number on the supplied register (0.03%): is it the right "
      "register, and are the activity's patient ids NHS numbers (not pseudonyms)?");
}

TEST(RunWarnings, NoWarningWithoutARegisterOrWithEnoughOnIt) {
  EXPECT_TRUE(run_warnings(with_coverage(0, 0)).empty()) << "no register supplied: nothing was checked";
  EXPECT_TRUE(run_warnings(with_coverage(1000, 100)).empty()) << "10% is the threshold, not a warning";
  EXPECT_EQ(run_warnings(with_coverage(1000, 99)).size(), 1u);
}

// End to end: the samples' activity against an empty register (header only) is warned about on stderr.
TEST(RunWarnings, TheRunCommandPrintsItOnStderr) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "recon_run_warnings";
  const std::string s = std::string(RECON_SOURCE_DIR) + "/samples";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string samples_register = test_support::read_whole_file(s + "/register.csv");
  test_support::write_whole_file(dir / "register.csv",
                                 samples_register.substr(0, samples_register.find('\n') + 1));
  const auto o = test_support::run_recon_binary("run --apc " + s + "/apc.csv --register " +
                                                (dir / "register.csv").string() +
                                                " --no-progress --quiet --out " + (dir / "out").string());
  EXPECT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("recon: warning: 0 of "), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("have an NHS number on the supplied register (0.00%)"), std::string::npos) << o.text;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace recon
