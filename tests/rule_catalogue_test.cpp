// Every rule has a complete catalogue entry, and docs/rules.md is the catalogue as generated.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "recon/cli/commands.hpp"
#include "rules/registry.hpp"

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

TEST(RuleCatalogue, DocsRulesMdIsUpToDate) {
  std::ifstream in(std::string(RECON_SOURCE_DIR) + "/docs/rules.md");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), rules_markdown()) << "regenerate with: build/recon rules --markdown > docs/rules.md";
}

}  // namespace
}  // namespace recon
