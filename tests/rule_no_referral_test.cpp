// NO_REFERRAL golden tests. Window: the default 365 days, i.e. REFDATE in [activity - 365, activity].
#include <gtest/gtest.h>

#include "rules/registry.hpp"
#include "tests/rule_harness.hpp"

namespace recon {
namespace {
using testing::RuleInputs;
using testing::run_rule;
using testing::valid_nhs;

const std::string kOpTail = ": please supply the referral.";
const std::string kApcTail = ": please supply the referral that started this pathway.";

TEST(NoReferral, FlagsGpReferredActivityWithoutAReferralInTheLog) {
  const std::string n1 = valid_nhs(1), n2 = valid_nhs(2), n3 = valid_nhs(3), n4 = valid_nhs(4),
                    n5 = valid_nhs(5), none = valid_nhs(6), foreign = valid_nhs(7), reg_only = valid_nhs(8);
  RuleInputs in;
  in.referrals = "NHSNUMBER,GPPRAC,REFDATE,PROCODE3,TRETSPEF\n" + n1 + ",A81001,2025-01-10,RXH,100\n" + n2 +
                 ",A81001,2024-03-31,RXH,100\n" + n3 + ",A81001,2025-02-01,RXJ,110\n" + n4 +
                 ",A81001,2025-02-01,,\n" +            // any provider, any treatment function
                 n5 + ",B81002,2025-02-01,RXH,100\n";  // another practice of the log
  // A practice known only from the register is judged too.
  in.register_ = "NHSNUMBER,GPPRAC,DOB,SEX,REGDATE,DEREGDATE,DOD\n" + reg_only + ",C81003,,,2020-01-01,,\n";
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,REFSOURC,TRETSPEF,PRICE\n"
      "O1,RXH," +
      n1 +
      ",A81001,2025-03-01,1,03,100,150.00\n"  // matches
      "O2,RXH," +
      n1 +
      ",A81001,2025-03-01,1,03,110,160.00\n"  // another treatment function
      "O3,RXH," +
      n1 +
      ",A81001,2025-01-09,1,03,100,150.00\n"  // the day before the referral
      "O4,RXH," +
      n1 +
      ",A81001,2025-01-10,3,03,100,150.00\n"  // same day, non-face-to-face first: fine
      "O5,RXH," +
      n1 +
      ",A81001,2025-03-01,2,03,110,100.00\n"  // follow-up: not judged
      "O6,RXH," +
      n1 +
      ",A81001,2025-03-01,1,01,110,160.00\n"  // not a GP referral: not judged
      "O7,RXH," +
      n2 +
      ",A81001,2025-03-31,1,03,100,150.00\n"  // referral exactly 365 days before: fine
      "O8,RXH," +
      n2 +
      ",A81001,2025-04-01,1,03,100,150.00\n"  // 366 days before
      "O9,RXH," +
      n3 +
      ",A81001,2025-03-01,1,03,110,160.00\n"  // referred to another provider
      "O10,RXH," +
      n4 +
      ",A81001,2025-03-01,1,03,320,180.00\n"  // open referral: fine
      "O11,RXH," +
      n5 +
      ",A81001,2025-03-01,1,03,100,150.00\n"  // referred by another practice: fine
      "O12,RXH," +
      none +
      ",A81001,2025-03-01,1,03,100,150.00\n"  // nothing in the log
      "O13,RXH," +
      foreign +
      ",Z99999,2025-03-01,1,03,100,150.00\n"                    // practice unknown: not judged
      "O14,RXH,1111111111,A81001,2025-03-01,1,03,100,150.00\n"  // invalid NHS number: not judged
      "O15,RXH," +
      reg_only + ",C81003,2025-03-01,1,03,100,150.00\n";
  in.apc =
      "SUSSPELLID,PROCODE3,NHSNUMBER,GPPRAC,ADMIDATE,DISDATE,ADMIMETH,TRETSPEF,SUSHRG,PRICE\n"
      "S1,RXH," +
      n1 +
      ",A81001,2025-04-01,2025-04-02,11,110,HN12B,6000.00\n"  // provider matches: fine
      "S2,RXH," +
      n3 +
      ",A81001,2025-04-01,2025-04-02,12,110,HN12B,6000.00\n"  // referred elsewhere
      "S3,RXH," +
      none +
      ",A81001,2025-04-01,2025-04-02,13,110,HN12B,6000.00\n"  // planned: not judged
      "S4,RXH," +
      none +
      ",A81001,2025-04-01,2025-04-02,21,110,HN12B,7000.00\n"  // emergency: not judged
      "S5,RXH," +
      none + ",A81001,2025-04-01,2025-04-02,11,110,HN12B,6000.00\n";
  in.ae =
      "AEKEY,PROCODE3,NHSNUMBER,GPPRAC,ARRIVALDATE,SUSHRG,PRICE\n"
      "A1,RXH," +
      none + ",A81001,2025-04-01,VB11Z,120.00\n";  // A&E is never GP-referred activity

  const std::vector<std::string> expected = {
      "NO_REFERRAL,MEDIUM,RXH,A81001,apc,S2," + n3 +
          ",2025-04-01,6000.00,6000.00,\"Elective admission (ADMIMETH 12, booked) on 2025-04-01 at RXH, but "
          "the practice referral log holds no referral of this patient to RXH dated 2024-04-01 to "
          "2025-04-01" +
          kApcTail +
          "\",window=2024-04-01 to 2025-04-01; referrals_in_log=1; nearest=2025-02-01 from A81001 to RXJ for "
          "110 (another provider)",
      "NO_REFERRAL,MEDIUM,RXH,A81001,apc,S5," + none +
          ",2025-04-01,6000.00,6000.00,\"Elective admission (ADMIMETH 11, waiting list) on 2025-04-01 at "
          "RXH, "
          "but the practice referral log holds no referral of this patient to RXH dated 2024-04-01 to "
          "2025-04-01" +
          kApcTail + "\",window=2024-04-01 to 2025-04-01; referrals_in_log=0",
      "NO_REFERRAL,MEDIUM,RXH,A81001,op,O2," + n1 +
          ",2025-03-01,160.00,160.00,\"First attendance on 2025-03-01 at RXH in treatment function 110 is "
          "recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral of this "
          "patient to RXH for 110 dated 2024-03-01 to 2025-03-01" +
          kOpTail +
          "\",window=2024-03-01 to 2025-03-01; referrals_in_log=1; nearest=2025-01-10 from A81001 to RXH for "
          "100 (another treatment function)",
      "NO_REFERRAL,MEDIUM,RXH,A81001,op,O3," + n1 +
          ",2025-01-09,150.00,150.00,\"First attendance on 2025-01-09 at RXH in treatment function 100 is "
          "recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral of this "
          "patient to RXH for 100 dated 2024-01-10 to 2025-01-09" +
          kOpTail +
          "\",window=2024-01-10 to 2025-01-09; referrals_in_log=1; nearest=2025-01-10 from A81001 to RXH for "
          "100 (after the activity)",
      "NO_REFERRAL,MEDIUM,RXH,A81001,op,O8," + n2 +
          ",2025-04-01,150.00,150.00,\"First attendance on 2025-04-01 at RXH in treatment function 100 is "
          "recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral of this "
          "patient to RXH for 100 dated 2024-04-01 to 2025-04-01" +
          kOpTail +
          "\",window=2024-04-01 to 2025-04-01; referrals_in_log=1; nearest=2024-03-31 from A81001 to RXH for "
          "100 (before the window)",
      "NO_REFERRAL,MEDIUM,RXH,A81001,op,O9," + n3 +
          ",2025-03-01,160.00,160.00,\"First attendance on 2025-03-01 at RXH in treatment function 110 is "
          "recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral of this "
          "patient to RXH for 110 dated 2024-03-01 to 2025-03-01" +
          kOpTail +
          "\",window=2024-03-01 to 2025-03-01; referrals_in_log=1; nearest=2025-02-01 from A81001 to RXJ for "
          "110 (another provider)",
      "NO_REFERRAL,MEDIUM,RXH,A81001,op,O12," + none +
          ",2025-03-01,150.00,150.00,\"First attendance on 2025-03-01 at RXH in treatment function 100 is "
          "recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral of this "
          "patient to RXH for 100 dated 2024-03-01 to 2025-03-01" +
          kOpTail + "\",window=2024-03-01 to 2025-03-01; referrals_in_log=0",
      "NO_REFERRAL,MEDIUM,RXH,C81003,op,O15," + reg_only +
          ",2025-03-01,150.00,150.00,\"First attendance on 2025-03-01 at RXH in treatment function 100 is "
          "recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral of this "
          "patient to RXH for 100 dated 2024-03-01 to 2025-03-01" +
          kOpTail + "\",window=2024-03-01 to 2025-03-01; referrals_in_log=0",
  };
  EXPECT_EQ(run_rule("NO_REFERRAL", in), expected);
}

TEST(NoReferral, WindowFollowsTheReferralDaysOption) {
  const std::string n = valid_nhs(1);
  RuleInputs in;
  in.referrals = "NHSNUMBER,GPPRAC,REFDATE,PROCODE3,TRETSPEF\n" + n + ",A81001,2025-01-01,RXH,100\n";
  in.op =
      "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,REFSOURC,TRETSPEF,PRICE\n"
      "O1,RXH," +
      n +
      ",A81001,2025-01-31,1,03,100,150.00\n"  // 30 days after the referral: fine
      "O2,RXH," +
      n + ",A81001,2025-02-01,1,03,100,150.00\n";  // 31 days
  in.options.referral_window_days = 30;
  const std::vector<std::string> expected = {
      "NO_REFERRAL,MEDIUM,RXH,A81001,op,O2," + n +
          ",2025-02-01,150.00,150.00,\"First attendance on 2025-02-01 at RXH in treatment function 100 is "
          "recorded as a GP referral (REFSOURC 03), but the practice referral log holds no referral of this "
          "patient to RXH for 100 dated 2025-01-02 to 2025-02-01" +
          kOpTail +
          "\",window=2025-01-02 to 2025-02-01; referrals_in_log=1; nearest=2025-01-01 from A81001 to RXH for "
          "100 (before the window)",
  };
  EXPECT_EQ(run_rule("NO_REFERRAL", in), expected);
}

TEST(NoReferral, QuietWhenEveryReferralIsInTheLog) {
  const std::string n = valid_nhs(1);
  RuleInputs in;
  in.referrals = "NHSNUMBER,GPPRAC,REFDATE,PROCODE3,TRETSPEF\n" + n + ",A81001,2025-01-01,RXH,100\n";
  in.op = "ATTENDKEY,PROCODE3,NHSNUMBER,GPPRAC,APPTDATE,FIRSTATT,REFSOURC,TRETSPEF,PRICE\nO1,RXH," + n +
          ",A81001,2025-02-01,1,03,100,150.00\n";
  EXPECT_TRUE(run_rule("NO_REFERRAL", in).empty());
}

TEST(NoReferral, DoesNotRunWithoutAReferralLog) {
  EXPECT_EQ(testing::why_rule_does_not_run("NO_REFERRAL"), "no practice referral log supplied");
}

}  // namespace
}  // namespace recon
