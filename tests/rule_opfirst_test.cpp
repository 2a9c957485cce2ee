// OPFIRST golden tests. OP tariff (first / follow-up): 100 150.00/90.00, 110 160.00/100.00,
// 320 180.00/95.00, 502 140.00/80.00; TRETSPEF 999 is not in the tariff.
#include <gtest/gtest.h>

#include "tests/patient_rule_rows.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::with_patients;

const std::string kOp =
    "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,ATTENDED,FIRSTATT,TRETSPEF,SUSHRG,PRICE\n"
    // P1: a first ever attendance, a follow-up, then a "first" 4 months later with no new referral (the
    // referrals in the log are before the follow-up or to another treatment function).
    "A1,RXH,{P1},A81001,2025-03-10,5,1,100,WF01B,\n"
    "A2,RXH,{P1},A81001,2025-05-12,5,2,100,WF01A,\n"
    "A3,RXH,{P1},A81001,2025-09-01,5,1,100,WF01B,\n"
    // P2: a new referral between B1 and B2 makes B2 a genuine first; B3 (non-face-to-face first) is not.
    "B1,RXH,{P2},A81001,2025-03-10,5,1,100,WF01B,\n"
    "B2,RXH,{P2},A81001,2025-06-01,5,1,100,WF01B,\n"
    "B3,RXH,{P2},A81001,2025-06-20,5,3,100,WF01B,120.00\n"
    // P3: six calendar months before 2025-08-31 is 2025-02-28: on the boundary fires (RXH), the day before
    // does not (RXQ).
    "C1,RXH,{P3},A81001,2025-02-28,5,2,320,WF01A,\n"
    "C2,RXH,{P3},A81001,2025-08-31,5,1,320,WF01B,\n"
    "C3,RXQ,{P3},A81001,2025-02-27,5,2,320,WF01A,\n"
    "C4,RXQ,{P3},A81001,2025-08-31,5,1,320,WF01B,\n"
    // P4 near-misses: another treatment function; an earlier appointment not attended (3 = DNA); an
    // earlier attendance the same day; a first that was itself not attended.
    "D1,RXH,{P4},A81001,2025-04-01,5,1,100,WF01B,\n"
    "D2,RXH,{P4},A81001,2025-05-01,5,1,110,WF01B,\n"
    "D3,RXH,{P4},A81001,2025-06-01,3,1,502,WF01B,\n"
    "D4,RXH,{P4},A81001,2025-07-01,5,1,502,WF01B,\n"
    "D5,RXH,{P4},A81001,2025-08-01,5,2,320,WF01A,\n"
    "D6,RXH,{P4},A81001,2025-08-01,5,1,320,WF01B,\n"
    "D7,RXH,{P4},A81001,2025-09-01,2,1,100,WF01B,\n"
    // P5: already charged at the follow-up price: nothing at risk.
    "E1,RXH,{P5},A81001,2025-04-01,5,1,100,WF01B,\n"
    "E2,RXH,{P5},A81001,2025-05-01,5,1,100,WF01B,90.00\n"
    // P6: treatment function without a tariff follow-up price: raised, not priced.
    "F1,RXH,{P6},A81001,2025-04-01,5,2,999,WF01A,100.00\n"
    "F2,RXH,{P6},A81001,2025-05-01,5,1,999,WF01B,200.00\n"
    // P7: the only new referral is to another provider.
    "G1,RXH,{P7},A81001,2025-04-01,5,1,100,WF01B,\n"
    "G2,RXH,{P7},A81001,2025-05-01,5,1,100,WF01B,\n"
    // P8: a referral dated on the day of the new first counts.
    "H1,RXH,{P8},A81001,2025-04-01,5,1,100,WF01B,\n"
    "H2,RXH,{P8},A81001,2025-05-01,5,1,100,WF01B,\n"
    // P9: a referral dated on the day of the previous attendance does not.
    "K1,RXH,{P9},A81001,2025-04-01,5,1,100,WF01B,\n"
    "K2,RXH,{P9},A81001,2025-05-01,5,1,100,WF01B,\n";

const std::string kReferrals =
    "NHSNUMBER,GPPRAC,REFDATE,PROCODE3,TRETSPEF\n"
    "{P1},A81001,2025-03-01,RXH,100\n"
    "{P1},A81001,2025-05-01,RXH,100\n"
    "{P1},A81001,2025-08-01,RXH,110\n"
    "{P2},A81001,2025-05-20,RXH,\n"
    "{P7},A81001,2025-04-15,RXQ,100\n"
    "{P8},A81001,2025-05-01,,100\n"
    "{P9},A81001,2025-04-01,RXH,100\n";

struct Expect {
  std::string id, patient, date, tretspef, charged, challenged, previous, previous_date, followup;
};
std::string opfirst(const Expect& e, bool have_log = true, int months = 6) {
  const std::string m = std::to_string(months);
  const bool priced = e.followup != "unknown";
  return "OPFIRST,MEDIUM,RXH,A81001,op," + e.id + "," + e.patient + "," + e.date + "," + e.charged + "," +
         e.challenged + ",\"First attendance " + e.id + " at RXH (TRETSPEF " + e.tretspef + ") on " + e.date +
         " follows attendance " + e.previous + " in the same clinic on " + e.previous_date + ", within " + m +
         " months, with " +
         (have_log ? "no new referral in the practice referral log since"
                   : "no referral log supplied to show a new referral") +
         "; it should be charged as a follow-up" +
         (priced ? " at " + e.followup + "."
                 : " (the tariff has no follow-up price for TRETSPEF " + e.tretspef +
                       ", so the amount at risk is not priced).") +
         "\",previous=" + e.previous + "; previous_date=" + e.previous_date + "; months=" + m +
         "; followup_price=" + e.followup + "; referral_log=" + (have_log ? "checked" : "not supplied");
}

TEST(OpFirstRule, ChallengesRepeatFirstsWithoutANewReferralAtFirstMinusFollowUp) {
  RuleInputs in;
  in.op = with_patients(kOp);
  in.referrals = with_patients(kReferrals);
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      opfirst({"A3", "{P1}", "2025-09-01", "100", "150.00", "60.00", "A2", "2025-05-12", "90.00"}),
      opfirst({"B3", "{P2}", "2025-06-20", "100", "120.00", "30.00", "B2", "2025-06-01", "90.00"}),
      opfirst({"C2", "{P3}", "2025-08-31", "320", "180.00", "85.00", "C1", "2025-02-28", "95.00"}),
      opfirst({"F2", "{P6}", "2025-05-01", "999", "200.00", "0.00", "F1", "2025-04-01", "unknown"}),
      opfirst({"G2", "{P7}", "2025-05-01", "100", "150.00", "60.00", "G1", "2025-04-01", "90.00"}),
      opfirst({"K2", "{P9}", "2025-05-01", "100", "150.00", "60.00", "K1", "2025-04-01", "90.00"}),
  });
  EXPECT_EQ(run_rule("OPFIRST", in), expected);
}

TEST(OpFirstRule, LookBackInMonthsIsConfigurable) {
  RuleInputs in;
  in.op = with_patients(kOp);
  in.referrals = with_patients(kReferrals);
  in.options.opfirst_months = 3;  // A3 (previous 2025-05-12, bound 2025-06-01) and C2 drop out
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      opfirst({"B3", "{P2}", "2025-06-20", "100", "120.00", "30.00", "B2", "2025-06-01", "90.00"}, true, 3),
      opfirst({"F2", "{P6}", "2025-05-01", "999", "200.00", "0.00", "F1", "2025-04-01", "unknown"}, true, 3),
      opfirst({"G2", "{P7}", "2025-05-01", "100", "150.00", "60.00", "G1", "2025-04-01", "90.00"}, true, 3),
      opfirst({"K2", "{P9}", "2025-05-01", "100", "150.00", "60.00", "K1", "2025-04-01", "90.00"}, true, 3),
  });
  EXPECT_EQ(run_rule("OPFIRST", in), expected);
}

TEST(OpFirstRule, WithoutAReferralLogStillFiresAndSaysSo) {
  RuleInputs in;
  in.op = with_patients(
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,ATTENDED,FIRSTATT,TRETSPEF,SUSHRG,PRICE\n"
      "B1,RXH,{P2},A81001,2025-03-10,5,1,100,WF01B,\n"
      "B2,RXH,{P2},A81001,2025-06-01,5,1,100,WF01B,\n");
  const std::vector<std::string> expected = with_patients(std::vector<std::string>{
      opfirst({"B2", "{P2}", "2025-06-01", "100", "150.00", "60.00", "B1", "2025-03-10", "90.00"}, false),
  });
  EXPECT_EQ(run_rule("OPFIRST", in), expected);
}

TEST(OpFirstRule, DoesNotFireOnAFirstFollowedByFollowUps) {
  RuleInputs in;
  in.op = with_patients(
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,ATTENDED,FIRSTATT,TRETSPEF,SUSHRG,PRICE\n"
      "O1,RXH,{P1},A81001,2025-03-10,5,1,100,WF01B,\n"
      "O2,RXH,{P1},A81001,2025-04-10,5,2,100,WF01A,\n"
      "O3,RXH,{P1},A81001,2025-05-10,6,2,100,WF01A,\n"
      "O4,RXH,{P1},A81001,2025-12-01,5,1,100,WF01B,\n");
  EXPECT_EQ(run_rule("OPFIRST", in), std::vector<std::string>{});
}

}  // namespace
}  // namespace recon
