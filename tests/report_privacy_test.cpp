// report.html is the file that circulates (issue 10): it must carry no NHS number and no date of birth of the
// input, in any spelling, nor a record id (ids can embed either). Checked on report.html as the real `recon`
// binary writes it, from the bundled samples/ and from an extract crafted to leak: record ids built from NHS
// numbers and dates of birth, a date of birth that disagrees with the register (DEMOGRAPHICS quotes both), a
// date of birth after admission, activity after death, an invalid NHS number.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "tests/rule_harness.hpp"

namespace {
namespace fs = std::filesystem;

int run(const std::string& args) {
  const std::string cmd = std::string(RECON_BINARY) + " " + args + " >/dev/null 2>&1";
  const int st = std::system(cmd.c_str());
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The values of the named columns in a simple CSV file (the samples quote nothing in these columns).
std::set<std::string> column_values(const fs::path& file, const std::set<std::string>& columns) {
  std::ifstream in(file);
  std::string line;
  std::getline(in, line);
  auto split = [](const std::string& s) {
    std::vector<std::string> out(1);
    for (char c : s) {
      if (c == ',')
        out.emplace_back();
      else if (c != '\r')
        out.back() += c;
    }
    return out;
  };
  std::vector<std::size_t> wanted;
  const std::vector<std::string> header = split(line);
  for (std::size_t i = 0; i < header.size(); ++i)
    if (columns.count(header[i])) wanted.push_back(i);
  std::set<std::string> values;
  while (std::getline(in, line)) {
    const std::vector<std::string> fields = split(line);
    for (std::size_t i : wanted)
      if (i < fields.size() && !fields[i].empty()) values.insert(fields[i]);
  }
  return values;
}

// Every way the report could spell an NHS number or a date of birth.
std::vector<std::string> spellings_of_nhs(const std::string& nhs) {
  if (nhs.size() != 10) return {nhs};
  return {nhs, nhs.substr(0, 3) + " " + nhs.substr(3, 3) + " " + nhs.substr(6),
          nhs.substr(0, 3) + "-" + nhs.substr(3, 3) + "-" + nhs.substr(6)};
}
std::vector<std::string> spellings_of_date(const std::string& iso) {  // "1980-03-14"
  if (iso.size() != 10 || iso[4] != '-') return {iso};
  const std::string y = iso.substr(0, 4), m = iso.substr(5, 2), d = iso.substr(8, 2);
  return {iso, y + m + d, d + "/" + m + "/" + y};
}

void expect_absent(const std::string& report, const std::set<std::string>& values,
                   std::vector<std::string> (*spellings)(const std::string&), const char* what) {
  ASSERT_FALSE(values.empty()) << "no " << what << " found in the input: the test would prove nothing";
  for (const std::string& v : values)
    for (const std::string& s : spellings(v))
      EXPECT_EQ(report.find(s), std::string::npos) << what << " " << s << " is in report.html";
}

class ReportPrivacy : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_report_privacy_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }
};

TEST_F(ReportPrivacy, SamplesReportHasNoNhsNumberOrDateOfBirth) {
  const fs::path s = fs::path(RECON_SOURCE_DIR) / "samples";
  const std::string out = (dir / "out").string();
  ASSERT_EQ(
      run("run --apc " + (s / "apc.csv").string() + " --op " + (s / "op.csv").string() + " --ae " +
          (s / "ae.csv").string() + " --register " + (s / "register.csv").string() + " --referrals " +
          (s / "referrals.csv").string() + " --conditions " + (s / "conditions.csv").string() +
          " --reference " + (s / "reference").string() + " --as-of 2026-06-30 --no-progress --out " + out),
      0);
  const std::string report = slurp(dir / "out" / "report.html");
  ASSERT_NE(report.find("</html>"), std::string::npos);

  std::set<std::string> nhs, dob;
  for (const char* f : {"apc.csv", "op.csv", "ae.csv", "register.csv", "referrals.csv", "conditions.csv"}) {
    for (const std::string& v : column_values(s / f, {"NHSNUMBER"})) nhs.insert(v);
    for (const std::string& v : column_values(s / f, {"DOB"})) dob.insert(v);
  }
  expect_absent(report, nhs, spellings_of_nhs, "NHS number");
  expect_absent(report, dob, spellings_of_date, "date of birth");
  EXPECT_FALSE(std::regex_search(report, std::regex(R"(\d{10})"))) << "no run of ten digits at all";
  // The samples' DEMOGRAPHICS challenges quote dates of birth in the challenge list, not in the report.
  EXPECT_NE(slurp(dir / "out" / "challenges.csv").find("dob_record="), std::string::npos)
      << "the samples should exercise DEMOGRAPHICS";
}

TEST_F(ReportPrivacy, RecordIdsThatEmbedNhsNumbersAndDatesOfBirthStayOut) {
  using recon::testing::valid_nhs;
  const std::string a = valid_nhs(1), b = valid_nhs(2), c = valid_nhs(3);
  const std::string a_spaced = a.substr(0, 3) + " " + a.substr(3, 3) + " " + a.substr(6);
  const std::vector<std::string> ids = {"S" + a,      b + "0001",     "RX1-" + a_spaced + "-2",
                                        "P19800315X", "ID1234567890", "Q" + c + "D2025-05-01"};
  std::ofstream(dir / "register.csv") << "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n"
                                      << a << ",A81001,1980-03-14,1,2000-01-01,,\n"
                                      << b << ",A81001,1975-07-22,2,2000-01-01,,2025-03-01\n"
                                      << c << ",A81001,2025-05-01,2,2025-05-01,,\n";
  std::ofstream(dir / "apc.csv")
      << "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,SUSHRG,PRICE\n"
      // DEMOGRAPHICS: the record's date of birth (1980-03-15) is not the register's (1980-03-14).
      << ids[0] << ",RXH," << a
      << ",1980-03-15,1,A81001,2025-04-01,2025-04-02,EB03C,5000.00\n"
      // AFTER_DEATH: admitted after the register's date of death.
      << ids[1] << ",RXH," << b
      << ",1975-07-22,2,A81001,2025-04-05,2025-04-06,EB03C,6000.00\n"
      // DUP of the first spell, its id carrying the NHS number spaced 3-3-4.
      << ids[2] << ",RXH," << a << ",1980-03-15,1,A81001,2025-04-01,2025-04-02,EB03C,5000.00\n"
      << ids[3] << ",RXH," << a
      << ",1980-03-15,1,A81001,2025-06-01,2025-06-02,EB03C,4000.00\n"
      // NHS_INVALID: an NHS number that fails Modulus 11 is still patient data.
      << ids[4]
      << ",RXH,1234567890,1990-01-02,1,A81001,2025-04-01,2025-04-02,EB03C,3000.00\n"
      // DATE_IMPOSSIBLE: admitted before the date of birth.
      << ids[5] << ",RXH," << c << ",2025-05-01,2,A81001,2025-04-10,2025-04-11,EB03C,7000.00\n";
  const std::string ref = (fs::path(RECON_SOURCE_DIR) / "tests/data/reference").string();
  ASSERT_EQ(run("run --apc " + (dir / "apc.csv").string() + " --register " + (dir / "register.csv").string() +
                " --reference " + ref + " --as-of 2026-01-01 --no-progress --out " + (dir / "out").string()),
            0);
  const std::string report = slurp(dir / "out" / "report.html");
  const std::string challenges = slurp(dir / "out" / "challenges.csv");
  ASSERT_NE(report.find("</html>"), std::string::npos);
  // The challenge list does carry them: the report is where they must not be.
  for (const char* rule : {",DEMOGRAPHICS,", ",AFTER_DEATH,", ",DUP,", ",NHS_INVALID,", ",DATE_IMPOSSIBLE,"})
    EXPECT_NE(challenges.find(rule), std::string::npos) << rule << " should fire:\n" << challenges;
  EXPECT_NE(challenges.find("dob_record=1980-03-15; dob_register=1980-03-14"), std::string::npos);

  expect_absent(report, {a, b, c, "1234567890"}, spellings_of_nhs, "NHS number");
  expect_absent(report, {"1980-03-14", "1980-03-15", "1975-07-22", "2025-05-01", "1990-01-02"},
                spellings_of_date, "date of birth");
  for (const std::string& id : ids) EXPECT_EQ(report.find(id), std::string::npos) << "record id " << id;
  EXPECT_FALSE(std::regex_search(report, std::regex(R"(\d{10})")));
  // The report still lists the challenges, by challenge id and rule.
  EXPECT_NE(report.find(">CH00000001<"), std::string::npos);
  EXPECT_NE(report.find(">DEMOGRAPHICS<"), std::string::npos);
}

}  // namespace
