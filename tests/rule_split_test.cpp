// SPLIT golden tests: prices are given explicitly, so CHARGED is the PRICE column.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,TRETSPEF,SUSHRG,PRICE\n";

struct Expect {
  std::string id, date, charged, challenged, previous, previous_from, previous_to, top, top_charged;
};
std::string split(const Expect& e) {
  return "SPLIT,HIGH,RXH,A81001,apc," + e.id + ",{P1}," + e.date + "," + e.charged + "," + e.challenged +
         ",\"Spell " + e.id + " at RXH was admitted on " + e.date + ", the day spell " + e.previous +
         " at the same provider was discharged; PbR counts the spells as one continuous stay, paid once at "
         "the "
         "highest of their charges (" +
         e.top_charged + " for " + e.top + "), so the excess of " + e.challenged +
         " is not payable.\",previous=" + e.previous + "; previous_admidate=" + e.previous_from +
         "; previous_disdate=" + e.previous_to + "; highest_joined=" + e.top +
         "; highest_charged=" + e.top_charged;
}

TEST(SplitRule, ChallengesTheExcessOfSameDayReadmissionsOverTheHighestCharge) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         // Readmitted on the discharge day: the cheaper second spell is the excess.
                         "S1,RXH,{P1},A81001,2025-04-01,2025-04-05,21,1,300,EB03C,3000.00\n"
                         "S2,RXH,{P1},A81001,2025-04-05,2025-04-08,21,1,300,DZ22B,2400.00\n"
                         // Near-miss: transfer to another provider on the discharge day.
                         "S3,RXQ,{P1},A81001,2025-04-08,2025-04-09,21,1,300,DZ22C,1600.00\n"
                         // A chain of three (1000, 100, 1000): excess 100 + 1000 = total minus highest.
                         "S4,RXH,{P1},A81001,2025-05-01,2025-05-03,21,1,300,DZ22C,1000.00\n"
                         "S5,RXH,{P1},A81001,2025-05-03,2025-05-05,21,1,300,DZ22C,100.00\n"
                         "S6,RXH,{P1},A81001,2025-05-05,2025-05-09,21,1,300,DZ22B,1000.00\n"
                         // The second spell is the dearer one: the excess is the first's charge.
                         "S7,RXH,{P1},A81001,2025-06-01,2025-06-02,21,1,300,DZ22C,800.00\n"
                         "S8,RXH,{P1},A81001,2025-06-02,2025-06-10,21,1,300,EB03C,3000.00\n"
                         // Near-misses: maternity (either spell), regular night attenders.
                         "S9,RXH,{P1},A81001,2025-07-01,2025-07-03,31,1,501,EB03C,1000.00\n"
                         "S10,RXH,{P1},A81001,2025-07-03,2025-07-04,31,1,501,DZ22C,1000.00\n"
                         "S11,RXH,{P1},A81001,2025-07-10,2025-07-12,21,1,300,DZ22C,1000.00\n"
                         "S12,RXH,{P1},A81001,2025-07-12,2025-07-13,21,1,560,DZ22C,1000.00\n"
                         "S13,RXH,{P1},A81001,2025-08-01,2025-08-02,11,4,300,DZ22C,500.00\n"
                         "S14,RXH,{P1},A81001,2025-08-02,2025-08-03,11,4,300,DZ22C,500.00\n"
                         // A split whose second spell was also submitted twice: the copy is DUP's.
                         "S15,RXH,{P1},A81001,2025-09-01,2025-09-03,21,1,300,EB03C,3000.00\n"
                         "S16,RXH,{P1},A81001,2025-09-03,2025-09-05,21,1,300,DZ22C,1600.00\n"
                         "S17,RXH,{P1},A81001,2025-09-03,2025-09-05,21,1,300,DZ22C,1600.00\n"
                         // Near-misses: readmitted the next day (READMIT's business); another patient.
                         "S18,RXH,{P1},A81001,2025-10-01,2025-10-03,11,1,300,DZ22C,1200.00\n"
                         "S19,RXH,{P1},A81001,2025-10-04,2025-10-06,21,1,300,DZ22C,1600.00\n"
                         "S20,RXH,{P2},A81001,2025-04-05,2025-04-06,21,1,300,DZ22C,1600.00\n"
                         // Two day cases on the same day at the same provider.
                         "S21,RXH,{P1},A81001,2025-11-01,2025-11-01,11,2,110,HN12B,5500.00\n"
                         "S22,RXH,{P1},A81001,2025-11-01,2025-11-01,11,2,300,DZ22C,1200.00\n");

  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      split({"S2", "2025-04-05", "2400.00", "2400.00", "S1", "2025-04-01", "2025-04-05", "S1", "3000.00"}),
      split({"S5", "2025-05-03", "100.00", "100.00", "S4", "2025-05-01", "2025-05-03", "S4", "1000.00"}),
      split({"S6", "2025-05-05", "1000.00", "1000.00", "S5", "2025-05-03", "2025-05-05", "S4", "1000.00"}),
      split({"S8", "2025-06-02", "3000.00", "800.00", "S7", "2025-06-01", "2025-06-02", "S8", "3000.00"}),
      split({"S16", "2025-09-03", "1600.00", "1600.00", "S15", "2025-09-01", "2025-09-03", "S15", "3000.00"}),
      split({"S22", "2025-11-01", "1200.00", "1200.00", "S21", "2025-11-01", "2025-11-01", "S21", "5500.00"}),
  });
  EXPECT_EQ(run_rule("SPLIT", in), expected);
}

TEST(SplitRule, DoesNotFireOnSeparateStays) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},A81001,2025-04-01,2025-04-05,21,1,300,EB03C,3000.00\n"
                         "S2,RXH,{P1},A81001,2025-04-06,2025-04-08,11,1,300,DZ22B,2400.00\n"
                         "S3,RXQ,{P1},A81001,2025-04-08,2025-04-09,21,1,300,DZ22C,1600.00\n");
  EXPECT_EQ(run_rule("SPLIT", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
