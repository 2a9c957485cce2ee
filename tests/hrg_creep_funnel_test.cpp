// HRG_CREEP beyond its challenge rows: the funnel maths behind it, and what a whole run gives with a previous
// period (the comparison with the provider's own past, the funnel plots of the report, chunk merging). Its
// golden rows (providers' CC-split mixes against their peers) are in tests/rules/HRG_CREEP.test.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "recon/cli/run_job.hpp"
#include "rules/aggregate/funnel_stats.hpp"
#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {

using testing::valid_nhs;

// ---- funnel maths ----

TEST(FunnelStats, LimitsForKnownShareAndVolume) {
  // p0 = 0.2, n = 200: standard error sqrt(0.2 * 0.8 / 200) = 0.0282843.
  EXPECT_NEAR(funnel::standard_error(0.2, 200), 0.0282843, 1e-7);
  EXPECT_NEAR(funnel::upper_limit(0.2, 200, funnel::kZ95), 0.2554372, 1e-7);
  EXPECT_NEAR(funnel::upper_limit(0.2, 200, funnel::kZ998), 0.2873984, 1e-7);
  EXPECT_NEAR(funnel::lower_limit(0.2, 200, funnel::kZ95), 0.1445628, 1e-7);
  EXPECT_NEAR(funnel::lower_limit(0.2, 200, funnel::kZ998), 0.1126016, 1e-7);
  // p0 = 0.5, n = 100: 0.5 +/- 3.09 * 0.05.
  EXPECT_NEAR(funnel::upper_limit(0.5, 100, funnel::kZ998), 0.6545, 1e-12);
  // The benchmark's own sampling error: sqrt(0.2 * 0.8 * (1/200 + 1/200)) = 0.04.
  EXPECT_NEAR(funnel::standard_error(0.2, 200, 200), 0.04, 1e-12);
  EXPECT_NEAR(funnel::upper_limit(0.2, 200, funnel::kZ998, 200), 0.3236, 1e-12);
  // The funnel narrows as the volume grows.
  EXPECT_LT(funnel::upper_limit(0.2, 2000, funnel::kZ998), funnel::upper_limit(0.2, 200, funnel::kZ998));
}

TEST(FunnelStats, NormalApproximationNeedsFiveExpectedOnEachSide) {
  EXPECT_TRUE(funnel::approximation_ok(0.05, 100));   // 5 expected events
  EXPECT_FALSE(funnel::approximation_ok(0.04, 100));  // 4
  EXPECT_FALSE(funnel::approximation_ok(0.96, 100));  // 4 expected non-events
  EXPECT_FALSE(funnel::approximation_ok(0.0, 1000));  // a benchmark of 0 has no spread
  EXPECT_TRUE(funnel::approximation_ok(0.05, 100, 200));
  EXPECT_FALSE(funnel::approximation_ok(0.05, 200, 80));  // the smaller sample counts: 80 * 0.05 = 4
}

TEST(FunnelStats, CompareFlagsStrictlyAboveTheLimit) {
  const funnel::Comparison c = funnel::compare(100, 200, 0.2);
  ASSERT_TRUE(c.judged);
  EXPECT_DOUBLE_EQ(c.share, 0.5);
  EXPECT_NEAR(c.z, 10.6066017, 1e-6);
  EXPECT_DOUBLE_EQ(c.expected, 40.0);
  EXPECT_DOUBLE_EQ(c.excess, 60.0);
  EXPECT_TRUE(c.above95());
  EXPECT_TRUE(c.above998());

  // Limit 0.2874 at n = 200: 57 (0.285) is inside, 58 (0.290) outside.
  EXPECT_FALSE(funnel::compare(57, 200, 0.2).above998());
  EXPECT_TRUE(funnel::compare(57, 200, 0.2).above95());
  EXPECT_TRUE(funnel::compare(58, 200, 0.2).above998());

  funnel::Comparison on_the_limit;  // exactly on the limit: not above it
  on_the_limit.judged = true;
  on_the_limit.share = on_the_limit.upper998 = on_the_limit.upper95 = 0.3;
  EXPECT_FALSE(on_the_limit.above998());
  EXPECT_FALSE(on_the_limit.above95());

  EXPECT_FALSE(funnel::compare(0, 0, 0.2).judged);
  EXPECT_FALSE(funnel::compare(10, 10, 0.01).above998());  // not judged: 0.1 expected events
}

// ---- spells by provider and CC split ----

constexpr const char* kHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,SUSHRG,DIAG_01,PRICE\n";

// `counts` spells of root+letter for each letter, emergency admissions of two days (priced from the tariff:
// EB03A 5000, B 4000, C 3000, D 2000, E 1500).
class Spells {
 public:
  Spells& add(const std::string& procode, const std::map<char, int>& counts,
              const std::string& root = "EB03") {
    for (const auto& [letter, n] : counts)
      for (int i = 0; i < n; ++i) {
        ++seq_;
        text_ += "S" + std::to_string(seq_) + "," + procode + "," + valid_nhs(seq_ % 40) +
                 ",1950-01-01,1,A81001,2025-04-01,2025-04-03,21,1," + root + letter + ",I500,\n";
      }
    return *this;
  }
  std::string csv() const { return kHeader + text_; }

 private:
  int seq_ = 0;
  std::string text_;
};

// A typical mix: 40 of 200 spells (20%) in the top splits A and B.
const std::map<char, int> kTypical{{'A', 10}, {'B', 30}, {'C', 50}, {'D', 60}, {'E', 50}};
// 60 of 200 (30%) in A and B.
const std::map<char, int> kThirty{{'A', 20}, {'B', 40}, {'C', 50}, {'D', 50}, {'E', 40}};

// ---- with the previous period, through the whole pipeline (RunResult also carries the funnel plots) ----

class HrgCreepRun : public ::testing::Test {
 protected:
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("recon_hrg_creep_" + std::to_string(::getpid()));
  void SetUp() override { std::filesystem::create_directories(dir); }
  void TearDown() override { std::filesystem::remove_all(dir); }

  RunResult run(const Spells& current, const Spells* previous, int threads = 2,
                std::size_t chunk_bytes = 4u << 20) {
    RunConfig c;
    c.chunk_bytes = chunk_bytes;
    c.reference_dir = std::string(RECON_SOURCE_DIR) + "/tests/data/reference";
    c.out_dir = (dir / "out").string();
    c.threads = threads;
    c.quiet = true;
    c.rule_options.as_of = make_day(2026, 1, 1);
    std::ofstream(dir / "apc.csv") << current.csv();
    c.apc.push_back((dir / "apc.csv").string());
    if (previous) {
      std::ofstream(dir / "previous.csv") << previous->csv();
      c.previous_apc.push_back((dir / "previous.csv").string());
    }
    for (const Rule* r : RuleRegistry::instance().all())
      if (r->info().id != "HRG_CREEP") c.disabled_rules.emplace_back(r->info().id);
    return run_recon(c);
  }
};

TEST_F(HrgCreepRun, FlagsARiseAgainstTheProvidersOwnPastThatPeersDoNotShow) {
  Spells now;
  now.add("RA1", kThirty).add("RB2", kThirty).add("RC3", kThirty);
  now.add("RD4", {{'A', 20}, {'B', 50}, {'C', 50}, {'D', 40}, {'E', 40}});  // 70 of 200 (35%)
  Spells before;
  before.add("RA1", kThirty).add("RB2", {{'A', 5}, {'B', 15}, {'C', 60}, {'D', 60}, {'E', 60}});
  before.add("RC3", kThirty).add("RD4", kTypical);  // RD4: 40 of 200 (20%)

  // Without the previous period nothing stands out: RD4's 35% is inside its peers' limit (0.30 + 3.09 *
  // sqrt(0.3 * 0.7 / 200) = 0.400).
  EXPECT_TRUE(run(now, nullptr).challenges.empty());

  // Against its own 20% of 200 spells the limit is 0.2 + 3.09 * sqrt(0.2 * 0.8 * (1/200 + 1/200)) = 0.3236.
  // RB2 rose from 10% to 30% (also significant) but is still below its peers' 31.7%: not flagged.
  const RunResult r = run(now, &before);
  ASSERT_EQ(r.challenges.size(), 1u);
  const Challenge& c = r.challenges[0];
  EXPECT_EQ(c.rule, "HRG_CREEP");
  EXPECT_EQ(c.procode, Code::of("RD4"));
  EXPECT_EQ(c.pos, kNoRecord);
  EXPECT_EQ(c.nhs, 0u);
  EXPECT_EQ(c.activity_date, kNoDay);
  EXPECT_TRUE(c.gpprac.empty());
  EXPECT_EQ(c.charged, 59000000);
  // Excess 70 - 40 = 30 spells at (20*5000 + 50*4000)/70 - (50*3000 + 40*2000 + 40*1500)/130 = 2054.95.
  EXPECT_EQ(c.challenged, 6164850);
  EXPECT_EQ(
      c.reason,
      "Provider RD4 charged 70 of its 200 spells in HRG root EB03 (35.0%) in the top CC splits (A, B), "
      "compared with its own previous period: up from 20.0% of its 200 spells in its previous period, "
      "above the 99.8% limit of 32.4% for that change (z = 3.75), and above the 30.0% at the other "
      "providers in this run (600 spells). At its previous mix, about 30.0 of these spells would be in a "
      "lower split, at 2054.95 less each on average (mean price 4285.71 in the top splits, 2230.77 below "
      "them).");
  EXPECT_EQ(c.evidence,
            "root=EB03; high_splits=A,B; n=200; high=70; share=0.350; peer_n=600; benchmark=0.300; z=1.54; "
            "limit95=0.364; limit99.8=0.400; excess_spells=10.0; prev_n=200; prev_high=40; prev_share=0.200; "
            "prev_z=3.75; prev_limit99.8=0.324; prev_excess_spells=30.0; price_diff=2054.95; "
            "flagged_by=previous_period");

  ASSERT_EQ(r.report.funnels.size(), 1u);
  const FunnelPlot& plot = r.report.funnels[0];
  EXPECT_EQ(plot.title, "EB03: share of spells in the top CC splits (A, B)");
  EXPECT_EQ(plot.y_label, "share of spells in splits A, B");
  EXPECT_DOUBLE_EQ(plot.target, 250.0 / 800.0);
  ASSERT_EQ(plot.points.size(), 4u);
  EXPECT_EQ(plot.points[3].label, "RD4");
  EXPECT_DOUBLE_EQ(plot.points[3].n, 200);
  EXPECT_DOUBLE_EQ(plot.points[3].value, 0.35);
  EXPECT_FALSE(plot.points[3].above_998);  // the plot shows the peer comparison
  EXPECT_FALSE(plot.points[3].above_95);
}

TEST_F(HrgCreepRun, BothComparisonsFlagOnceAndThePlotMarksTheOutlier) {
  Spells now;
  now.add("RA1", kTypical).add("RB2", kTypical).add("RC3", kTypical);
  now.add("RD4", {{'A', 40}, {'B', 60}, {'C', 40}, {'D', 40}, {'E', 20}});
  now.add("RA1", {{'A', 10}, {'B', 20}, {'C', 70}}, "DZ22")
      .add("RB2", {{'A', 10}, {'B', 20}, {'C', 70}}, "DZ22");
  Spells before;
  before.add("RA1", kTypical).add("RB2", kTypical).add("RC3", kTypical).add("RD4", kTypical);

  const RunResult r = run(now, &before);
  ASSERT_EQ(r.challenges.size(), 1u);  // one challenge per provider and root, priced on the peers
  const Challenge& c = r.challenges[0];
  EXPECT_EQ(c.challenged, 12600000);
  EXPECT_NE(c.reason.find(" The share also rose significantly from 20.0% of its 200 spells in its previous "
                          "period (99.8% limit 32.4%, z = 7.50)."),
            std::string::npos)
      << c.reason;
  EXPECT_NE(c.evidence.find("; flagged_by=peers,previous_period"), std::string::npos) << c.evidence;

  // Plots: EB03 (with a flagged provider) first, then DZ22 (two providers of 100 spells, both judged).
  ASSERT_EQ(r.report.funnels.size(), 2u);
  EXPECT_EQ(r.report.funnels[0].title, "EB03: share of spells in the top CC splits (A, B)");
  EXPECT_EQ(r.report.funnels[1].title, "DZ22: share of spells in the top CC splits (A)");
  const std::vector<FunnelPoint>& points = r.report.funnels[0].points;
  ASSERT_EQ(points.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_FALSE(points[i].above_998 || points[i].above_95) << i;
  EXPECT_TRUE(points[3].above_998);
  EXPECT_TRUE(points[3].above_95);
}

TEST_F(HrgCreepRun, ManySmallChunksMergeToTheSameAnswer) {
  Spells now;
  now.add("RA1", kTypical).add("RB2", kTypical).add("RC3", kTypical);
  now.add("RD4", {{'A', 40}, {'B', 60}, {'C', 40}, {'D', 40}, {'E', 20}});
  now.add("RA1", {{'A', 10}, {'B', 20}, {'C', 70}}, "DZ22").add("RB2", {{'A', 30}, {'C', 70}}, "DZ22");
  Spells before;
  before.add("RA1", kTypical).add("RB2", kTypical).add("RC3", kTypical).add("RD4", kTypical);

  const RunResult one = run(now, &before, 1);
  const RunResult many = run(now, &before, 4, 2048);  // ~30 rows a chunk, merged in file order
  ASSERT_EQ(one.challenges.size(), many.challenges.size());
  for (std::size_t i = 0; i < one.challenges.size(); ++i) {
    EXPECT_EQ(one.challenges[i].reason, many.challenges[i].reason);
    EXPECT_EQ(one.challenges[i].evidence, many.challenges[i].evidence);
    EXPECT_EQ(one.challenges[i].challenged, many.challenges[i].challenged);
  }
  ASSERT_EQ(one.report.funnels.size(), many.report.funnels.size());
  for (std::size_t i = 0; i < one.report.funnels.size(); ++i) {
    const FunnelPlot &a = one.report.funnels[i], &b = many.report.funnels[i];
    EXPECT_EQ(a.title, b.title);
    EXPECT_EQ(a.target, b.target);
    ASSERT_EQ(a.points.size(), b.points.size());
    for (std::size_t k = 0; k < a.points.size(); ++k) {
      EXPECT_EQ(a.points[k].label, b.points[k].label);
      EXPECT_EQ(a.points[k].value, b.points[k].value);
      EXPECT_EQ(a.points[k].above_998, b.points[k].above_998);
    }
  }
}

}  // namespace
}  // namespace recon
