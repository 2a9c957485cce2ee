// `recon run` on extracts in a named layout, as a user runs it: the hand-made SUS files of
// tests/data/layouts/ are detected, read onto the contract's columns and accepted; --layout forces a layout
// or refuses a name.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <sstream>

#include "tests/recon_binary.hpp"

namespace {
namespace fs = std::filesystem;

using recon::test_support::read_whole_file;
using recon::test_support::run_recon_binary;

const std::string kLayouts = std::string(RECON_SOURCE_DIR) + "/tests/data/layouts";

// The data lines of a fixture whose derived date of birth has both its parts (month and year): the only
// rows that may be rejected, and only for their date of birth, until every value parser reads MMYYYY.
const std::map<std::string, std::set<std::string>> kLinesWithMonthAndYearOfBirth = {
    {kLayouts + "/sus_apc.csv", {"2", "4", "6"}},
    {kLayouts + "/sus_op.csv", {"2", "5"}},
    {kLayouts + "/sus_ae.csv", {"3"}}};

std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream ss(line);
  for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
  return fields;
}

class LayoutsEndToEnd : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_layouts_e2e_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string sus_args(const std::string& extra = "") const {
    return "run --apc " + kLayouts + "/sus_apc.csv --op " + kLayouts + "/sus_op.csv --ae " + kLayouts +
           "/sus_ae.csv --as-of 2026-06-30 --no-progress --out " + (dir / "out").string() + extra;
  }
};

TEST_F(LayoutsEndToEnd, SusExtractsAreDetectedAndAcceptedWithNoRejectForAFormatReason) {
  const auto o = run_recon_binary(sus_args());
  ASSERT_EQ(o.status, 0) << o.text;
  for (const char* file : {"sus_apc.csv", "sus_op.csv", "sus_ae.csv"})
    EXPECT_NE(o.text.find(kLayouts + "/" + file + ": read in the sus layout (detected from its header)"),
              std::string::npos)
        << o.text;
  EXPECT_NE(o.text.find("11 rows in = "), std::string::npos) << o.text;
  // Every row is accepted, except (until the value parser reads a month-and-year date of birth) a row whose
  // date of birth is derived, and then only for that.
  std::stringstream rejects(read_whole_file(dir / "out" / "rejects.csv"));
  std::string line;
  std::getline(rejects, line);
  EXPECT_EQ(line, "FILE,LINE,DATASET,REASON");
  while (std::getline(rejects, line)) {
    const std::vector<std::string> f = fields_of(line);
    ASSERT_GE(f.size(), 4u) << line;
    EXPECT_TRUE(kLinesWithMonthAndYearOfBirth.at(f[0]).count(f[1]))
        << "rejected for a format reason: " << line;
    EXPECT_NE(f[3].find("DOB"), std::string::npos) << "rejected for a format reason: " << line;
  }
  // OPA has the NHS number beside the pseudonym: the number is read, so only the record without one fails
  // the NHS number check.
  std::stringstream challenges(read_whole_file(dir / "out" / "challenges.csv"));
  std::set<std::string> op_invalid;
  while (std::getline(challenges, line)) {
    const std::vector<std::string> f = fields_of(line);
    if (f.size() > 6 && f[1] == "NHS_INVALID" && f[5] == "op") op_invalid.insert(f[6]);
  }
  EXPECT_EQ(op_invalid, (std::set<std::string>{"600000004"}));
}

TEST_F(LayoutsEndToEnd, ForcingTheContractsLayoutOnSusColumnsNamesTheMissingColumns) {
  const auto o = run_recon_binary(sus_args(" --layout contract"));
  EXPECT_EQ(o.status, 1) << o.text;
  EXPECT_NE(o.text.find("missing required column(s) SUSSPELLID"), std::string::npos) << o.text;
  EXPECT_EQ(o.text.find("read in the"), std::string::npos)
      << "no layout notice for the contract's: " << o.text;
}

TEST_F(LayoutsEndToEnd, ForcingSusIsSaidAsSuch) {
  const auto o = run_recon_binary(sus_args(" --layout sus"));
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find(kLayouts + "/sus_op.csv: read in the sus layout (--layout sus)"), std::string::npos)
      << o.text;
}

TEST_F(LayoutsEndToEnd, AnUnknownLayoutIsAUsageError) {
  const auto o = run_recon_binary(sus_args(" --layout sem"));
  EXPECT_EQ(o.status, 2) << o.text;
  EXPECT_NE(o.text.find("--layout 'sem' is not one of contract, hes, sus, auto"), std::string::npos)
      << o.text;
}

TEST_F(LayoutsEndToEnd, TheLayoutsCommandListsThem) {
  const auto o = run_recon_binary("layouts");
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("NHSNUMBER <- NEWNHSNO, else PSEUDO_HESID"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("DOB <- Month_of_Birth_SUS (2 digits) + Year_of_Birth_SUS (4 digits)"),
            std::string::npos)
      << o.text;
  EXPECT_EQ(run_recon_binary("layouts --bogus").status, 2);
}

}  // namespace
