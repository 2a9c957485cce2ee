// Values as real extracts (HES, SUS, SQL Server and Excel exports) write them, read into typed rows as the
// extract means them: dates and dates of birth (their readers: tests/real_values_core_test.cpp), "GP not
// known" codes, code fillers and marks, lists of codes in one field, 5-character site codes. The examples
// are those of the artificial HES files in shared/realdata (see its README.md).
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/date_of_birth.hpp"
#include "core/day.hpp"
#include "parsers/builders.hpp"
#include "parsers/clinical_code_fields.hpp"

namespace recon {
namespace {

// ---- building rows from the values

// An APC row with the required fields filled, and the given fields set.
struct ApcFields {
  std::array<std::string_view, apc::kCount> values{};
  ApcFields() {
    values[apc::SUSSPELLID] = "S1";
    values[apc::PROCODE3] = "RXH";
    values[apc::NHSNUMBER] = "9434765919";
    values[apc::ADMIDATE] = "2025-10-02";
    values[apc::SUSHRG] = "EB03C";
  }
  ApcFields& set(int field, std::string_view value) {
    values[static_cast<std::size_t>(field)] = value;
    return *this;
  }
  // Builds the row; the reject reason ("" if accepted) in `reason`.
  ApcRow build(std::string* reason = nullptr) const {
    ApcRow row;
    const std::string r = build_apc(FieldRow{values, SourcePos{0, 2}}, row);
    if (reason)
      *reason = r;
    else
      EXPECT_EQ(r, "") << "the row is accepted";
    return row;
  }
};

// Codes are read upper-cased and packed as Code::from packs them, one to eight characters; nine is a reject.
TEST(RealValueRows, CodesAreReadUpperCasedOneToEightCharacters) {
  EXPECT_EQ(ApcFields().set(apc::SUSHRG, "eb03c").build().hrg, Code::of("EB03C"));
  EXPECT_EQ(ApcFields().set(apc::TRETSPEF, "1").build().tretspef, Code::of("1"));
  EXPECT_EQ(ApcFields().set(apc::ADMIMETH, "2a").build().admimeth, Code::of("2A"));
  EXPECT_EQ(ApcFields().set(apc::GPPRAC, "a81001zz").build().patient.gpprac, Code::of("A81001ZZ"));
  std::string reason;
  ApcFields().set(apc::PROCODE3, "RXH123456").build(&reason);
  EXPECT_NE(reason.find("longer than 8 characters"), std::string::npos) << reason;
}

TEST(RealValueRows, DatesOfEverySpellingAreRead) {
  const ApcRow row = ApcFields()
                         .set(apc::ADMIDATE, "2025-10-02 00:00:00.000")
                         .set(apc::DISDATE, "05/10/2025")
                         .set(apc::SUBDATE, "1801-01-01")
                         .build();
  EXPECT_EQ(row.admidate, make_day(2025, 10, 2));
  EXPECT_EQ(row.disdate, make_day(2025, 10, 5));
  EXPECT_EQ(row.subdate, kNoDay) << "a HES null date is no date";
  EXPECT_EQ(row.blanked, 0u) << "a null date is read, not blanked";
}

TEST(RealValueRows, ARequiredDateGivenAsAHesNullDateRejectsTheRow) {
  std::string reason;
  ApcFields().set(apc::ADMIDATE, "1800-01-01").build(&reason);
  EXPECT_EQ(reason, "ADMIDATE '1800-01-01' is a HES null date");
}

TEST(RealValueRows, MydobIsKeptToTheMonth) {
  const ApcRow row = ApcFields().set(apc::DOB, "092001").build();
  EXPECT_EQ(row.patient.dob, DateOfBirth::in_month(2001, 9));
  EXPECT_EQ(ApcFields().set(apc::DOB, "1800-01-01").build().patient.dob, DateOfBirth{});
}

// ---- 3. GP practice not known

TEST(RealValueRows, GpNotKnownCodesReadAsNoPractice) {
  for (std::string_view not_known : {"V81997", "V81998", "V81999", "v81999", "&", " V81999 "}) {
    const ApcRow row = ApcFields().set(apc::GPPRAC, not_known).build();
    EXPECT_TRUE(row.patient.gpprac.empty()) << not_known;
    EXPECT_TRUE(row.patient.gpprac_not_known) << not_known;
  }
  const ApcRow practice = ApcFields().set(apc::GPPRAC, "V81996").build();
  EXPECT_EQ(practice.patient.gpprac, Code::of("V81996")) << "only the default codes";
  EXPECT_FALSE(practice.patient.gpprac_not_known);
  EXPECT_FALSE(ApcFields().build().patient.gpprac_not_known) << "an empty GPPRAC is just empty";
}

// ---- 4. code fillers and marks

TEST(ClinicalCodes, FillersAndMarksAreDropped) {
  EXPECT_EQ(position_code("R69X"), Code::of("R69"));
  EXPECT_EQ(position_code("I10X"), Code::of("I10"));
  EXPECT_EQ(position_code("A170†"), Code::of("A170")) << "dagger";
  EXPECT_EQ(position_code("G01X*"), Code::of("G01")) << "asterisk after the filler";
  EXPECT_EQ(position_code("A17.0+"), Code::of("A170"));
  EXPECT_EQ(position_code("G01*"), Code::of("G01"));
  EXPECT_EQ(position_code("r69x"), Code::of("R69"));
  // Nothing in the position: HES's none and not known, padded as in the files, and a lone filler.
  for (std::string_view none : {"-", "-  ", "-   ", "&", "&\t ", "X", "x", "", "  "})
    EXPECT_TRUE(position_code(none).empty()) << '\'' << none << '\'';
}

TEST(ClinicalCodes, XIsAlsoAChapterLetter) {
  EXPECT_EQ(position_code("X59"), Code::of("X59"));
  EXPECT_EQ(position_code("X599"), Code::of("X599"));
  EXPECT_EQ(position_code("X59X"), Code::of("X59")) << "the filler of chapter X's category X59";
  EXPECT_EQ(position_code("W19X"), Code::of("W19"));
  EXPECT_EQ(position_code("X352"), Code::of("X352")) << "OPCS-4 chapter X";
  EXPECT_EQ(position_code("XX"), Code::of("XX")) << "not a lone filler: left for the code rules";
  EXPECT_EQ(position_code("R6X"), Code::of("R6X")) << "an X is a filler only in the 4th place";
  // A reference list's code is normalised without the position rule (a CODE_PREFIX of X would be chapter X).
  EXPECT_EQ(normalise_clinical_code("X"), Code::of("X"));
}

// ---- 5. lists of codes in one field

std::vector<std::string> split(std::string_view text, std::size_t capacity = 20,
                               std::size_t* count = nullptr) {
  std::vector<Code> codes(capacity);
  const std::size_t n = split_code_list(text, codes);
  if (count) *count = n;
  std::vector<std::string> out;
  for (std::size_t i = 0; i < std::min(n, capacity); ++i) out.push_back(codes[i].str());
  return out;
}
using Codes = std::vector<std::string>;

TEST(CodeLists, SeparatorsAndPlaceholders) {
  EXPECT_TRUE(holds_code_list("F32,Z37"));
  EXPECT_TRUE(holds_code_list("F32|Z37"));
  EXPECT_TRUE(holds_code_list("F32;Z37"));
  EXPECT_FALSE(holds_code_list("F32 Z37")) << "white space is padding, not a separator";
  EXPECT_FALSE(holds_code_list("A17.0+"));
  EXPECT_EQ(split("F321,Z370,I500,Z740,O721"), (Codes{"F321", "Z370", "I500", "Z740", "O721"}));
  EXPECT_EQ(split("R69X;I10X"), (Codes{"R69", "I10"}));
  EXPECT_EQ(split("||E119 ,J849 ||I801"), (Codes{"E119", "J849", "I801"})) << "SUS Der_Diagnosis_All";
  EXPECT_EQ(split("H811,K590||H811"), (Codes{"H811", "K590"})) << "'||' is one separator; repeats kept once";
  EXPECT_EQ(split("Z38,,I10,"), (Codes{"Z38", "I10"})) << "runs of separators make no entry";
  // HES *_CONCAT: a '-' placeholder keeps its position, as in the numbered columns.
  EXPECT_EQ(split("Z38,-"), (Codes{"Z38", ""}));
  EXPECT_EQ(split("-  ,Z94"), (Codes{"", "Z94"}));
  EXPECT_EQ(split("&\t ,X99,X99"), (Codes{"", "X99"}));
  EXPECT_EQ(split("A17.0,+,G01X*"), (Codes{"A170", "G01"})) << "a mark alone belongs to the code before";
  std::size_t n = 0;
  EXPECT_EQ(split("A01,A02,A03", 2, &n), (Codes{"A01", "A02"}));
  EXPECT_EQ(n, 3u) << "the count says the list did not fit";
}

TEST(RealValueRows, AListInTheFirstPositionIsSpreadOverThePositions) {
  const ApcRow row =
      ApcFields().set(apc::DIAG_01, "||E119 ,J849 ||I801").set(apc::OPERTN_01, "-   ,Z942").build();
  EXPECT_EQ(row.n_diag, 3);
  EXPECT_EQ(row.diag[0], Code::of("E119"));
  EXPECT_EQ(row.diag[1], Code::of("J849"));
  EXPECT_EQ(row.diag[2], Code::of("I801"));
  EXPECT_EQ(row.n_opertn, 2);
  EXPECT_TRUE(row.opertn[0].empty()) << "no primary procedure: '-' keeps position 1";
  EXPECT_EQ(row.opertn[1], Code::of("Z942"));
  EXPECT_EQ(row.blanked, 0u);
}

TEST(RealValueRows, NumberedColumnsWithHesFillers) {
  const ApcRow row = ApcFields()
                         .set(apc::DIAG_01, "Z470")
                         .set(apc::DIAG_01 + 1, "R54X")
                         .set(apc::DIAG_01 + 2, "-")
                         .set(apc::DIAG_01 + 3, "N133")
                         .set(apc::OPERTN_01, "-   ")
                         .build();
  EXPECT_EQ(row.n_diag, 4);
  EXPECT_EQ(row.diag[1], Code::of("R54"));
  EXPECT_TRUE(row.diag[2].empty());
  EXPECT_EQ(row.n_opertn, 0);
}

// The Commissioning Data Set's default procedure codes (NHS Data Dictionary): X999 "no procedure carried
// out", X998 "procedure carried out but no appropriate OPCS-4 code". HES outpatients are full of X999;
// neither is a code CODE_INVALID may judge. A real code beside them is kept.
TEST(RealValueRows, DefaultProcedureCodesX998AndX999AreNoCode) {
  const ApcRow row = ApcFields()
                         .set(apc::OPERTN_01, "X999")
                         .set(apc::OPERTN_01 + 1, "W401")
                         .set(apc::OPERTN_01 + 2, "X99.8")
                         .build();
  EXPECT_EQ(row.n_opertn, 2);
  EXPECT_TRUE(row.opertn[0].empty());
  EXPECT_EQ(row.opertn[1], Code::of("W401"));
  EXPECT_TRUE(row.opertn[2].empty());
  EXPECT_EQ(ApcFields().set(apc::OPERTN_01, "X999").build().n_opertn, 0);
  // In a diagnosis field X99.9 is an ICD-10 code (assault by sharp object), not a procedure default: kept.
  EXPECT_EQ(ApcFields().set(apc::DIAG_01, "X999").build().n_diag, 1);
}

TEST(RealValueRows, AListThatCannotBePlacedIsBlanked) {
  // A list in a later position, or in the first with the other positions taken: blanked, the row kept.
  const ApcRow later = ApcFields().set(apc::DIAG_01, "I500").set(apc::DIAG_01 + 1, "E119,J440").build();
  EXPECT_EQ(later.n_diag, 1);
  EXPECT_EQ(later.blanked, BlankedFields{1} << (apc::DIAG_01 + 1));
  const ApcRow taken = ApcFields().set(apc::DIAG_01, "I500,E119").set(apc::DIAG_01 + 1, "J440").build();
  EXPECT_TRUE(taken.diag[0].empty());
  EXPECT_EQ(taken.diag[1], Code::of("J440"));
  EXPECT_EQ(taken.blanked, BlankedFields{1} << apc::DIAG_01);
  // More codes than positions: the first 24 kept, the field counted.
  std::string many;
  for (int i = 0; i < 25; ++i) many += "Z9" + std::to_string(i % 10) + std::to_string(i / 10) + ",";
  const ApcRow full = ApcFields().set(apc::OPERTN_01, many).build();
  EXPECT_EQ(full.n_opertn, 24);
  EXPECT_EQ(full.opertn[0], Code::of("Z900"));
  EXPECT_EQ(full.blanked, BlankedFields{1} << apc::OPERTN_01);
}

// ---- 6. 5-character site codes

TEST(RealValueRows, ASiteCodeInProcode3IsItsTrust) {
  const ApcRow site = ApcFields().set(apc::PROCODE3, "RTH08").build();
  EXPECT_EQ(site.procode, Code::of("RTH"));
  EXPECT_EQ(site.site, Code::of("RTH08"));
  const ApcRow trust = ApcFields().set(apc::PROCODE3, "rth").build();
  EXPECT_EQ(trust.procode, Code::of("RTH"));
  EXPECT_TRUE(trust.site.empty());
  EXPECT_EQ(ApcFields().set(apc::PROCODE3, "89999").build().procode, Code::of("89999"))
      << "the default provider code is not a site of trust 899";
  EXPECT_EQ(ApcFields().set(apc::PROCODE3, "RTH0").build().procode, Code::of("RTH0"));
}

TEST(RealValueRows, AReferralsProviderIsItsTrustToo) {
  std::array<std::string_view, referral::kCount> values{};
  values[referral::NHSNUMBER] = "9434765919";
  values[referral::GPPRAC] = "A81001";
  values[referral::REFDATE] = "2025-01-01";
  values[referral::PROCODE3] = "RTH00";
  Referral r;
  EXPECT_EQ(build_referral(FieldRow{values, SourcePos{0, 2}}, r), "");
  EXPECT_EQ(r.procode, Code::of("RTH"));
  values[referral::PROCODE3] = "";
  EXPECT_EQ(build_referral(FieldRow{values, SourcePos{0, 2}}, r), "");
  EXPECT_TRUE(r.procode.empty());
}

}  // namespace
}  // namespace recon
