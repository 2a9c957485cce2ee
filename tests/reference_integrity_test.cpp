// Reference tables are the price list: a duplicate key, a row that cannot be read or a negative price is a
// fatal error naming file, line and key (never a silent last-row-wins, nor a tariff row quietly dropped so
// that every spell with that HRG becomes a challenge). A missing table skips the rules that need it, and
// the run says why.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parsers/fatal_error.hpp"
#include "recon/cli/run_job.hpp"
#include "recon/engine/table_loader.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

class ReferenceIntegrity : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_refdata_test_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir / "reference");
  }
  void TearDown() override { fs::remove_all(dir); }
  void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }
  void table(const std::string& name, const std::string& text) { write(dir / "reference" / name, text); }

  // load_reference's fatal message, or "" if the tables load.
  std::string load_error() {
    std::vector<std::string> paths;
    std::vector<Reject> rejects;
    std::vector<FileCounts> counts;
    LoadContext ctx{nullptr, 1, &paths, &rejects, &counts, {}};
    Reference ref;
    try {
      load_reference((dir / "reference").string(), ref, ctx);
    } catch (const FatalError& e) {
      return e.what();
    }
    EXPECT_TRUE(rejects.empty()) << "a reference row is never a reject";
    return "";
  }
  std::string path_of(const std::string& name) const { return (dir / "reference" / name).string(); }
};

const char* const kTariffApcHeader =
    "HRG,NAME,DAYCASE,ELECTIVE,NONELECTIVE,EL_TRIM,NEL_TRIM,EXCESS_BED_DAY,SSEM\n";

TEST_F(ReferenceIntegrity, CleanTablesLoad) {
  table("tariff_apc.csv", std::string(kTariffApcHeader) +
                              "EB03C,Heart failure,,2000.00,3000.00,5,10,250.00,\n" +
                              "EB03D,Heart failure,,\"1,800.00\",\"1,900.00\",5,10,250.00,75\n");
  table("icd10.csv", "CODE,SEX\nI50,\nI50.0,\n");
  EXPECT_EQ(load_error(), "");
}

TEST_F(ReferenceIntegrity, DuplicateTariffKeyIsFatalNamingFileLineAndKey) {
  table("tariff_apc.csv", std::string(kTariffApcHeader) +
                              "EB03C,Heart failure,,2000.00,3000.00,5,10,250.00,\n" +
                              "EB03D,Heart failure,,1800.00,1900.00,5,10,250.00,\n" +
                              "eb03c,Heart failure,,20.00,30.00,5,10,250.00,\n");
  EXPECT_EQ(load_error(), "reference table " + path_of("tariff_apc.csv") +
                              " line 4: HRG 'eb03c': duplicate HRG: an earlier row has the same HRG (a "
                              "reference table holds one row per key) (reference tables must be exact: fix "
                              "the row and run again)");
}

TEST_F(ReferenceIntegrity, UnparseableTariffRowIsFatalNotADroppedRow) {
  table("tariff_ae.csv", "HRG,PRICE\nVB01Z,350.00\nVB11Z,12O.00\n");
  const std::string err = load_error();
  EXPECT_NE(
      err.find(path_of("tariff_ae.csv") + " line 3: HRG 'VB11Z': PRICE '12O.00' is not an amount of money"),
      std::string::npos)
      << err;
}

TEST_F(ReferenceIntegrity, NegativeOrAbsurdTariffPriceIsFatal) {
  table("tariff_op.csv", "TRETSPEF,FIRST,FOLLOWUP\n100,150.00,-90.00\n");
  std::string err = load_error();
  EXPECT_NE(err.find(path_of("tariff_op.csv") + " line 2: TRETSPEF '100': negative FOLLOWUP '-90.00'"),
            std::string::npos)
      << err;
  table("tariff_op.csv", "TRETSPEF,FIRST,FOLLOWUP\n100,150.00,90.00\n110,999999999999999,90.00\n");
  err = load_error();
  EXPECT_NE(err.find("line 3: TRETSPEF '110': FIRST '###############' is above the 10000000.00 limit"),
            std::string::npos)
      << err;
}

TEST_F(ReferenceIntegrity, AmbiguousCommaInATariffPriceIsFatal) {
  table("tariff_ae.csv", "HRG,PRICE\nVB01Z,\"350,50\"\n");
  EXPECT_NE(load_error().find("line 2: HRG 'VB01Z': PRICE '350,50' is not an amount of money"),
            std::string::npos);
}

TEST_F(ReferenceIntegrity, SsemMustBeAWholePercentage) {
  table("tariff_apc.csv",
        std::string(kTariffApcHeader) + "EB03C,Heart failure,,2000.00,3000.00,5,10,250.00,150%\n");
  EXPECT_NE(load_error().find("line 2: HRG 'EB03C': SSEM '150%' is not a whole percentage from 0 to 100"),
            std::string::npos);
}

TEST_F(ReferenceIntegrity, DuplicateCodesAfterNormalisingAreFatal) {
  table("icd10.csv", "CODE,SEX\nI50.0,\nI500,\n");
  EXPECT_NE(load_error().find(path_of("icd10.csv") + " line 3: CODE 'I500': duplicate CODE"),
            std::string::npos);
  fs::remove(dir / "reference" / "icd10.csv");
  table("qof_map.csv", "CODE_PREFIX,REGISTER\nE11,DM\nE11,CKD\n");
  EXPECT_NE(load_error().find(path_of("qof_map.csv") + " line 3: CODE_PREFIX 'E11': duplicate CODE_PREFIX"),
            std::string::npos);
  fs::remove(dir / "reference" / "qof_map.csv");
  table("calendar.csv",
        "ACTIVITY_MONTH,INCLUSION_DATE,RECONCILIATION_DATE\n2025-04,2025-05-20,2025-06-20\n"
        "2025-04,2025-05-21,2025-06-21\n");
  EXPECT_NE(load_error().find(path_of("calendar.csv") + " line 3: ACTIVITY_MONTH '2025-04': duplicate"),
            std::string::npos);
}

TEST_F(ReferenceIntegrity, MalformedCsvRowInAReferenceTableIsFatal) {
  table("hrg_cc_bands.csv", "HRG,MIN_SCORE,MAX_SCORE\nEB03A,10,99\nEB03B,5\n");
  EXPECT_EQ(load_error(),
            "reference table " + path_of("hrg_cc_bands.csv") +
                " line 3: has 2 fields, header has 3 (reference tables must be exact: fix the row "
                "and run again)");
}

TEST_F(ReferenceIntegrity, TheFirstBadRowIsTheOneReported) {
  table("tariff_ae.csv", "HRG,PRICE\nVB01Z,350.00\nVB11Z,-1\nVB01Z,350.00\n");
  EXPECT_NE(load_error().find("line 3: HRG 'VB11Z': negative PRICE"), std::string::npos);
}

TEST(ReferenceTablesMissing, RulesThatNeedATableAreSkippedAndSayWhich) {
  EXPECT_EQ(testing::why_rule_does_not_run("HRG_UNKNOWN"),
            "no tariff_apc, tariff_op, tariff_ae reference tables supplied");
  EXPECT_EQ(testing::why_rule_does_not_run("PRIMARY_INVALID"), "no icd10 reference table supplied");
}

TEST_F(ReferenceIntegrity, RunWithoutTariffApcReportsHrgUnknownSkippedNotRanWithNoChallenges) {
  for (const auto& entry : fs::directory_iterator(fs::path(RECON_SOURCE_DIR) / "tests/data/reference"))
    if (entry.path().filename() != "tariff_apc.csv")
      fs::copy_file(entry.path(), dir / "reference" / entry.path().filename());
  write(dir / "apc.csv",
        "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG,PRICE\n"
        "S1,RXH," +
            testing::valid_nhs(1) + ",2025-03-10,2025-03-12,XX99Z,2500.00\n");
  RunConfig c;
  c.apc = {(dir / "apc.csv").string()};
  c.reference_dir = (dir / "reference").string();
  c.out_dir = (dir / "out").string();
  c.quiet = true;
  c.threads = 1;
  c.rule_options.as_of = make_day(2026, 1, 1);
  const RunResult r = run_recon(c);
  bool found = false;
  for (const RuleStatus& s : r.rules) {
    if (s.id != "HRG_UNKNOWN") continue;
    found = true;
    EXPECT_FALSE(s.ran);
    EXPECT_EQ(s.why_not, "no tariff_apc reference table supplied");
  }
  EXPECT_TRUE(found);
  std::ifstream in(dir / "out" / "summary_by_rule.csv");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_NE(ss.str().find("skipped: no tariff_apc reference table supplied"), std::string::npos) << ss.str();
}

}  // namespace
}  // namespace recon
