// The --config file of a contract's local rules (recon/cli/config_file.hpp): what it sets, and that every
// kind of mistake is refused with one message naming the file, the line and the key.
#include "recon/cli/config_file.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using test_support::write_whole_file;

class ConfigFile : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_config_file_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }

  std::string write(const std::string& text) {
    const fs::path path = dir / "contract.toml";
    write_whole_file(path, text);
    return path.string();
  }
  // The message of the ConfigError reading `text` gives, or "" when it reads.
  std::string error_of(const std::string& text) {
    RuleOptions options;
    try {
      read_config_file(write(text), options);
    } catch (const ConfigError& e) {
      return e.what();
    }
    return {};
  }
  std::string path() const { return (dir / "contract.toml").string(); }
};

TEST_F(ConfigFile, ReadsRunWideAndProviderSettings) {
  RuleOptions options;
  const RuleSettings s = read_config_file(write("# a comment\n"
                                                "[rules.READMIT]\n"
                                                "severity = \"low\"\n"
                                                "readmit-days = 14\n"
                                                "readmit-share-not-paid = 50\n"
                                                "[rules.SPLIT]\n"
                                                "enabled = false\n"
                                                "[providers.RTH.rules.READMIT]\n"
                                                "enabled = false\n"
                                                "[providers.RJ1.rules.READMIT]\n"
                                                "severity = \"HIGH\"\n"
                                                "readmit-days = 7\n"),
                                          options);
  EXPECT_EQ(s.config_file, path());
  ASSERT_EQ(s.rules.size(), 2u);
  const RuleSetting& readmit = s.rules.at("READMIT");
  EXPECT_EQ(readmit.severity, Severity::kLow);
  EXPECT_FALSE(readmit.enabled);
  EXPECT_EQ(options[*find_rule_option("readmit-days")], 14);
  EXPECT_EQ(options[*find_rule_option("readmit-share-not-paid")], 50);
  EXPECT_EQ(options[*find_rule_option("opfirst-months")], 6);  // untouched: its default
  EXPECT_EQ(s.option_sources.at("readmit-days"), SettingSource::kConfig);
  EXPECT_EQ(s.option_sources.count("opfirst-months"), 0u);
  EXPECT_EQ(s.rules.at("SPLIT").enabled, false);
  ASSERT_EQ(readmit.providers.size(), 2u);
  EXPECT_EQ(readmit.providers.at("RTH").enabled, false);
  EXPECT_FALSE(readmit.providers.at("RTH").severity);
  EXPECT_EQ(readmit.providers.at("RJ1").severity, Severity::kHigh);
  EXPECT_EQ(readmit.providers.at("RJ1").options.at("readmit-days"), 7);
  EXPECT_EQ(disabled_reason(s, {}, "SPLIT"), "disabled in config " + path());
  EXPECT_EQ(disabled_reason(s, {"SPLIT"}, "SPLIT"), "disabled with --disable");
  EXPECT_EQ(disabled_reason(s, {}, "READMIT"), "");
}

TEST_F(ConfigFile, TheShippedSampleReads) {
  RuleOptions options;
  const RuleSettings s =
      read_config_file(std::string(RECON_SOURCE_DIR) + "/samples/contract_config.toml", options);
  EXPECT_EQ(options[*find_rule_option("readmit-share-not-paid")], 50);
  EXPECT_EQ(s.rules.at("READMIT").providers.at("RXH").enabled, false);
  EXPECT_EQ(s.rules.at("HRG_UNKNOWN").providers.at("RTH").severity, Severity::kMedium);
}

TEST_F(ConfigFile, AnEmptyFileChangesNothing) {
  RuleOptions options;
  const RuleSettings s = read_config_file(write(""), options);
  EXPECT_TRUE(s.rules.empty());
  EXPECT_TRUE(s.option_sources.empty());
  EXPECT_EQ(settings_key(s), "");
}

TEST_F(ConfigFile, EveryErrorNamesFileLineAndKey) {
  const std::string p = path();
  EXPECT_EQ(error_of("[rules.READMIT]\nreadmit-days = 30\nreadmit-days = 31\n").rfind(p + ":3:", 0), 0u)
      << "duplicate key: a TOML syntax error at its line";
  EXPECT_EQ(error_of("[rules.READMIT\n").rfind(p + ":1:", 0), 0u);
  EXPECT_NE(error_of("[rules.READMIT\n").find("TOML syntax error"), std::string::npos);
  EXPECT_EQ(error_of("\n[rules.NO_SUCH_RULE]\nenabled = true\n"),
            p + ":2: rules.NO_SUCH_RULE: unknown rule 'NO_SUCH_RULE' (recon rules lists them)");
  EXPECT_EQ(
      error_of("[rules.READMIT]\nwindow = 30\n"),
      p + ":2: rules.READMIT.window: unknown key for rule READMIT (its keys: enabled, severity, " +
          [] {
            std::string keys;
            for (const RuleOption* o : all_rule_options())
              if (o->rule_id() == "READMIT") keys += (keys.empty() ? "" : ", ") + std::string(o->name());
            return keys;
          }() +
          ")");
  EXPECT_EQ(error_of("[rules.READMIT]\nopfirst-months = 3\n")
                .rfind(p + ":2: rules.READMIT.opfirst-months: unknown key", 0),
            0u)
      << "another rule's option is not this rule's key";
  EXPECT_EQ(error_of("[rules.READMIT]\n\nreadmit-days = \"30\"\n"),
            p + ":3: rules.READMIT.readmit-days: must be a whole number, not a string");
  EXPECT_EQ(error_of("[rules.READMIT]\nreadmit-days = 30.5\n"),
            p + ":2: rules.READMIT.readmit-days: must be a whole number, not a number with a fraction");
  EXPECT_EQ(error_of("[rules.READMIT]\nreadmit-days = 5000\n"),
            p + ":2: rules.READMIT.readmit-days: 5000 is out of range (0 to 3650)");
  EXPECT_EQ(error_of("[rules.READMIT]\nreadmit-share-not-paid = 101\n"),
            p + ":2: rules.READMIT.readmit-share-not-paid: 101 is out of range (0 to 100)");
  EXPECT_EQ(error_of("[rules.READMIT]\nenabled = \"no\"\n"),
            p + ":2: rules.READMIT.enabled: must be true or false, not a string");
  EXPECT_EQ(error_of("[rules.READMIT]\nseverity = \"URGENT\"\n"),
            p + ":2: rules.READMIT.severity: 'URGENT' is not HIGH, MEDIUM or LOW");
  EXPECT_EQ(error_of("[rules.READMIT]\nseverity = 3\n"),
            p + ":2: rules.READMIT.severity: must be \"HIGH\", \"MEDIUM\" or \"LOW\", not an integer");
  EXPECT_EQ(error_of("rules = 3\n"), p + ":1: rules: must be a table, not an integer");
  EXPECT_EQ(error_of("[rules]\nREADMIT = true\n"), p + ":2: rules.READMIT: must be a table, not a boolean");
  EXPECT_EQ(error_of("version = 1\n").rfind(p + ":1: version: unknown key", 0), 0u);
  EXPECT_EQ(error_of("[providers.rth.rules.READMIT]\nenabled = false\n")
                .rfind(p + ":1: providers.rth: 'rth' is not a provider code", 0),
            0u);
  EXPECT_EQ(error_of("[providers.RTH]\nseverity = \"LOW\"\n"),
            p + ":2: providers.RTH.severity: unknown key (a provider has only rules)");
  EXPECT_EQ(error_of("[providers.RTH.rules.NOPE]\nenabled = false\n"),
            p + ":1: providers.RTH.rules.NOPE: unknown rule 'NOPE' (recon rules lists them)");
  EXPECT_EQ(error_of("[providers.RTH.rules.READMIT]\n\n\nreadmit-days = -1\n"),
            p + ":4: providers.RTH.rules.READMIT.readmit-days: -1 is out of range (0 to 3650)");
  RuleOptions options;
  EXPECT_THROW(read_config_file((dir / "missing.toml").string(), options), ConfigError);
}

// OUT_OF_SCOPE's exclusion lists: arrays of strings, run-wide and per provider, each code checked.
TEST_F(ConfigFile, ReadsCodeListsRunWideAndPerProvider) {
  RuleOptions options;
  const RuleSettings s = read_config_file(write("[rules.OUT_OF_SCOPE]\n"
                                                "excluded-hrg-chapters = [\"XC\", \"LD\", \"LE\", \"LD\"]\n"
                                                "excluded-treatment-functions = []\n"
                                                "[providers.RTH.rules.OUT_OF_SCOPE]\n"
                                                "excluded-admin-categories = [\"03\"]\n"),
                                          options);
  const RuleCodeListOption* chapters = find_rule_code_list_option("excluded-hrg-chapters");
  const RuleCodeListOption* functions = find_rule_code_list_option("excluded-treatment-functions");
  ASSERT_TRUE(chapters && functions);
  EXPECT_EQ(options[*chapters], (std::vector<Code>{Code::of("XC"), Code::of("LD"), Code::of("LE")}))
      << "in the order given, each once";
  EXPECT_TRUE(options[*functions].empty());
  EXPECT_EQ(s.option_sources.at("excluded-hrg-chapters"), SettingSource::kConfig);
  EXPECT_EQ(s.rules.at("OUT_OF_SCOPE").providers.at("RTH").code_lists.at("excluded-admin-categories"),
            std::vector<Code>{Code::of("03")});
  const RuleCodeListOption* hrgs = find_rule_code_list_option("excluded-hrgs");
  ASSERT_TRUE(hrgs);
  EXPECT_EQ(options[*hrgs], hrgs->default_codes()) << "a list the file does not name keeps its default";
  EXPECT_EQ(hrgs->default_codes().front(), Code::of("SB01Z"));

  const std::string p = path();
  EXPECT_EQ(error_of("[rules.OUT_OF_SCOPE]\nexcluded-hrgs = \"SB01Z\"\n"),
            p + ":2: rules.OUT_OF_SCOPE.excluded-hrgs: must be an array of strings, not a string");
  EXPECT_EQ(
      error_of("[rules.OUT_OF_SCOPE]\nexcluded-hrgs = [\n  \"SB01Z\",\n  3,\n]\n"),
      p + ":4: rules.OUT_OF_SCOPE.excluded-hrgs: must be an array of strings, not one holding an integer");
  EXPECT_EQ(error_of("[rules.OUT_OF_SCOPE]\nexcluded-hrg-chapters = [\"xc\"]\n"),
            p + ":2: rules.OUT_OF_SCOPE.excluded-hrg-chapters: 'xc' is not an HRG chapter (two capital "
                "letters, e.g. XC)");
  EXPECT_EQ(
      error_of("[rules.OUT_OF_SCOPE]\nexcluded-hrgs = [\"SB1Z\"]\n"),
      p + ":2: rules.OUT_OF_SCOPE.excluded-hrgs: 'SB1Z' is not an HRG (two capital letters, two digits, "
          "a capital letter, e.g. SB02Z)");
  EXPECT_EQ(error_of("[providers.RTH.rules.OUT_OF_SCOPE]\nexcluded-treatment-functions = [\"31\"]\n"),
            p + ":2: providers.RTH.rules.OUT_OF_SCOPE.excluded-treatment-functions: '31' is not a treatment "
                "function code (three digits, e.g. 315)");
  EXPECT_EQ(error_of("[rules.OUT_OF_SCOPE]\nexcluded-admin-categories = [\"02\"]\n"),
            p + ":2: rules.OUT_OF_SCOPE.excluded-admin-categories: '02' is not an administrative category of "
                "two digits other than 02 (02, private patient, is PRIVATE_PATIENT's)");
  EXPECT_EQ(error_of("[rules.READMIT]\nexcluded-hrgs = []\n")
                .rfind(p + ":2: rules.READMIT.excluded-hrgs: "
                           "unknown key",
                       0),
            0u)
      << "another rule's list is not this rule's key";
}

// docs/configuration.md lists every key a rule's table takes.
TEST(ConfigurationDoc, NamesEveryRuleOption) {
  const std::string doc =
      test_support::read_whole_file(std::string(RECON_SOURCE_DIR) + "/docs/configuration.md");
  for (const RuleOption* o : all_rule_options())
    EXPECT_NE(doc.find("| " + std::string(o->rule_id()) + " | `" + std::string(o->name()) + "` |"),
              std::string::npos)
        << o->name() << " of " << o->rule_id() << " is not in docs/configuration.md's table of options";
  for (const RuleCodeListOption* o : all_rule_code_list_options())
    EXPECT_NE(doc.find("| " + std::string(o->rule_id()) + " | `" + std::string(o->name()) + "` |"),
              std::string::npos)
        << o->name() << " of " << o->rule_id() << " is not in docs/configuration.md's table of options";
}

}  // namespace
}  // namespace recon
