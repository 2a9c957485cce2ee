// Every rule has a complete catalogue entry, and docs/rules.md is the catalogue as generated.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "recon/cli/commands.hpp"
#include "rules/registry.hpp"
#include "rules/rule_option.hpp"

namespace recon {
namespace {

TEST(RuleCatalogue, EveryRuleIsFullyDescribedWithAUniqueId) {
  std::set<std::string_view> ids;
  for (const Rule* r : RuleRegistry::instance().all()) {
    const RuleInfo& i = r->info();
    EXPECT_TRUE(ids.insert(i.id).second) << i.id;
    EXPECT_FALSE(i.title.empty()) << i.id;
    EXPECT_FALSE(i.rationale.empty()) << i.id;
    EXPECT_FALSE(i.pricing.empty()) << i.id;
    EXPECT_EQ(i.title.find('\n'), std::string_view::npos) << "title is one line: " << i.id;
  }
}

// A rule's options are its own: each names a registered rule, a unique flag, and a default it accepts.
TEST(RuleCatalogue, EveryRuleOptionBelongsToARuleAndHasAValidDefault) {
  std::set<std::string_view> names;
  ASSERT_FALSE(all_rule_options().empty());
  for (const RuleOption* o : all_rule_options()) {
    EXPECT_NE(RuleRegistry::instance().find(o->rule_id()), nullptr) << o->name();
    EXPECT_TRUE(names.insert(o->name()).second) << "two options named " << o->name();
    EXPECT_NE(o->name(), "as-of") << "as-of is every rule's, not one rule's";
    EXPECT_LE(o->min_value(), o->default_value()) << o->name();
    EXPECT_LE(o->default_value(), o->max_value()) << o->name();
    EXPECT_FALSE(o->help().empty()) << o->name();
  }
}

TEST(RuleCatalogue, RuleOptionsTakeValuesInRangeAndDefaultOtherwise) {
  const RuleOption* readmit = find_rule_option("readmit-days");
  ASSERT_NE(readmit, nullptr);
  RuleOptions options;
  EXPECT_EQ(options[*readmit], readmit->default_value());
  EXPECT_EQ(options.set("readmit-days", 7), "");
  EXPECT_EQ(options[*readmit], 7);
  EXPECT_EQ(options.set("readmit-days", readmit->max_value() + 1),
            "readmit-days must be between 0 and " + std::to_string(readmit->max_value()));
  EXPECT_EQ(options[*readmit], 7) << "a refused value changes nothing";
  EXPECT_EQ(options.set("no-such-option", 1), "there is no rule option no-such-option");
}

TEST(RuleCatalogue, DocsRulesMdIsUpToDate) {
  std::ifstream in(std::string(RECON_SOURCE_DIR) + "/docs/rules.md");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), rules_markdown()) << "regenerate with: build/recon rules --markdown > docs/rules.md";
}

}  // namespace
}  // namespace recon
