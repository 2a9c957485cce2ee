// NHS Digital's Artificial HES extracts (tests/data/hes_artificial, see its README.md) run as a user would
// run them: the three files, --layout auto, no column map. Pinned: every row is read (no reject for a format
// reason), the APC episodes become spells, the pseudonyms are patients and never invalid NHS numbers, HES
// null dates are missing dates, and the counts below. The files' columns are not consistent with each other
// (an artificial generator), so challenge counts are pinned only where a rule's reading of the layout shows.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "recon/cli/run_job.hpp"
#include "tests/read_whole_file.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

const std::string kData = std::string(RECON_SOURCE_DIR) + "/tests/data/hes_artificial/";

using test_support::slurp;

std::size_t count_rows_with(const std::string& csv, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = csv.find(needle); at != std::string::npos; at = csv.find(needle, at + 1)) ++n;
  return n;
}

class HesArtificial : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_hes_artificial_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    RunConfig c;
    c.apc = {kData + "artificial_hes_apc_0102_truncated.csv"};
    c.op = {kData + "artificial_hes_op_0304_truncated.csv"};
    c.ae = {kData + "artificial_hes_ae_0708_truncated.csv"};
    c.reference_dir = std::string(RECON_SOURCE_DIR) + "/samples/reference";
    c.out_dir = (dir / "out").string();
    c.threads = 2;
    c.quiet = true;
    c.rule_options.as_of = make_day(2026, 1, 1);
    run_recon(c);
  }
  void TearDown() override { fs::remove_all(dir); }
  std::string out(const char* name) const { return slurp(dir / "out" / name); }
};

TEST_F(HesArtificial, EveryRowIsReadAndTheEpisodesBecomeSpells) {
  const std::string summary = out("run_summary.json");
  // 4,075 activity rows and the samples' 801 reference rows: one reject.
  EXPECT_NE(summary.find("\"rows_in\": 4876,\n  \"accepted\": 4875,\n  \"rejected\": 1,"), std::string::npos)
      << summary;
  // 898 episodes were whole spells by themselves; the other 1,177 (EPIORDER above 1, no discharge, or an
  // EPIEND before the DISDATE) waited for their spells: 1,097 finished, 80 still open. The artificial
  // generator does not keep a spell's episodes together (every provider + pseudonym + admission date is
  // unique), so each spell has one episode, and 200 lack their EPIORDER 1.
  EXPECT_NE(summary.find("\"held_episodes\": 1177, \"spells_built\": 1097, \"open_spells\": 80, "
                         "\"without_first_episode\": 200, \"codes_dropped\": 0}"),
            std::string::npos)
      << summary;
  // The one reject is an episode whose admission date is a HES null date: an activity date is required.
  EXPECT_EQ(count_rows_with(out("rejects.csv"), "\n"), 2u) << out("rejects.csv");
  EXPECT_NE(out("rejects.csv").find("ADMIDATE"), std::string::npos) << out("rejects.csv");
  EXPECT_EQ(count_rows_with(out("open_spells.csv"), ",apc,"), 80u) << out("open_spells.csv");
}

TEST_F(HesArtificial, PseudonymsAndNullDatesRaiseNoChallenge) {
  const std::string challenges = out("challenges.csv");
  EXPECT_EQ(count_rows_with(challenges, ",NHS_INVALID,"), 0u);
  // DATE_IMPOSSIBLE judges real contradictions the artificial generator makes (admission before birth), never
  // a null date: none of its challenges cites 1800-01-01 or 1801-01-01.
  EXPECT_EQ(count_rows_with(challenges, ",DATE_IMPOSSIBLE,"), 157u);
  EXPECT_EQ(challenges.find("1800-01-01"), std::string::npos);
  EXPECT_EQ(challenges.find("1801-01-01"), std::string::npos);
  EXPECT_EQ(challenges.find("TEST"), std::string::npos) << "no pseudonym in the challenge list";
  // HES outpatients' OPERTN X999 ("no procedure carried out") is no code: 187 false CODE_INVALID before.
  EXPECT_EQ(challenges.find("=X999"), std::string::npos);
  EXPECT_EQ(challenges.find("=X998"), std::string::npos);
  // The patient rules ran on the pseudonymised records.
  const std::string rules = out("summary_by_rule.csv");
  for (const char* rule : {"DUP", "OVERLAP", "READMIT", "OPFIRST"}) {
    const std::size_t at = rules.find(std::string("\n") + rule + ",");
    ASSERT_NE(at, std::string::npos) << rule;
    const std::string row = rules.substr(at + 1, rules.find('\n', at + 1) - at - 1);
    EXPECT_NE(row.find(",ran,"), std::string::npos) << row;
    EXPECT_EQ(row.find("no record"), std::string::npos) << row;
  }
}

}  // namespace
}  // namespace recon
