// An activity row's optional field that cannot be read is blanked, not a reason to reject the row: the row is
// still checked by the rules, and the blanked value is counted in data_quality.csv (FIELDS_BLANKED,
// BLANKED_FIELDS; docs/data_quality.md). Only a required field (the record id, PROCODE3, the activity date)
// or PRICE still rejects the row, and practice files are read strictly as before. Also how the data-quality
// items count the real-extract values: a DOB known to the month, a "GP not known" code.
#include <gtest/gtest.h>
#include <unistd.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "parsers/builders.hpp"
#include "recon/cli/run_job.hpp"
#include "recon/engine/data_quality.hpp"
#include "recon/engine/measures/dqmi_measure.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

constexpr BlankedFields bit(int field) { return BlankedFields{1} << field; }

// A row of `Schema` with its required fields filled; `set` overrides a field.
template <int Count>
struct Fields {
  std::array<std::string_view, Count> values{};
  Fields& set(int field, std::string_view value) {
    values[static_cast<std::size_t>(field)] = value;
    return *this;
  }
  FieldRow row() const { return FieldRow{values, SourcePos{0, 2}}; }
};
Fields<apc::kCount> apc_fields() {
  Fields<apc::kCount> f;
  f.set(apc::SUSSPELLID, "S1").set(apc::PROCODE3, "RXH").set(apc::NHSNUMBER, "9434765919");
  f.set(apc::ADMIDATE, "2025-04-01").set(apc::DISDATE, "2025-04-03").set(apc::SUSHRG, "EB03C");
  return f;
}

TEST(BlankedFields, AnUnreadableOptionalFieldIsBlankedAndTheRowKept) {
  ApcRow row;
  EXPECT_EQ(build_apc(apc_fields()
                          .set(apc::DOB, "last spring")
                          .set(apc::DISDATE, "N/A")
                          .set(apc::SUBDATE, "2025-02-30")
                          .set(apc::SUSHRG, "EB03C-and-more")
                          .set(apc::TRETSPEF, "300")
                          .row(),
                      row),
            "");
  EXPECT_EQ(row.blanked, bit(apc::DOB) | bit(apc::DISDATE) | bit(apc::SUBDATE) | bit(apc::SUSHRG));
  EXPECT_FALSE(row.patient.dob.known());
  EXPECT_EQ(row.disdate, kNoDay);
  EXPECT_EQ(row.subdate, kNoDay);
  EXPECT_TRUE(row.hrg.empty());
  EXPECT_EQ(row.tretspef, Code::of("300")) << "the readable fields are read";
  EXPECT_EQ(row.admidate, make_day(2025, 4, 1));
}

TEST(BlankedFields, OpAndAeRowsToo) {
  Fields<op::kCount> o;
  o.set(op::ATTENDKEY, "O1").set(op::PROCODE3, "RXH").set(op::APPTDATE, "2025-04-01");
  o.set(op::SUBDATE, "soon").set(op::GPPRAC, "A81001A81001");
  OpRow op_row;
  EXPECT_EQ(build_op(o.row(), op_row), "");
  EXPECT_EQ(op_row.blanked, bit(op::SUBDATE) | bit(op::GPPRAC));
  Fields<ae::kCount> a;
  a.set(ae::AEKEY, "A1").set(ae::PROCODE3, "RXH").set(ae::ARRIVALDATE, "2025-04-01");
  a.set(ae::DOB, "132001");
  AeRow ae_row;
  EXPECT_EQ(build_ae(a.row(), ae_row), "");
  EXPECT_EQ(ae_row.blanked, bit(ae::DOB)) << "month 13 of a MMYYYY date of birth";
}

TEST(BlankedFields, ARequiredFieldOrAPriceStillRejectsTheRow) {
  ApcRow row;
  EXPECT_EQ(build_apc(apc_fields().set(apc::ADMIDATE, "N/A").set(apc::DOB, "x").row(), row),
            "ADMIDATE 'N/A' is not a date (YYYY-MM-DD or YYYYMMDD)");
  EXPECT_EQ(build_apc(apc_fields().set(apc::PROCODE3, "RXH-TRUST-1").row(), row),
            "PROCODE3 'RXH-TRUST-1' is longer than 8 characters");
  EXPECT_EQ(build_apc(apc_fields().set(apc::SUSSPELLID, "").row(), row), "SUSSPELLID is empty");
  // A price recon cannot read is not one to replace with the tariff's: the row is rejected.
  EXPECT_EQ(build_apc(apc_fields().set(apc::PRICE, "about 3000").row(), row),
            "PRICE 'about 3000' is not an amount of money");
  // The DOB is never quoted in a reason (it is blanked anyway, so there is none to quote).
  EXPECT_EQ(build_apc(apc_fields().set(apc::DOB, "1950-13-01").row(), row), "");
}

TEST(BlankedFields, PracticeFilesAreReadStrictly) {
  std::array<std::string_view, reg::kCount> values{};
  values[reg::NHSNUMBER] = "9434765919";
  values[reg::GPPRAC] = "A81001";
  values[reg::REGDATE] = "2020-01-01";
  values[reg::DEREGDATE] = "N/A";
  Registration r;
  EXPECT_EQ(build_registration(FieldRow{values, SourcePos{0, 2}}, r),
            "DEREGDATE 'N/A' is not a date (YYYY-MM-DD or YYYYMMDD)")
      << "a register row without its end date would make a patient look registered";
  values[reg::DEREGDATE] = "1800-01-01";
  EXPECT_EQ(build_registration(FieldRow{values, SourcePos{0, 2}}, r), "");
  EXPECT_EQ(r.deregdate, kNoDay) << "a HES null date is no date, not an unreadable one";
}

// ---- the data-quality measure

struct Fixture {
  Reference ref;
  PracticeData practice;
  RuleOptions options;
  RuleContext ctx{ref, practice, options};
  DqmiMeasure dqmi;
  std::unique_ptr<MeasureState> state = dqmi.new_state();
  Fixture() { options.as_of = make_day(2026, 1, 1); }
  DataQualityCounts counts() {
    RunResult result;
    dqmi.finish(*state, result);
    return result.data_quality.counts().at({Code::of("RXH"), Dataset::kApc});
  }
};

ApcRow built(const Fields<apc::kCount>& fields) {
  ApcRow row;
  EXPECT_EQ(build_apc(fields.row(), row), "");
  return row;
}

TEST(BlankedFields, TheMeasureCountsThemByFieldAndAsPopulatedButInvalid) {
  Fixture f;
  f.dqmi.add(*f.state, built(apc_fields().set(apc::DOB, "1950-01-01")), f.ctx);
  f.dqmi.add(*f.state, built(apc_fields().set(apc::DOB, "unknown").set(apc::DISDATE, "N/A")), f.ctx);
  f.dqmi.add(*f.state, built(apc_fields().set(apc::DOB, "?")), f.ctx);
  const DataQualityCounts c = f.counts();
  EXPECT_EQ(c.fields_blanked, 3u);
  EXPECT_EQ(c.blanked_by_field[apc::DOB], 2u);
  EXPECT_EQ(c.blanked_by_field[apc::DISDATE], 1u);
  EXPECT_EQ(blanked_fields_text(Dataset::kApc, c), "DOB=2;DISDATE=1") << "in schema order";
  // DOB: populated in all three records (two unreadably), valid in one.
  EXPECT_EQ(c.items[1].present, 3u);
  EXPECT_EQ(c.items[1].checked, 3u);
  EXPECT_EQ(c.items[1].valid, 1u);
  // DISDATE: populated in all three, the blanked one invalid.
  EXPECT_EQ(c.items[5].present, 3u);
  EXPECT_EQ(c.items[5].valid, 2u);
}

TEST(RealValueQuality, ADobToTheMonthIsValidWhenSomeDayOfItIs) {
  Fixture f;
  // Born in April 2025, admitted 1 April 2025: may have been born that day.
  f.dqmi.add(*f.state, built(apc_fields().set(apc::DOB, "042025")), f.ctx);
  // Born in May 2025: after the admission whatever the day.
  f.dqmi.add(*f.state, built(apc_fields().set(apc::DOB, "2025-05")), f.ctx);
  const DataQualityCounts c = f.counts();
  EXPECT_EQ(c.items[1].present, 2u);
  EXPECT_EQ(c.items[1].valid, 1u);
  EXPECT_EQ(c.fields_blanked, 0u);
}

TEST(RealValueQuality, AGpNotKnownCodeIsAPopulatedDefault) {
  Fixture f;
  f.dqmi.add(*f.state, built(apc_fields().set(apc::GPPRAC, "V81999")), f.ctx);
  f.dqmi.add(*f.state, built(apc_fields().set(apc::GPPRAC, "&")), f.ctx);
  f.dqmi.add(*f.state, built(apc_fields()), f.ctx);
  const DataQualityCounts c = f.counts();
  EXPECT_EQ(c.items[3].present, 2u) << "as before the codes were read as no practice";
  EXPECT_EQ(c.items[3].valid, 2u);
}

// ---- the pipeline: the row is checked, and data_quality.csv counts the blanked value

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

TEST(BlankedFields, TheRowIsCheckedAndDataQualityCsvCountsTheBlankedValues) {
  const fs::path dir = fs::temp_directory_path() / ("recon_blanked_test_" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  // S1's DOB cannot be read; it was submitted before its admission (DATE_IMPOSSIBLE), which is still found.
  std::ofstream(dir / "apc.csv") << "SUSSPELLID,PROCODE3,NHSNUMBER,DOB,ADMIDATE,DISDATE,SUBDATE,SUSHRG\n"
                                 << "S1,RXH," << testing::valid_nhs(1)
                                 << ",31/31/1950,2025-04-01,2025-04-03,2025-03-01,EB03C\n"
                                 << "S2,RXH," << testing::valid_nhs(2)
                                 << ",1950-01-01,2025-04-01,2025-04-03,2025-04-10,EB03C\n";
  RunConfig c;
  c.reference_dir = std::string(RECON_SOURCE_DIR) + "/tests/data/reference";
  c.apc = {(dir / "apc.csv").string()};
  c.out_dir = (dir / "out").string();
  c.threads = 1;
  c.quiet = true;
  c.rule_options.as_of = make_day(2026, 1, 1);
  run_recon(c);
  EXPECT_EQ(slurp(dir / "out" / "rejects.csv"), "FILE,LINE,DATASET,REASON\n");
  const std::string challenges = slurp(dir / "out" / "challenges.csv");
  EXPECT_NE(challenges.find("DATE_IMPOSSIBLE,HIGH,RXH,,apc,S1,"), std::string::npos) << challenges;
  const std::string quality = slurp(dir / "out" / "data_quality.csv");
  EXPECT_NE(quality.find(",FIELDS_BLANKED,BLANKED_FIELDS\n"), std::string::npos) << quality;
  EXPECT_TRUE(quality.ends_with(",1,DOB=1\n")) << quality;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace recon
