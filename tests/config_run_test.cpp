// recon run --config end to end: the file's settings reach the challenge list, the summaries,
// run_summary.json, the report and the run id; the command line overrides the file; a provider's settings
// touch only that provider's challenges; a config error stops the run with file, line and key.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using test_support::read_whole_file;
using test_support::run_recon_binary;
using test_support::write_whole_file;

const std::string kSamples = std::string(RECON_SOURCE_DIR) + "/samples";

// Two patients, each with an elective spell and an emergency readmission 20 days after its discharge: one at
// RTH, one at RJ1. With the default 30-day window both readmissions are READMIT challenges.
const std::string kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,ADMISORC,DISMETH,CLASSPAT,"
    "TRETSPEF,"
    "SUSHRG,DIAG_01,SUBDATE,PRICE\n";
const std::string kApc =
    kApcHeader +
    "A1,RTH,6482671284,1950-10-26,1,B81001,2025-10-01,2025-10-03,11,19,1,1,120,CB01A,H81.1,"
    "2025-11-02,1000.00\n"
    "A2,RTH,6482671284,1950-10-26,1,B81001,2025-10-23,2025-10-25,21,19,1,1,120,CB01A,H81.1,"
    "2025-11-02,800.00\n"
    "B1,RJ1,7661768313,1960-03-14,2,C81001,2025-10-01,2025-10-03,11,19,1,1,120,CB01A,H81.1,"
    "2025-11-02,1000.00\n"
    "B2,RJ1,7661768313,1960-03-14,2,C81001,2025-10-23,2025-10-25,21,19,1,1,120,CB01A,H81.1,"
    "2025-11-02,600.00\n";

// READMIT's catalogue severity, as `recon rules` prints it ("READMIT  [MEDIUM]  ..."): what its challenges
// carry when nothing configures it.
const std::string& readmit_severity() {
  static const std::string severity = [] {
    const std::string text = run_recon_binary("rules").text;
    const std::size_t at = text.find("READMIT  [") + 10;
    return text.substr(at, text.find(']', at) - at);
  }();
  return severity;
}

struct Row {
  std::string rule, severity, provider, record, challenged;
};

std::vector<Row> rows_of(const std::string& csv) {
  std::vector<Row> rows;
  std::istringstream in(csv);
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::string field;
    std::istringstream fields(line);
    while (std::getline(fields, field, ',')) f.push_back(field);
    if (f.size() > 10) rows.push_back({f[1], f[2], f[3], f[6], f[10]});
  }
  return rows;
}

class ConfigRun : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_config_run_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::create_directories(dir);
    write_whole_file(dir / "apc.csv", kApc);
  }
  void TearDown() override { fs::remove_all(dir); }

  std::string config(const std::string& text) {
    write_whole_file(dir / "contract.toml", text);
    return (dir / "contract.toml").string();
  }
  // Runs on the two-patient file; returns the output directory.
  fs::path run(const std::string& name, const std::string& extra) {
    const fs::path out = dir / name;
    const auto o =
        run_recon_binary("run --apc " + (dir / "apc.csv").string() +
                         " --as-of 2026-06-30 --no-progress --quiet " + extra + " --out " + out.string());
    EXPECT_EQ(o.status, 0) << o.text;
    return out;
  }
  // The READMIT challenges: record id -> "SEVERITY CHALLENGED".
  std::map<std::string, std::string> readmits(const fs::path& out) {
    std::map<std::string, std::string> found;
    for (const Row& r : rows_of(read_whole_file(out / "challenges.csv")))
      if (r.rule == "READMIT") found[r.record] = r.severity + " " + r.challenged;
    return found;
  }
  std::string run_id(const fs::path& out) {
    std::smatch m;
    const std::string manifest = read_whole_file(out / "run_manifest.json");
    EXPECT_TRUE(std::regex_search(manifest, m, std::regex("\"run_id\": \"([0-9a-f]{16})\"")));
    return m[1];
  }
};

TEST_F(ConfigRun, WithoutConfigBothReadmissionsAreChallengedAtTheCatalogueSeverity) {
  const auto found = readmits(run("plain", ""));
  ASSERT_EQ(found.size(), 2u);
  EXPECT_EQ(found.at("A2"), readmit_severity() + " 800.00");
  EXPECT_EQ(found.at("B2"), readmit_severity() + " 600.00");
}

TEST_F(ConfigRun, RunWideSeverityAndShareNotPaid) {
  const fs::path out = run(
      "share", "--config " + config("[rules.READMIT]\nseverity = \"HIGH\"\nreadmit-share-not-paid = 25\n"));
  const auto found = readmits(out);
  EXPECT_EQ(found.at("A2"), "HIGH 200.00");
  EXPECT_EQ(found.at("B2"), "HIGH 150.00");
  EXPECT_NE(read_whole_file(out / "summary_by_rule.csv").find("READMIT,Emergency"), std::string::npos);
  EXPECT_TRUE(std::regex_search(read_whole_file(out / "summary_by_rule.csv"),
                                std::regex("\nREADMIT,[^\n]*,HIGH,ran,2,350.00,")));
}

TEST_F(ConfigRun, AProvidersOptionAffectsOnlyThatProvidersChallenges) {
  // A 14-day window at RTH only: RTH's readmission (20 days) is no longer one; RJ1's still is.
  const std::string file = config("[providers.RTH.rules.READMIT]\nreadmit-days = 14\n");
  auto found = readmits(run("window", "--config " + file));
  EXPECT_EQ(found.count("A2"), 0u);
  EXPECT_EQ(found.at("B2"), readmit_severity() + " 600.00");
  // Half not paid at RJ1 only.
  found = readmits(
      run("half", "--config " + config("[providers.RJ1.rules.READMIT]\nreadmit-share-not-paid = 50\n")));
  EXPECT_EQ(found.at("A2"), readmit_severity() + " 800.00");
  EXPECT_EQ(found.at("B2"), readmit_severity() + " 300.00");
}

TEST_F(ConfigRun, AProvidersSeverityAndEnabledAffectOnlyThatProvider) {
  auto found =
      readmits(run("sev", "--config " + config("[providers.RJ1.rules.READMIT]\nseverity = \"LOW\"\n")));
  EXPECT_EQ(found.at("A2"), readmit_severity() + " 800.00");
  EXPECT_EQ(found.at("B2"), "LOW 600.00");
  found = readmits(run("off", "--config " + config("[providers.RTH.rules.READMIT]\nenabled = false\n")));
  EXPECT_EQ(found.count("A2"), 0u);
  EXPECT_EQ(found.at("B2"), readmit_severity() + " 600.00");
  // Off everywhere but on for RJ1: the rule runs, for RJ1 only.
  found = readmits(run("only", "--config " + config("[rules.READMIT]\nenabled = false\n"
                                                    "[providers.RJ1.rules.READMIT]\nenabled = true\n")));
  EXPECT_EQ(found.count("A2"), 0u);
  EXPECT_EQ(found.at("B2"), readmit_severity() + " 600.00");
}

TEST_F(ConfigRun, TheCommandLineOverridesTheFile) {
  const std::string file =
      config("[rules.READMIT]\nreadmit-days = 10\n[providers.RJ1.rules.READMIT]\nreadmit-days = 10\n");
  EXPECT_TRUE(readmits(run("file", "--config " + file)).empty());  // 20 days is outside 10 everywhere
  const fs::path out = run("flag", "--config " + file + " --readmit-days 30");
  EXPECT_EQ(readmits(out).size(), 2u);  // the flag's 30 days, for RJ1 too
  const std::string summary = read_whole_file(out / "run_summary.json");
  EXPECT_NE(summary.find("{\"name\": \"readmit-days\", \"value\": 30, \"from\": \"command line\"}"),
            std::string::npos)
      << summary;
  // --disable beats a provider's enabled = true.
  const std::string on = config("[providers.RJ1.rules.READMIT]\nenabled = true\n");
  const fs::path off = run("disable", "--config " + on + " --disable READMIT");
  EXPECT_TRUE(readmits(off).empty());
  EXPECT_NE(read_whole_file(off / "summary_by_rule.csv").find("skipped: disabled with --disable"),
            std::string::npos);
}

// --enable and --severity: the command line over the file, for every provider, shown as from the command
// line in recon rules, run_summary.json and the report.
TEST_F(ConfigRun, EnableAndSeverityOnTheCommandLine) {
  const std::string file = config(
      "[rules.READMIT]\nenabled = false\nseverity = \"HIGH\"\n"
      "[providers.RJ1.rules.READMIT]\nenabled = false\nseverity = \"LOW\"\n");
  EXPECT_TRUE(readmits(run("file", "--config " + file)).empty());
  const fs::path out = run("flags", "--config " + file + " --enable READMIT --severity READMIT=low");
  EXPECT_EQ(readmits(out), (std::map<std::string, std::string>{{"A2", "LOW 800.00"}, {"B2", "LOW 600.00"}}))
      << "enabled and LOW for RJ1 too, whatever its table says";
  const std::string summary = read_whole_file(out / "run_summary.json");
  EXPECT_NE(summary.find("{\"id\": \"READMIT\", \"enabled\": true, \"enabled_from\": \"command line\", "
                         "\"severity\": \"LOW\", \"severity_from\": \"command line\""),
            std::string::npos)
      << summary;
  const std::string report = read_whole_file(out / "report.html");
  EXPECT_NE(report.find("LOW <span class=\"muted small\">(command line)</span>"), std::string::npos);

  // Without a file: recorded all the same, so that a challenge's severity can be traced.
  const fs::path bare = run("bare", "--severity READMIT=HIGH");
  EXPECT_EQ(readmits(bare),
            (std::map<std::string, std::string>{{"A2", "HIGH 800.00"}, {"B2", "HIGH 600.00"}}));
  EXPECT_NE(read_whole_file(bare / "run_summary.json").find("\"severity_from\": \"command line\""),
            std::string::npos);
  EXPECT_NE(read_whole_file(bare / "report.html").find("<section id=\"configuration\">"), std::string::npos);
  EXPECT_NE(run_id(bare), run_id(run("plain", ""))) << "the severity in force keys the run";

  const auto rules =
      run_recon_binary("rules --config " + file + " --enable READMIT --severity READMIT=MEDIUM");
  ASSERT_EQ(rules.status, 0) << rules.text;
  EXPECT_NE(rules.text.find("in force: enabled (command line); severity MEDIUM (command line)"),
            std::string::npos)
      << rules.text;

  auto usage_error = [&](const std::string& flags) {
    return run_recon_binary("run --apc " + (dir / "apc.csv").string() + " --no-progress " + flags +
                            " --out " + (dir / "never").string());
  };
  for (const auto& [flags, message] : std::vector<std::pair<std::string, std::string>>{
           {"--enable NOPE", "recon run: --enable: unknown rule 'NOPE' (recon rules lists them)\n"},
           {"--severity NOPE=LOW", "recon run: --severity: unknown rule 'NOPE' (recon rules lists them)\n"},
           {"--severity READMIT=URGENT",
            "recon run: --severity READMIT: 'URGENT' is not HIGH, MEDIUM or LOW\n"},
           {"--severity READMIT",
            "recon run: --severity 'READMIT' is not RULE=LEVEL (e.g. --severity SPLIT=LOW)\n"},
           {"--enable READMIT --disable READMIT", "recon run: --enable and --disable both name READMIT\n"},
           {"--excluded-hrg-chapters X1",
            "recon run: --excluded-hrg-chapters: 'X1' is not an HRG chapter (two "
            "capital letters, e.g. XC)\n"}}) {
    const auto o = usage_error(flags);
    EXPECT_EQ(o.status, 2) << flags;
    EXPECT_EQ(o.text, message) << flags;
  }
  EXPECT_FALSE(fs::exists(dir / "never" / "run_manifest.json"));
  const auto bad_rules = run_recon_binary("rules --severity READMIT=URGENT");
  EXPECT_EQ(bad_rules.status, 2);
  EXPECT_EQ(bad_rules.text, "recon rules: --severity READMIT: 'URGENT' is not HIGH, MEDIUM or LOW\n");
}

// A code list on the command line: comma-separated, "" for none, over the file's, for every provider.
TEST_F(ConfigRun, CodeListsOnTheCommandLine) {
  write_whole_file(dir / "apc.csv",
                   kApcHeader +
                       "A1,RTH,6482671284,1950-10-26,1,B81001,2025-10-01,2025-10-01,11,19,1,2,"
                       "361,LD01A,N18.5,2025-11-02,200.00\n"
                       "B1,RJ1,7661768313,1960-03-14,2,C81001,2025-10-01,2025-10-01,11,19,1,2,"
                       "370,SB03Z,C50.9,2025-11-02,850.00\n");
  auto out_of_scope = [&](const fs::path& out) {
    std::vector<std::string> records;
    for (const Row& r : rows_of(read_whole_file(out / "challenges.csv")))
      if (r.rule == "OUT_OF_SCOPE") records.push_back(r.record);
    return records;
  };
  EXPECT_EQ(out_of_scope(run("defaults", "")), std::vector<std::string>{"B1"});
  const std::string file = config(
      "[rules.OUT_OF_SCOPE]\nexcluded-hrg-chapters = [\"LD\"]\n"
      "[providers.RJ1.rules.OUT_OF_SCOPE]\nexcluded-hrgs = []\n");
  EXPECT_EQ(out_of_scope(run("file", "--config " + file)), std::vector<std::string>{"A1"});
  const fs::path flags =
      run("flags", "--config " + file + " --excluded-hrg-chapters '' --excluded-hrgs SB03Z");
  EXPECT_EQ(out_of_scope(flags), std::vector<std::string>{"B1"}) << "the flags' lists, for RJ1 too";
  EXPECT_NE(read_whole_file(flags / "run_summary.json")
                .find("{\"name\": \"excluded-hrg-chapters\", \"codes\": [], \"from\": \"command line\"}"),
            std::string::npos);
  const auto rules = run_recon_binary("rules --config " + file);
  EXPECT_NE(rules.text.find("excluded-hrg-chapters LD (config); excluded-hrgs SB01Z, SB02Z"),
            std::string::npos)
      << rules.text;
  EXPECT_NE(rules.text.find("provider RJ1 (config): excluded-hrgs none"), std::string::npos) << rules.text;
}

TEST_F(ConfigRun, ADisabledRuleIsReportedAsNotRunWithTheFile) {
  const std::string file = config("[rules.READMIT]\nenabled = false\n");
  const fs::path out = run("disabled", "--config " + file);
  EXPECT_TRUE(readmits(out).empty());
  const std::string why = "disabled in config " + file;
  EXPECT_NE(read_whole_file(out / "summary_by_rule.csv").find("skipped: " + why), std::string::npos);
  EXPECT_NE(read_whole_file(out / "run_summary.json")
                .find("{\"id\": \"READMIT\", \"ran\": false, \"why_not\": \"" + why + "\"}"),
            std::string::npos);
  EXPECT_NE(read_whole_file(out / "report.html").find("skipped: " + why), std::string::npos);
}

TEST_F(ConfigRun, TheConfigurationIsRecordedAndKeysTheRunId) {
  const fs::path plain = run("plain", "");
  EXPECT_EQ(read_whole_file(plain / "run_summary.json").find("\"configuration\""), std::string::npos);
  EXPECT_EQ(read_whole_file(plain / "report.html").find("id=\"configuration\""), std::string::npos);
  // A file that changes no rule: the same challenges, the same run id; recorded all the same.
  const fs::path empty = run("empty", "--config " + config("# nothing agreed yet\n"));
  EXPECT_EQ(run_id(empty), run_id(plain));
  EXPECT_EQ(read_whole_file(empty / "challenges.csv"), read_whole_file(plain / "challenges.csv"));
  EXPECT_NE(read_whole_file(empty / "run_summary.json").find("\"configuration\""), std::string::npos);
  // A provider's severity that no challenge shows here (RXH has no activity) still changes the rule in force.
  const fs::path rxh =
      run("rxh", "--config " + config("[providers.RXH.rules.READMIT]\nseverity = \"LOW\"\n"));
  EXPECT_EQ(read_whole_file(rxh / "challenges.csv"), read_whole_file(plain / "challenges.csv"));
  EXPECT_NE(run_id(rxh), run_id(plain));
  const std::string summary = read_whole_file(rxh / "run_summary.json");
  EXPECT_NE(summary.find("\"config_file\": \"" + (dir / "contract.toml").string() + "\""), std::string::npos);
  EXPECT_NE(summary.find("\"providers\": [{\"provider\": \"RXH\", \"severity\": \"LOW\"}]"),
            std::string::npos)
      << summary;
  const std::string report = read_whole_file(rxh / "report.html");
  EXPECT_NE(report.find("<section id=\"configuration\">"), std::string::npos);
  EXPECT_NE(report.find("<span class=\"code\">RXH</span>: severity LOW"), std::string::npos);
}

TEST_F(ConfigRun, AConfigErrorStopsTheRunNamingFileLineAndKey) {
  const std::string file = config("[rules.READMIT]\nseverity = \"MEDIUM\"\nreadmit-days = 99999\n");
  const auto o = run_recon_binary("run --apc " + (dir / "apc.csv").string() + " --no-progress --config " +
                                  file + " --out " + (dir / "never").string());
  EXPECT_EQ(o.status, 2);
  EXPECT_EQ(o.text, "recon run: config " + file +
                        ":3: rules.READMIT.readmit-days: 99999 is out of range (0 to 3650)\n");
  EXPECT_FALSE(fs::exists(dir / "never" / "run_manifest.json"));
}

TEST_F(ConfigRun, TheSampleConfigRunsOnTheSamples) {
  const fs::path out = dir / "samples";
  const auto o = run_recon_binary("run --apc " + kSamples + "/apc.csv --op " + kSamples + "/op.csv --ae " +
                                  kSamples + "/ae.csv --reference " + kSamples +
                                  "/reference --as-of 2026-06-30 --no-progress --quiet"
                                  " --config " +
                                  kSamples + "/contract_config.toml --out " + out.string());
  ASSERT_EQ(o.status, 0) << o.text;
  std::size_t rth = 0;
  for (const Row& r : rows_of(read_whole_file(out / "challenges.csv"))) {
    if (r.rule == "HRG_UNKNOWN") {
      EXPECT_EQ(r.severity, r.provider == "RTH" ? "MEDIUM" : "HIGH") << r.record;
      rth += r.provider == "RTH";
    }
    if (r.rule == "READMIT") {
      EXPECT_NE(r.provider, "RXH") << r.record;
    }
    if (r.rule == "SPLIT" || r.rule == "LATE_INCLUSION") {
      EXPECT_EQ(r.severity, "LOW") << r.record;
    }
  }
  EXPECT_GT(rth, 0u) << "the sample has RTH records with an unknown HRG";
}

TEST_F(ConfigRun, RulesShowsTheConfigurationInForce) {
  const std::string file = config(
      "[rules.READMIT]\nseverity = \"LOW\"\nreadmit-days = 10\n"
      "[providers.RJ1.rules.READMIT]\nenabled = false\nreadmit-days = 5\n"
      "[rules.SPLIT]\nenabled = false\n");
  const auto o = run_recon_binary("rules --config " + file + " --readmit-share-not-paid 40");
  ASSERT_EQ(o.status, 0) << o.text;
  EXPECT_NE(o.text.find("in force: enabled (default); severity LOW (config);"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("readmit-days 10 (config); readmit-share-not-paid 40 (command line)"),
            std::string::npos);
  EXPECT_NE(o.text.find("provider RJ1 (config): disabled; readmit-days 5"), std::string::npos);
  EXPECT_NE(o.text.find("in force: not run: disabled in config " + file + " (config)"), std::string::npos);
  const auto bad = run_recon_binary("rules --config " + config("[rules.READMIT]\nreadmit-days = \"x\"\n"));
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.text.find(":2: rules.READMIT.readmit-days: must be a whole number"), std::string::npos);
}

}  // namespace
}  // namespace recon
