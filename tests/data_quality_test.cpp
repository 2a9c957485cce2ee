// Data-quality measures (the DQMI measure, recon/engine/measures/dqmi_measure.hpp, docs/data_quality.md):
// exact counts on hand-made rows, the merge, and data_quality.csv from the real pipeline (identical whatever
// the thread count; the previous period left out).
#include "recon/engine/data_quality.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/nhs_number.hpp"
#include "recon/cli/run_job.hpp"
#include "recon/engine/measures/catalogue.hpp"
#include "recon/engine/measures/dqmi_measure.hpp"
#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using testing::valid_nhs;

NhsNumber nhs_of(const std::string& text) {
  NhsNumber n = 0;
  parse_nhs_number(text, n);
  return n;
}

struct Fixture {
  Reference ref;
  PracticeData practice;
  RuleOptions options;
  RuleContext ctx{ref, practice, options};
  Fixture() {
    options.as_of = make_day(2026, 1, 1);
    ref.tariff_apc[Code::of("EB03C")] = {};
    ref.has_tariff_apc = true;
    ref.icd10[Code::of("I500")] = {};
    ref.has_icd10 = true;
    ref.tariff_op[Code::of("100")] = {};
    ref.has_tariff_op = true;
    ref.tariff_ae[Code::of("VB01Z")] = 35000;
    ref.has_tariff_ae = true;
  }
};

// Rows measured with the DQMI measure in one state, as the row stage measures one chunk.
class Measured {
 public:
  template <class Row>
  void add(const Row& row, const RuleContext& ctx) {
    dqmi_.add(*state_, row, ctx);
  }
  void merge(const Measured& from) { dqmi_.merge(*state_, *from.state_); }
  // The table finish() hands to the RunResult, as at the end of the row stage.
  DataQualityTable finish() {
    RunResult result;
    dqmi_.finish(*state_, result);
    return std::move(result.data_quality);
  }

 private:
  DqmiMeasure dqmi_;
  std::unique_ptr<MeasureState> state_ = dqmi_.new_state();
};

ApcRow clean_apc(Fixture&) {
  ApcRow r;
  r.id = "S1";
  r.procode = Code::of("RXH");
  r.patient.nhs = nhs_of(valid_nhs(1));
  r.patient.nhs_valid = true;
  r.patient.nhs_state = NhsState::kPresent;
  r.patient.dob = DateOfBirth::on(make_day(1950, 1, 1));
  r.patient.sex = Code::of("1");
  r.patient.gpprac = Code::of("A81001");
  r.admidate = make_day(2025, 4, 1);
  r.disdate = make_day(2025, 4, 3);
  r.subdate = make_day(2025, 4, 10);
  r.admimeth = Code::of("21");
  r.classpat = Code::of("1");
  r.tretspef = Code::of("300");
  r.hrg = Code::of("EB03C");
  r.diag[0] = Code::of("I500");
  return r;
}

TEST(DataQuality, CleanApcRowIsCompleteAndValid) {
  Fixture f;
  Measured q;
  q.add(clean_apc(f), f.ctx);
  const DataQualityTable table = q.finish();
  const DataQualityCounts& c = table.counts().at({Code::of("RXH"), Dataset::kApc});
  EXPECT_EQ(c.records, 1u);
  for (std::size_t i = 0; i < data_quality_items(Dataset::kApc).size(); ++i) {
    EXPECT_EQ(c.items[i].present, 1u) << data_quality_items(Dataset::kApc)[i];
    EXPECT_EQ(c.items[i].valid, 1u) << data_quality_items(Dataset::kApc)[i];
  }
  EXPECT_EQ(c.coverage_checked, 0u) << "no register supplied: coverage not measured";
  const DataQualityScores s = data_quality_scores(Dataset::kApc, c);
  EXPECT_DOUBLE_EQ(s.completeness, 1.0);
  EXPECT_DOUBLE_EQ(*s.validity, 1.0);
  EXPECT_FALSE(s.coverage);
  EXPECT_DOUBLE_EQ(s.score, 1.0);
  EXPECT_EQ(s.weakest, "");
}

TEST(DataQuality, MissingAndInvalidItemsAreCountedApart) {
  Fixture f;
  Measured q;
  q.add(clean_apc(f), f.ctx);
  ApcRow bad = clean_apc(f);
  bad.patient.nhs = 1234567890;  // fails Modulus 11: present, invalid
  bad.patient.nhs_valid = false;
  bad.patient.sex = Code::of("3");      // not a SEX code: invalid
  bad.patient.gpprac = {};              // missing
  bad.disdate = make_day(2025, 3, 30);  // before admission: invalid
  bad.subdate = kNoDay;                 // missing
  bad.admimeth = Code::of("2E");        // not in the data dictionary: invalid
  bad.classpat = Code::of("8");         // not applicable: invalid
  bad.hrg = Code::of("ZZ99Z");          // not in the tariff: invalid
  bad.diag[0] = {};                     // missing
  q.add(bad, f.ctx);
  const DataQualityTable table = q.finish();
  const DataQualityCounts& c = table.counts().at({Code::of("RXH"), Dataset::kApc});
  EXPECT_EQ(c.records, 2u);
  // 12 items x 2 records = 24 expected; 3 missing in the bad row.
  const DataQualityScores s = data_quality_scores(Dataset::kApc, c);
  EXPECT_DOUBLE_EQ(s.completeness, 21.0 / 24.0);
  // 21 present values, 6 of them invalid (NHSNUMBER, SEX, DISDATE, ADMIMETH, CLASSPAT, SUSHRG).
  EXPECT_DOUBLE_EQ(*s.validity, 15.0 / 21.0);
  EXPECT_DOUBLE_EQ(s.score, (21.0 / 24.0 + 15.0 / 21.0) / 2);
  EXPECT_EQ(s.weakest, "NHSNUMBER") << "first of the items at 50%, in item order";
  EXPECT_DOUBLE_EQ(s.weakest_score, 0.5);
}

TEST(DataQuality, DatesAreValidOnlyWhenConsistent) {
  Fixture f;
  Measured q;
  ApcRow r = clean_apc(f);
  r.patient.dob = DateOfBirth::on(make_day(2025, 4, 2));  // born after admission
  r.subdate = make_day(2025, 4, 2);                       // submitted before discharge
  q.add(r, f.ctx);
  ApcRow old = clean_apc(f);
  old.patient.dob = DateOfBirth::on(make_day(1890, 1, 1));  // 135 years old: a typing error
  old.admidate = make_day(2026, 2, 1);                      // after the run date
  old.disdate = make_day(2026, 2, 3);                       // after the run date
  old.subdate = kNoDay;
  q.add(old, f.ctx);
  const DataQualityTable table = q.finish();
  const DataQualityCounts& c = table.counts().at({Code::of("RXH"), Dataset::kApc});
  EXPECT_EQ(c.items[1].valid, 0u) << "DOB";
  EXPECT_EQ(c.items[4].valid, 1u) << "ADMIDATE: only the future one is invalid";
  EXPECT_EQ(c.items[5].valid, 1u) << "DISDATE";
  EXPECT_EQ(c.items[6].present, 1u) << "SUBDATE";
  EXPECT_EQ(c.items[6].valid, 0u) << "SUBDATE before DISDATE";
}

TEST(DataQuality, ReferenceChecksRunOnlyWhenTheTableIsSupplied) {
  Fixture f;
  f.ref.has_icd10 = false;
  f.ref.has_tariff_apc = false;
  Measured q;
  ApcRow r = clean_apc(f);
  r.hrg = Code::of("ZZ99Z");
  r.diag[0] = Code::of("Q999");
  q.add(r, f.ctx);
  const DataQualityTable table = q.finish();
  const DataQualityCounts& c = table.counts().at({Code::of("RXH"), Dataset::kApc});
  EXPECT_EQ(c.items[10].present, 1u);
  EXPECT_EQ(c.items[10].checked, 0u) << "SUSHRG not checked without tariff_apc";
  EXPECT_EQ(c.items[11].checked, 0u) << "DIAG_01 not checked without icd10";
  EXPECT_DOUBLE_EQ(*data_quality_scores(Dataset::kApc, c).validity, 1.0);
}

TEST(DataQuality, CoverageIsTheShareOfRecordsWhosePatientIsOnTheRegister) {
  Fixture f;
  f.practice.has_register = true;
  f.practice.registrations.push_back(
      {nhs_of(valid_nhs(1)), Code::of("A81001"), kNoDay, {}, make_day(2000, 1, 1)});
  f.practice.sort_all();
  Measured q;
  OpRow op;
  op.id = "O1";
  op.procode = Code::of("RXH");
  op.patient.nhs = nhs_of(valid_nhs(1));
  op.patient.nhs_valid = true;
  op.patient.nhs_state = NhsState::kPresent;
  op.patient.sex = Code::of("2");
  op.apptdate = make_day(2025, 5, 1);
  op.attended = Code::of("5");
  op.firstatt = Code::of("1");
  op.refsourc = Code::of("03");
  op.tretspef = Code::of("100");
  q.add(op, f.ctx);  // on the register
  op.patient.nhs = nhs_of(valid_nhs(2));
  op.patient.nhs_valid = true;
  op.tretspef = Code::of("999");  // not in tariff_op: invalid
  q.add(op, f.ctx);               // valid number, not on the register
  op.patient.nhs_state = NhsState::kMissing;
  op.patient.nhs = 0;
  op.patient.nhs_valid = false;
  q.add(op, f.ctx);  // no number: cannot be matched
  const DataQualityTable table = q.finish();
  const DataQualityCounts& c = table.counts().at({Code::of("RXH"), Dataset::kOp});
  EXPECT_EQ(c.coverage_checked, 3u);
  EXPECT_EQ(c.coverage_matched, 1u);
  const DataQualityScores s = data_quality_scores(Dataset::kOp, c);
  EXPECT_DOUBLE_EQ(*s.coverage, 1.0 / 3.0);
  // 10 items x 3 = 30 expected; missing: DOB x3, GPPRAC x3, SUBDATE x3, NHSNUMBER x1 -> 20 present.
  EXPECT_DOUBLE_EQ(s.completeness, 20.0 / 30.0);
  EXPECT_DOUBLE_EQ(*s.validity, 18.0 / 20.0);  // TRETSPEF 999 twice
  EXPECT_DOUBLE_EQ(s.score, (20.0 / 30.0 + 18.0 / 20.0 + 1.0 / 3.0) / 3);
}

TEST(DataQuality, AeCodesAreChecked) {
  Fixture f;
  Measured q;
  AeRow ae;
  ae.procode = Code::of("RYJ");
  ae.patient.nhs = nhs_of(valid_nhs(3));
  ae.patient.nhs_valid = true;
  ae.patient.nhs_state = NhsState::kPresent;
  ae.arrivaldate = make_day(2025, 6, 1);
  ae.attendcat = Code::of("1");
  ae.attenddisp = Code::of("03");
  ae.hrg = Code::of("VB01Z");
  q.add(ae, f.ctx);
  ae.attendcat = Code::of("4");
  ae.attenddisp = Code::of("08");
  ae.hrg = Code::of("VB99Z");
  q.add(ae, f.ctx);
  const DataQualityTable table = q.finish();
  const DataQualityCounts& c = table.counts().at({Code::of("RYJ"), Dataset::kAe});
  EXPECT_EQ(c.items[6].valid, 1u) << "AEATTENDCAT";
  EXPECT_EQ(c.items[7].valid, 1u) << "AEATTENDDISP";
  EXPECT_EQ(c.items[8].valid, 1u) << "SUSHRG";
}

TEST(DataQuality, MergeAddsCountsWhateverTheOrder) {
  Fixture f;
  Measured a, b, ab, ba;
  a.add(clean_apc(f), f.ctx);
  ApcRow other = clean_apc(f);
  other.procode = Code::of("RYJ");
  other.diag[0] = {};
  b.add(other, f.ctx);
  b.add(clean_apc(f), f.ctx);
  ab.merge(a);
  ab.merge(b);
  ba.merge(b);
  ba.merge(a);
  const DataQualityTable ab_table = ab.finish(), ba_table = ba.finish();
  ASSERT_EQ(ab_table.counts().size(), 2u);
  for (const auto& [key, c] : ab_table.counts()) {
    const DataQualityCounts& d = ba_table.counts().at(key);
    EXPECT_EQ(c.records, d.records);
    for (std::size_t i = 0; i < c.items.size(); ++i) {
      EXPECT_EQ(c.items[i].present, d.items[i].present);
      EXPECT_EQ(c.items[i].valid, d.items[i].valid);
    }
  }
  EXPECT_EQ(ab_table.counts().at({Code::of("RXH"), Dataset::kApc}).records, 2u);
}

TEST(DataQuality, TheRowStageRunsTheDqmiMeasure) {
  std::set<std::string_view> names;
  for (const Measure* m : row_measures())
    EXPECT_TRUE(names.insert(m->name()).second) << "two measures named " << m->name();
  EXPECT_TRUE(names.contains("DQMI"));
}

// ---- the pipeline

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class DataQualityRun : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_dq_test_" + std::to_string(::getpid()));
  void SetUp() override {
    fs::remove_all(dir);
    fs::create_directories(dir);
    const std::string p1 = valid_nhs(1), p2 = valid_nhs(2);
    std::ofstream(dir / "apc.csv")
        << "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,SEX,GPPRAC,ADMIDATE,DISDATE,SUBDATE,ADMIMETH,CLASSPAT,TRETSPEF,"
           "SUSHRG,DIAG_01\n"
        << "S1,RXH," << p1 << ",1950-01-01,1,A81001,2025-04-01,2025-04-03,2025-04-10,21,1,300,EB03C,I500\n"
        << "S2,RXH," << p2 << ",1950-01-01,1,A81001,2025-04-01,2025-04-03,2025-04-10,21,1,300,EB03C,\n"
        << "S3,RYJ,1234567890,,9,A81001,2025-04-01,2025-04-03,,21,1,300,ZZ99Z,I500\n";
    // The previous period's rows feed only the pattern rules: not measured here.
    std::ofstream(dir / "previous.csv")
        << "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG\nP1,RQM,,2024-04-01,2024-04-02,EB03C\n";
    std::ofstream(dir / "register.csv") << "NHSNUMBER,GPPRAC,REGDATE\n" << p1 << ",A81001,2000-01-01\n";
  }
  void TearDown() override { fs::remove_all(dir); }

  std::string run(int threads, const std::string& out) {
    RunConfig c;
    c.reference_dir = std::string(RECON_SOURCE_DIR) + "/tests/data/reference";
    c.apc = {(dir / "apc.csv").string()};
    c.previous_apc = {(dir / "previous.csv").string()};
    c.register_file = (dir / "register.csv").string();
    c.out_dir = (dir / out).string();
    c.threads = threads;
    c.quiet = true;
    c.rule_options.as_of = make_day(2026, 1, 1);
    run_recon(c);
    return slurp(dir / out / "data_quality.csv");
  }
};

TEST_F(DataQualityRun, WritesDataQualityCsvPerProviderAndDataset) {
  const std::string csv = run(1, "t1");
  // RXH: 24 items, DIAG_01 missing once -> 23/24 complete, all valid; coverage 1 of 2 on the register.
  // RYJ: DOB and SUBDATE missing -> 10/12; NHSNUMBER and SUSHRG invalid -> 8/10; not on the register.
  EXPECT_EQ(csv,
            "PROCODE3,DATASET,RECORDS,COMPLETENESS,VALIDITY,COVERAGE,DQ_SCORE,FIELDS_BLANKED,BLANKED_FIELDS\n"
            "RXH,apc,2,95.83,100.00,50.00,81.94,0,\n"
            "RYJ,apc,1,83.33,80.00,0.00,54.44,0,\n");
  EXPECT_EQ(run(4, "t4"), csv) << "identical whatever the thread count";
  ASSERT_TRUE(fs::exists(dir / "t1" / "report.html"));
  EXPECT_EQ(slurp(dir / "t1" / "report.html"), slurp(dir / "t4" / "report.html"))
      << "report.html is byte-identical whatever the thread count";
}

}  // namespace
}  // namespace recon
