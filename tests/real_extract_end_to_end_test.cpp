// A small hand-made APC extract written the way real extracts write their values (SQL Server and UK dates,
// HES null dates, month-and-year dates of birth, "GP not known" codes, code fillers, marks and lists, site
// codes, NHS numbers through Excel), all of it consistent: every rule runs on it, no row is rejected and no
// challenge is raised. Before these values were read as the extract means them, most of its rows were
// rejects, and the rest drew challenges (a practice "V81999" the patient is not registered with, an
// 8-character "diagnosis" made of a list, a DOB "differing" from the register's).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "recon/cli/run_job.hpp"
#include "tests/read_whole_file.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using testing::valid_nhs;

using test_support::slurp;

// 9434765919 -> "9.434765919E+09", as Excel shows a ten-digit number in a narrow column.
std::string excel_scientific(const std::string& nhs) {
  return nhs.substr(0, 1) + '.' + nhs.substr(1) + "E+09";
}

class RealExtract : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_real_extract_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(RealExtract, RealValuesGiveNoRejectAndNoFalseChallenge) {
  const std::string p1 = valid_nhs(1), p2 = valid_nhs(2), p3 = valid_nhs(3), p4 = valid_nhs(4);
  std::ofstream(dir / "register.csv") << "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n"
                                      << p1 << ",A81001,1950-05-14,1,2000-01-01,,\n"
                                      << p2 << ",A81001,1948-02-01,2,2000-01-01,1800-01-01,\n"
                                      << p3 << ",A81001,1960-07-20,2,2000-01-01,,\n"
                                      << p4 << ",A81001,1955-03-03,1,2000-01-01,,\n";
  std::ofstream(dir / "apc.csv")
      << "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,TRETSPEF,SUSHRG,"
         "SUBDATE,DIAG_01,DIAG_02,DIAG_03,OPERTN_01\n"
      // A site code; an NHS number with Excel's ".0"; MYDOB; SQL Server and UK dates; an X filler; a dot.
      << "S1,RTH08," << p1
      << ".0,051950,1,A81001,2025-04-01 00:00:00.000,03/04/2025,11,1,110,HN12B,,M170,I10X,,"
      << "W40.1\n"
      // Excel's scientific notation; GP not known; a HES null DOB and SUBDATE; ISO date-times; SUS's list of
      // all diagnoses in DIAG_01 (a repeated code); HES's '-' for no procedure.
      << "S2,RTH00," << excel_scientific(p2)
      << ",1800-01-01,2,V81999,2025-05-02T10:30:00,2025-05-04T09:00:00,21,1,300,DZ22C,1801-01-01,"
         "\"||J189 ,I10X ||J189\",,,-   \n"
      // YYYY-MM DOB; HES's '&' for the practice; a lone X filler; a dagger and an asterisk.
      << "S3,RTH," << p3
      << ",1960-07,2,&,02/06/2025,2025-06-02,12,2,110,HN12B,,M17.0†,X,I10*,W401+\n"
      // An unreadable DOB is blanked (counted in data_quality.csv), not a reject; V81998: not applicable.
      << "S4,rth," << p4 << ",1955-13-03,1,V81998,2025-07-01,2025-07-03,21,1,300,DZ22C,,J18.9,,,&   \n";
  RunConfig c;
  c.reference_dir = std::string(RECON_SOURCE_DIR) + "/tests/data/reference";
  c.apc = {(dir / "apc.csv").string()};
  c.register_file = (dir / "register.csv").string();
  c.out_dir = (dir / "out").string();
  c.threads = 2;
  c.quiet = true;
  c.rule_options.as_of = make_day(2026, 1, 1);
  run_recon(c);

  EXPECT_EQ(slurp(dir / "out" / "rejects.csv"), "FILE,LINE,DATASET,REASON\n");
  EXPECT_EQ(slurp(dir / "out" / "challenges.csv").find('\n') + 1,
            slurp(dir / "out" / "challenges.csv").size())
      << "no challenge, only the header:\n"
      << slurp(dir / "out" / "challenges.csv");
  // The four records are RTH's, and the one unreadable value is counted.
  const std::string quality = slurp(dir / "out" / "data_quality.csv");
  EXPECT_NE(quality.find("\nRTH,apc,4,"), std::string::npos) << quality;
  EXPECT_TRUE(quality.ends_with(",1,DOB=1\n")) << quality;
  // Every rule that needs only APC, the register and the reference ran (none was skipped for its inputs
  // except those needing referrals or condition registers).
  const std::string rules = slurp(dir / "out" / "summary_by_rule.csv");
  for (const char* rule : {"NHS_INVALID", "NOT_REGISTERED", "DEMOGRAPHICS", "DATE_IMPOSSIBLE", "CODE_INVALID",
                           "CODE_AGE", "PRIMARY_INVALID", "CC_UNSUPPORTED", "HRG_UNKNOWN", "READMIT"}) {
    const std::size_t line = rules.find('\n' + std::string(rule) + ',');
    ASSERT_NE(line, std::string::npos) << rule;
    const std::string row = rules.substr(line + 1, rules.find('\n', line + 1) - line - 1);
    EXPECT_NE(row.find(",ran,0,0.00,4,"), std::string::npos) << "ran on the 4 records, no challenge: " << row;
  }
}

}  // namespace
}  // namespace recon
