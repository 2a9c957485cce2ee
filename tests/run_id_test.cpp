// The run id ties every file of a set together: run_manifest.json, both summaries, run_summary.json and the
// report carry the same one, made from the inputs and options (not a clock), so a summary met on its own can
// be matched to its set, and the same inputs still give byte-identical outputs.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using test_support::read_whole_file;
using test_support::run_recon_binary;

const std::string kSamples = std::string(RECON_SOURCE_DIR) + "/samples";

class RunId : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_run_id_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string run(const std::string& out, const std::string& as_of, int threads,
                  const std::string& extra = "") {
    const auto o =
        run_recon_binary("run --apc " + kSamples + "/apc.csv --op " + kSamples + "/op.csv --reference " +
                         kSamples + "/reference --as-of " + as_of + " --no-progress --threads " +
                         std::to_string(threads) + " " + extra + " --out " + (dir / out).string());
    EXPECT_EQ(o.status, 0) << o.text;
    std::smatch m;
    const std::string manifest = read_whole_file(dir / out / "run_manifest.json");
    EXPECT_TRUE(std::regex_search(manifest, m, std::regex("\"run_id\": \"([0-9a-f]{16})\""))) << manifest;
    return m[1];
  }
};

TEST_F(RunId, EveryFileOfTheSetCarriesTheManifestsRunId) {
  const std::string id = run("a", "2026-06-30", 1);
  ASSERT_EQ(id.size(), 16u);
  EXPECT_NE(read_whole_file(dir / "a" / "run_summary.json").find("\"run_id\": \"" + id + "\""),
            std::string::npos);
  EXPECT_NE(read_whole_file(dir / "a" / "report.html").find("Run " + id), std::string::npos);
  for (const char* summary : {"summary_by_provider.csv", "summary_by_rule.csv"}) {
    const std::string text = read_whole_file(dir / "a" / summary);
    ASSERT_NE(text.find(",RUN_ID\n"), std::string::npos) << summary;
    std::size_t rows = 0;
    for (std::size_t at = text.find('\n') + 1; at < text.size(); at = text.find('\n', at) + 1, ++rows)
      EXPECT_EQ(text.substr(text.find('\n', at) - 16, 16), id) << summary << " row " << rows;
    EXPECT_GT(rows, 0u) << summary;
  }
}

TEST_F(RunId, SameInputsSameIdOtherOptionsOtherId) {
  const std::string one = run("one", "2026-06-30", 1);
  EXPECT_EQ(run("two", "2026-06-30", 2), one) << "thread count does not change the outputs, nor the id";
  EXPECT_NE(run("later", "2026-07-31", 1), one) << "another --as-of gives other outputs, and another id";
  EXPECT_NE(run("readmit", "2026-06-30", 1, "--readmit-days 7"), one) << "a rule's own option is in the id";
  EXPECT_EQ(run("default", "2026-06-30", 1, "--readmit-days 30"), one) << "its default, given, is no change";
}

}  // namespace
}  // namespace recon
