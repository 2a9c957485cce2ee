// OVERLAP golden tests: prices are given explicitly, so CHARGED is the PRICE column.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const char* const kApcHeader =
    "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,CLASSPAT,SUSHRG,PRICE\n";

// The reason has no comma, so the CSV field is not quoted.
struct Expect {
  std::string id, procode, from, to, price;
  bool same_day;  // admitted the same day as the longer spell `other`
  std::string other, other_procode, other_from, other_to, overlap_to;
};
std::string overlap(const Expect& e) {
  const std::string where = e.other_procode == e.procode ? "the same provider" : e.other_procode;
  return "OVERLAP,HIGH," + e.procode + ",A81001,apc," + e.id + ",{P1}," + e.from + "," + e.price + "," +
         e.price + ",Spell " + e.id + " at " + e.procode + " (" + e.from + " to " + e.to + ") was admitted " +
         (e.same_day ? "on the same day as spell " : "while the patient was still in spell ") + e.other +
         " at " + where + " (" + e.other_from + " to " + e.other_to + "); the spells overlap from " + e.from +
         " to " + e.overlap_to + " and a patient cannot be in two beds at once.,overlaps=" + e.other +
         "; overlaps_procode=" + e.other_procode + "; overlaps_admidate=" + e.other_from +
         "; overlaps_disdate=" + e.other_to + "; overlap_from=" + e.from + "; overlap_to=" + e.overlap_to;
}

TEST(OverlapRule, ChallengesTheSpellAdmittedWhileThePatientWasStillInAnother) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},A81001,2025-04-01,2025-04-10,11,1,EB03C,2000.00\n"
                         // Inside S1, at another provider.
                         "S2,RXQ,{P1},A81001,2025-04-05,2025-04-07,21,1,DZ22C,1600.00\n"
                         // Near-miss: admitted on S1's discharge day (a transfer or SPLIT, not an overlap).
                         "S3,RXH,{P1},A81001,2025-04-10,2025-04-12,21,1,DZ22C,1600.00\n"
                         // A day case on a day the patient was in S1's bed.
                         "S4,RXQ,{P1},A81001,2025-04-09,2025-04-09,11,2,DZ22C,1200.00\n"
                         // Same admission day: the shorter (contained) spell is challenged, whatever the
                         // input order.
                         "S6,RXH,{P1},A81001,2025-05-01,2025-05-03,21,1,EB03D,1500.00\n"
                         "S5,RXH,{P1},A81001,2025-05-01,2025-05-06,21,1,EB03C,3000.00\n"
                         // Near-miss: exact duplicates are DUP's business.
                         "S7,RXH,{P1},A81001,2025-06-01,2025-06-05,21,1,EB03C,3000.00\n"
                         "S8,RXH,{P1},A81001,2025-06-01,2025-06-05,21,1,EB03C,3000.00\n"
                         // Near-miss: another patient in hospital on S1's dates.
                         "S9,RXH,{P2},A81001,2025-04-03,2025-04-06,21,1,EB03C,3000.00\n"
                         // Same dates, another HRG: the later record is the overlapping one.
                         "S10,RXH,{P1},A81001,2025-07-01,2025-07-10,21,1,EB03C,3000.00\n"
                         "S11,RXH,{P1},A81001,2025-07-01,2025-07-10,21,1,EB03D,2000.00\n"
                         // A chain: S13 overlaps S12, S14 overlaps S13 only.
                         "S12,RXH,{P1},A81001,2025-08-01,2025-08-20,21,1,EB03C,3000.00\n"
                         "S13,RXQ,{P1},A81001,2025-08-05,2025-08-25,21,1,EB03C,3100.00\n"
                         "S14,RXH,{P1},A81001,2025-08-22,2025-08-23,21,1,DZ22C,1600.00\n"
                         // Near-miss: a day case on the day of another admission may have come first.
                         "S15,RXQ,{P1},A81001,2025-09-01,2025-09-01,11,2,DZ22C,1200.00\n"
                         "S16,RXH,{P1},A81001,2025-09-01,2025-09-04,21,1,EB03C,3000.00\n");
  // Near-miss: outpatient activity during a spell is not an overlap of beds.
  in.op = with_patients(
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,ATTENDED,FIRSTATT,TRETSPEF,PRICE\n"
      "O1,RXH,{P1},A81001,2025-04-05,5,2,100,90.00\n");

  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      overlap({"S2", "RXQ", "2025-04-05", "2025-04-07", "1600.00", false, "S1", "RXH", "2025-04-01",
               "2025-04-10", "2025-04-07"}),
      overlap({"S4", "RXQ", "2025-04-09", "2025-04-09", "1200.00", false, "S1", "RXH", "2025-04-01",
               "2025-04-10", "2025-04-09"}),
      overlap({"S6", "RXH", "2025-05-01", "2025-05-03", "1500.00", true, "S5", "RXH", "2025-05-01",
               "2025-05-06", "2025-05-03"}),
      overlap({"S11", "RXH", "2025-07-01", "2025-07-10", "2000.00", true, "S10", "RXH", "2025-07-01",
               "2025-07-10", "2025-07-10"}),
      overlap({"S13", "RXQ", "2025-08-05", "2025-08-25", "3100.00", false, "S12", "RXH", "2025-08-01",
               "2025-08-20", "2025-08-20"}),
      overlap({"S14", "RXH", "2025-08-22", "2025-08-23", "1600.00", false, "S13", "RXQ", "2025-08-05",
               "2025-08-25", "2025-08-23"}),
  });
  EXPECT_EQ(run_rule("OVERLAP", in), expected);
}

TEST(OverlapRule, DoesNotFireOnConsecutiveSpellsAndTransfers) {
  RuleInputs in;
  in.apc = with_patients(std::string(kApcHeader) +
                         "S1,RXH,{P1},A81001,2025-04-01,2025-04-10,21,1,EB03C,3000.00\n"
                         "S2,RXQ,{P1},A81001,2025-04-10,2025-04-15,21,1,EB03C,3000.00\n"
                         "S3,RXH,{P1},A81001,2025-04-20,2025-04-20,11,2,DZ22C,1200.00\n"
                         "S4,RXH,{P1},A81001,2025-04-21,2025-04-22,11,1,DZ22C,1200.00\n");
  EXPECT_EQ(run_rule("OVERLAP", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
