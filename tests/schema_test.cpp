// Schema::index_of: every contract name and alias found through the hashed index, as the linear search found
// them; a field's own name wins over an alias; fields appended later (derived columns' sources) are found.
#include "parsers/schema.hpp"

#include <gtest/gtest.h>

namespace recon {
namespace {

TEST(Schema, EveryFieldIsFoundByItsName) {
  for (const Schema* s : {&apc_schema(), &op_schema(), &ae_schema(), &register_schema(), &calendar_schema(),
                          &invoice_schema(), &tariff_apc_schema()})
    for (std::size_t i = 0; i < s->fields.size(); ++i)
      EXPECT_EQ(s->index_of(s->fields[i].name), static_cast<int>(i))
          << s->dataset << " " << s->fields[i].name;
  EXPECT_EQ(apc_schema().index_of("DIAG_20"), apc::DIAG_01 + 19);
  EXPECT_EQ(apc_schema().index_of("OPERTN_24"), apc::OPERTN_01 + 23);
}

TEST(Schema, UnknownAndWrongCaseNamesAreNotFields) {
  EXPECT_EQ(apc_schema().index_of("DIAG_21"), -1);
  EXPECT_EQ(apc_schema().index_of("susspellid"), -1);  // callers upper-case first
  EXPECT_EQ(apc_schema().index_of(""), -1);
  EXPECT_EQ(apc_schema().index_of("SUSSPELLID "), -1);
}

TEST(Schema, AliasesReadAsTheirField) {
  EXPECT_EQ(calendar_schema().index_of("RECONCILIATION_DATE"), calendar::RECONCILIATION_DATE);
  EXPECT_EQ(invoice_schema().index_of("HRG"), invoice::SUSHRG);
  EXPECT_EQ(invoice_schema().index_of("SUSHRG"), invoice::SUSHRG);
}

TEST(Schema, AFieldsOwnNameWinsOverAnAlias) {
  Schema s = tariff_ae_schema();
  s.aliases = {{"PRICE", "HRG"}, {"COST", "PRICE"}, {"GONE", "NOT_A_FIELD"}};
  s.build_index();
  EXPECT_EQ(s.index_of("PRICE"), tariff_ae::PRICE);
  EXPECT_EQ(s.index_of("COST"), tariff_ae::PRICE);
  EXPECT_EQ(s.index_of("GONE"), -1);
}

TEST(Schema, AddedFieldsAreFoundAndCopiesKeepTheirOwnIndex) {
  Schema extended = ae_schema();
  const int id = extended.add_field({"LOCAL_SOURCE", false});
  EXPECT_EQ(id, ae::kCount);
  EXPECT_EQ(extended.index_of("LOCAL_SOURCE"), id);
  EXPECT_EQ(extended.index_of("AEKEY"), ae::AEKEY);
  EXPECT_EQ(ae_schema().index_of("LOCAL_SOURCE"), -1);  // the contract's own schema is untouched
}

}  // namespace
}  // namespace recon
