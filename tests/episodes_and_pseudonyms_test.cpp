// Episode-level APC into spells (recon/engine/spell_stage.hpp) and pseudonymised patient ids
// (recon/engine/patient_ids.hpp), end to end through `run_recon`: the episodes of one stay are one spell (no
// DUP, OVERLAP or SPLIT between them), an unfinished stay is listed and not checked, every row is counted;
// a pseudonym matches a patient's records for the patient rules, is never an invalid NHS number, and the
// practice-record rules run only against practice files that carry the same pseudonym.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "recon/cli/run_job.hpp"
#include "tests/read_whole_file.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using testing::valid_nhs;

using test_support::slurp;

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// The challenge rows (without the header) whose RULE is `rule`.
std::vector<std::string> challenges_of(const std::string& csv, const std::string& rule) {
  std::vector<std::string> out;
  for (const std::string& line : lines_of(csv))
    if (line.find("," + rule + ",") != std::string::npos) out.push_back(line);
  return out;
}

// The summary_by_rule.csv row of `rule`.
std::string rule_row(const std::string& summary, const std::string& rule) {
  const std::size_t at = summary.find('\n' + rule + ',');
  if (at == std::string::npos) return {};
  return summary.substr(at + 1, summary.find('\n', at + 1) - at - 1);
}

class EpisodesAndPseudonyms : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_episodes_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
  RunConfig config(const std::string& apc) const {
    RunConfig c;
    c.reference_dir = std::string(RECON_SOURCE_DIR) + "/tests/data/reference";
    c.apc = {(dir / apc).string()};
    c.out_dir = (dir / "out").string();
    c.threads = 2;
    c.quiet = true;
    c.rule_options.as_of = make_day(2026, 1, 1);
    return c;
  }
  std::string out(const char* name) const { return slurp(dir / "out" / name); }
};

const char* kContractEpisodeHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,ADMIDATE,DISDATE,ADMIMETH,DISMETH,CLASSPAT,TRETSPEF,SUSHRG,"
    "DIAG_01,DIAG_02,EPIORDER,EPISTART,EPIEND\n";

TEST_F(EpisodesAndPseudonyms, EpisodesOfOneStayAreOneSpellAndOpenStaysAreListed) {
  const std::string p1 = valid_nhs(1), p2 = valid_nhs(2), p3 = valid_nhs(3), p4 = valid_nhs(4);
  std::ofstream(dir / "apc.csv")
      << kContractEpisodeHeader
      // S1: three episodes of one emergency stay, out of order in the file; the discharge on the last only.
      << "S1,RTH," << p1 << ",1950-05-14,1,2025-04-01,,21,,1,300,DZ22C,J189,,2,2025-04-03,2025-04-06\n"
      << "S3,RTH," << p3
      << ",1960-07-20,2,2025-05-01,2025-05-02,11,1,2,110,HN12B,M170,,1,2025-05-01,2025-05-02\n"
      << "S1,RTH," << p1 << ",1950-05-14,1,2025-04-01,2025-04-09,21,1,1,300,DZ22C,J189,I10,3,2025-04-06,"
      << "2025-04-09\n"
      << "S1,RTH," << p1
      << ",1950-05-14,1,2025-04-01,,21,,1,300,DZ22C,J189,E119,1,2025-04-01,2025-04-03\n"
      // S2: a stay not finished yet (no discharge on its last episode).
      << "S2,RTH," << p2 << ",1948-02-01,2,2025-06-01,,21,,1,300,DZ22C,J189,,1,2025-06-01,2025-06-02\n"
      << "S2,RTH," << p2
      << ",1948-02-01,2,2025-06-01,,21,,1,300,DZ22C,J189,,2,2025-06-02,\n"
      // S4a, S4b: the same stay billed twice under two spell ids (single-episode spells): still DUP.
      << "S4a,RTH," << p4
      << ",1955-03-03,1,2025-07-01,2025-07-03,21,1,1,300,DZ22C,J189,,1,2025-07-01,2025-07-03\n"
      << "S4b,RTH," << p4
      << ",1955-03-03,1,2025-07-01,2025-07-03,21,1,1,300,DZ22C,J189,,1,2025-07-01,2025-07-03\n";
  run_recon(config("apc.csv"));

  EXPECT_EQ(out("rejects.csv"), "FILE,LINE,DATASET,REASON\n");
  const std::string summary = out("run_summary.json");
  EXPECT_NE(summary.find("\"dataset\": \"apc\", \"rows\": 8, \"accepted\": 8, \"rejected\": 0}"),
            std::string::npos)
      << summary;
  EXPECT_NE(summary.find("\"held_episodes\": 5, \"spells_built\": 1, \"open_spells\": 1, "
                         "\"without_first_episode\": 0, \"codes_dropped\": 0}"),
            std::string::npos)
      << summary;
  // The open stay: listed at its first episode's line, never checked.
  EXPECT_EQ(
      out("open_spells.csv"),
      "FILE,LINE,DATASET,RECORD_ID,PROCODE3,ADMIDATE,EPISODES,REASON\n" + (dir / "apc.csv").string() +
          ",6,apc,S2,RTH,2025-06-01,2,\"open spell: its last episode has no discharge date, so it is not "
          "billable yet and was not checked\"\n");
  const std::string challenges = out("challenges.csv");
  EXPECT_TRUE(challenges_of(challenges, "SPLIT").empty()) << challenges;
  for (const std::string& overlap : challenges_of(challenges, "OVERLAP"))
    EXPECT_EQ(overlap.find(",S1,"), std::string::npos)
        << "S1's episodes do not overlap each other: " << overlap;
  EXPECT_EQ(challenges.find(",S2,"), std::string::npos) << "the open spell is not checked:\n" << challenges;
  // The one real duplicate is found, and nothing between S1's episodes.
  const std::vector<std::string> dups = challenges_of(challenges, "DUP");
  ASSERT_EQ(dups.size(), 1u) << challenges;
  EXPECT_NE(dups[0].find(",S4"), std::string::npos) << dups[0];
  // DUP ran and raised that one challenge.
  EXPECT_NE(rule_row(out("summary_by_rule.csv"), "DUP").find(",ran,1,"), std::string::npos)
      << out("summary_by_rule.csv");
}

TEST_F(EpisodesAndPseudonyms, SpellRowTakesDischargeFromItsLastEpisodeAndEveryDiagnosisOnce) {
  // One stay of two episodes whose second episode carries a code not in the reference list: the spell is
  // challenged for it, once, at its first episode's record. The spell ends on 9 April (its last episode's
  // DISDATE), so a stay of 5-6 April overlaps it; read as ending on its admission day, it would not.
  const std::string p1 = valid_nhs(1);
  std::ofstream(dir / "apc.csv")
      << kContractEpisodeHeader << "S1,RTH," << p1
      << ",1950-05-14,1,2025-04-01,,21,,1,300,DZ22C,J189,,1,2025-04-01,2025-04-03\n"
      << "S1,RTH," << p1 << ",1950-05-14,1,2025-04-01,2025-04-09,21,1,1,300,DZ22C,J189,Q999,2,2025-04-03,"
      << "2025-04-09\n"
      << "S2,RTH," << p1 << ",1950-05-14,1,2025-04-05,2025-04-06,21,1,1,300,DZ22C,J189,,1,2025-04-05,"
      << "2025-04-06\n";
  run_recon(config("apc.csv"));
  EXPECT_EQ(out("rejects.csv"), "FILE,LINE,DATASET,REASON\n");
  const std::string challenges = out("challenges.csv");
  const std::vector<std::string> invalid = challenges_of(challenges, "CODE_INVALID");
  ASSERT_EQ(invalid.size(), 1u) << challenges;
  EXPECT_NE(invalid[0].find(",apc,S1,"), std::string::npos) << invalid[0];
  EXPECT_EQ(challenges_of(challenges, "OVERLAP").size(), 1u) << challenges;
  EXPECT_TRUE(challenges_of(challenges, "SPLIT").empty()) << challenges;
}

// The HES layout with pseudonyms and no SUSSPELLID: episodes grouped by provider, patient and admission date.
const char* kHesHeader =
    "EPIKEY,PROCODE3,PSEUDO_HESID,MYDOB,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,DISMETH,CLASSPAT,TRETSPEF,"
    "SUSHRG,"
    "DIAG_4_01,EPIORDER,EPISTART,EPIEND\n";

void write_hes(const fs::path& path) {
  std::ofstream(path)
      << kHesHeader
      // Patient A: an elective stay of two episodes, then an emergency readmission five days after discharge.
      << "E101,RTH,TESTpseudoA,051950,1,A81001,2025-04-01,,11,,1,110,HN12B,M170,1,2025-04-01,2025-04-02\n"
      << "E102,RTH,TESTpseudoA,051950,1,A81001,2025-04-01,2025-04-05,11,1,1,110,HN12B,M170,2,2025-04-02,"
         "2025-04-05\n"
      << "E103,RTH,TESTpseudoA,051950,1,A81001,2025-04-10,2025-04-12,21,1,1,300,DZ22C,J189,1,2025-04-10,"
         "2025-04-12\n"
      // Patient B: one stay, on no register.
      << "E201,RTH,TESTpseudoB,071960,2,A81001,2025-05-01,2025-05-03,21,1,1,300,DZ22C,J189,1,2025-05-01,"
         "2025-05-03\n";
}

TEST_F(EpisodesAndPseudonyms, PseudonymsMatchPatientRecordsAndAreNeverInvalidNhsNumbers) {
  write_hes(dir / "apc.csv");
  std::ofstream(dir / "register.csv") << "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n"
                                      << valid_nhs(1) << ",A81001,1950-05-14,1,2000-01-01,,\n";
  RunConfig c = config("apc.csv");
  c.register_file = (dir / "register.csv").string();
  run_recon(c);

  EXPECT_EQ(out("rejects.csv"), "FILE,LINE,DATASET,REASON\n");
  const std::string challenges = out("challenges.csv");
  EXPECT_TRUE(challenges_of(challenges, "NHS_INVALID").empty()) << challenges;
  EXPECT_TRUE(challenges_of(challenges, "DUP").empty()) << challenges;
  // The readmission is found by pseudonym; the challenge names the record, not the pseudonym.
  const std::vector<std::string> readmit = challenges_of(challenges, "READMIT");
  ASSERT_EQ(readmit.size(), 1u) << challenges;
  EXPECT_NE(readmit[0].find(",apc,E103,,2025-04-10,"), std::string::npos) << readmit[0];
  EXPECT_EQ(challenges.find("TESTpseudo"), std::string::npos) << challenges;
  // The NHS-number register cannot be matched with pseudonyms: the practice rules say so, and do not run.
  const std::string summary = out("summary_by_rule.csv");
  for (const char* rule : {"NOT_REGISTERED", "DEMOGRAPHICS", "AFTER_DEATH"})
    EXPECT_NE(rule_row(summary, rule).find("skipped: the activity's patient ids are pseudonyms"),
              std::string::npos)
        << rule_row(summary, rule);
  EXPECT_NE(rule_row(summary, "READMIT").find(",ran,1,"), std::string::npos) << rule_row(summary, "READMIT");
}

TEST_F(EpisodesAndPseudonyms, PracticeRulesRunWhenThePracticeFilesCarryTheSamePseudonym) {
  write_hes(dir / "apc.csv");
  // The practice's register keyed by the same pseudonym: A is registered, B is not.
  std::ofstream(dir / "register.csv") << "PATIENT_PSEUDONYM,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n"
                                      << "TESTpseudoA,A81001,1950-05-14,1,2000-01-01,,\n";
  RunConfig c = config("apc.csv");
  c.register_file = (dir / "register.csv").string();
  c.practice_pseudonym_column = "PATIENT_PSEUDONYM";
  run_recon(c);

  EXPECT_EQ(out("rejects.csv"), "FILE,LINE,DATASET,REASON\n");
  const std::string challenges = out("challenges.csv");
  const std::vector<std::string> not_registered = challenges_of(challenges, "NOT_REGISTERED");
  ASSERT_EQ(not_registered.size(), 1u) << challenges;
  EXPECT_NE(not_registered[0].find(",apc,E201,,"), std::string::npos) << not_registered[0];
  EXPECT_NE(rule_row(out("summary_by_rule.csv"), "NOT_REGISTERED").find(",ran,1,"), std::string::npos)
      << out("summary_by_rule.csv");
}

}  // namespace
}  // namespace recon
