// A rule that ran on no records checked nothing, and says so (issue 10): the patient rules only see records
// with a valid NHS number, so on an extract where none is valid they "ran" and found "0 challenges", which
// read as a clean bill. The terminal summary, summary_by_rule.csv (RECORDS_CHECKED, NOTE), run_summary.json
// and report.html now say how many records each rule was handed, and call out the ones handed none.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "recon/writers/run_summaries.hpp"
#include "rules/registry.hpp"
#include "tests/recon_binary.hpp"
#include "tests/rule_harness.hpp"

namespace {
namespace fs = std::filesystem;

using Output = recon::test_support::BinaryOutput;
Output run(const std::string& args) { return recon::test_support::run_recon_binary(args); }
std::string slurp(const fs::path& p) { return recon::test_support::read_whole_file(p); }

std::vector<std::string> patient_rule_ids() {
  std::vector<std::string> ids;
  for (const recon::Rule* rule : recon::RuleRegistry::instance().all())
    if (dynamic_cast<const recon::PatientRule*>(rule)) ids.emplace_back(rule->info().id);
  return ids;
}

// summary_by_rule.csv by rule id: the line's text (the rules' titles hold no commas to split on wrongly).
// Each rule's row of summary_by_rule.csv, without its last column (RUN_ID, tested in run_id_test.cpp).
std::map<std::string, std::string> rule_lines(const std::string& csv) {
  std::map<std::string, std::string> out;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) out[line.substr(0, line.find(','))] = line.substr(0, line.rfind(','));
  return out;
}

class RulesCheckedNothing : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_rules_checked_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
  }
  void TearDown() override { fs::remove_all(dir); }

  Output run_on(const std::string& apc) {
    std::ofstream(dir / "apc.csv") << apc;
    return run("run --apc " + (dir / "apc.csv").string() + " --as-of 2026-01-01 --no-progress --out " +
               (dir / "out").string());
  }
};

constexpr const char* kNote = "ran on 0 records: no activity records with a valid NHS number";

TEST_F(RulesCheckedNothing, NoValidNhsNumberAnywhere) {
  const std::vector<std::string> patient_rules = patient_rule_ids();
  ASSERT_FALSE(patient_rules.empty());
  const Output o = run_on(
      "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG,PRICE\n"
      "S1,RXH,1234567890,2025-04-01,2025-04-02,EB03C,100.00\n"
      "S2,RXH,1234567890,2025-04-01,2025-04-02,EB03C,100.00\n"  // a duplicate DUP cannot see
      "S3,RXH,,2025-04-05,2025-04-06,EB03C,100.00\n");
  ASSERT_EQ(o.status, 0) << o.text;

  // Terminal: each patient rule says it checked nothing, instead of "0 challenges".
  for (const std::string& id : patient_rules)
    EXPECT_NE(o.text.find("  " + id + ": " + kNote + ", so nothing was checked\n"), std::string::npos)
        << id << "\n"
        << o.text;
  EXPECT_NE(o.text.find("NHS_INVALID"), std::string::npos);
  EXPECT_EQ(o.text.find("NHS_INVALID: ran on 0"), std::string::npos) << "a row rule saw all three rows";

  // summary_by_rule.csv: the six original columns unchanged, RECORDS_CHECKED and NOTE after them.
  const std::string csv = slurp(dir / "out" / "summary_by_rule.csv");
  EXPECT_EQ(csv.substr(0, csv.find('\n')),
            "RULE,TITLE,SEVERITY,STATUS,CHALLENGES,AMOUNT_AT_RISK,RECORDS_CHECKED,NOTE,RUN_ID");
  const auto lines = rule_lines(csv);
  for (const std::string& id : patient_rules) {
    ASSERT_TRUE(lines.count(id)) << id;
    EXPECT_TRUE(lines.at(id).ends_with(",ran,0,0.00,0," + std::string(kNote))) << lines.at(id);
  }
  ASSERT_TRUE(lines.count("NHS_INVALID"));
  EXPECT_TRUE(lines.at("NHS_INVALID").ends_with(",ran,3,300.00,3,")) << lines.at("NHS_INVALID");

  // run_summary.json and report.html.
  const std::string json = slurp(dir / "out" / "run_summary.json");
  EXPECT_NE(json.find("{\"id\": \"" + patient_rules[0] + "\", \"ran\": true, \"records_checked\": 0}"),
            std::string::npos)
      << json;
  const std::string report = slurp(dir / "out" / "report.html");
  EXPECT_NE(report.find(kNote), std::string::npos);
  EXPECT_NE(report.find(std::to_string(patient_rules.size()) + " ran on 0 records, so checked nothing"),
            std::string::npos);
}

TEST_F(RulesCheckedNothing, RulesThatSawRecordsSayHowMany) {
  const std::string valid = recon::testing::valid_nhs(1);
  const std::string header = "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG,PRICE\n";
  const Output o = run_on(header + "S1,RXH," + valid + ",2025-04-01,2025-04-02,EB03C,100.00\n" +
                          "S2,RXH,1234567890,2025-04-01,2025-04-02,EB03C,100.00\n");
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_EQ(o.text.find("ran on 0 records"), std::string::npos) << o.text;
  const auto lines = rule_lines(slurp(dir / "out" / "summary_by_rule.csv"));
  for (const std::string& id : patient_rule_ids()) {
    ASSERT_TRUE(lines.count(id)) << id;
    EXPECT_TRUE(lines.at(id).ends_with(",1,")) << "one record with a valid NHS number: " << lines.at(id);
  }
  EXPECT_TRUE(lines.at("NHS_INVALID").ends_with(",2,")) << lines.at("NHS_INVALID");
  EXPECT_EQ(slurp(dir / "out" / "report.html").find("ran on 0 records"), std::string::npos);
}

TEST(RuleStatusNote, OnlyForRulesThatRanOnNothing) {
  recon::RuleStatus ran{"DUP", true, {}, 5, "activity records with a valid NHS number"};
  EXPECT_EQ(recon::no_records_note(ran), "");
  ran.records_checked = 0;
  EXPECT_EQ(recon::no_records_note(ran), kNote);
  const recon::RuleStatus skipped{"NOT_REGISTERED", false, "no practice register supplied", 0, {}};
  EXPECT_EQ(recon::no_records_note(skipped), "") << "a skipped rule already says why";
}

}  // namespace
