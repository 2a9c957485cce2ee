// The column-mapping file: a rename that cannot be what the user meant is an error naming its line, never a
// silent guess (an unknown dataset, a target that is not a contract column, one source mapped twice).
#include "parsers/column_mapping.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "parsers/fatal_error.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

class ColumnMappingFile : public ::testing::Test {
 protected:
  fs::path path =
      fs::temp_directory_path() / ("recon_column_map_test_" + std::to_string(::getpid()) + ".csv");
  void TearDown() override { fs::remove(path); }
  // load()'s fatal message, or "" if the file loads.
  std::string load_error(const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
    try {
      ColumnMapping::load(path.string());
    } catch (const FatalError& e) {
      return e.what();
    }
    return "";
  }
  std::string at_line(int line) const {
    return "column-mapping file " + path.string() + " line " + std::to_string(line) + ": ";
  }
};

TEST_F(ColumnMappingFile, ValidRenamesLoadAndResolve) {
  std::ofstream(path, std::ios::binary) << "DATASET,FROM,TO\n"
                                           "apc,Spell_ID,SUSSPELLID\n"
                                           "APC,SpellNo,susspellid\n"  // two spellings, one target: allowed
                                           "*,Provider,PROCODE3\n"
                                           "ae,Provider,AEKEY\n"  // a dataset's own row beats the * row
                                           "tariff_apc,Tariff_HRG,HRG\n";
  const ColumnMapping m = ColumnMapping::load(path.string());
  EXPECT_EQ(m.resolve("apc", "spell_id"), "SUSSPELLID");
  EXPECT_EQ(m.resolve("apc", "SpellNo"), "SUSSPELLID");
  EXPECT_EQ(m.resolve("op", "Provider"), "PROCODE3");
  EXPECT_EQ(m.resolve("ae", "Provider"), "AEKEY");
  EXPECT_EQ(m.resolve("tariff_apc", "tariff_hrg"), "HRG");
  EXPECT_EQ(m.resolve("op", "Spell_ID"), "SPELL_ID") << "apc's rename is not op's";
}

TEST_F(ColumnMappingFile, PipeAndTabSeparatedFilesAndCrLineEndingsLoadAsTheCommaOne) {
  for (const char* text : {"DATASET|FROM|TO\napc|Spell_ID|SUSSPELLID\nop|Appt Date|APPTDATE\n",
                           "DATASET\tFROM\tTO\r\napc\tSpell_ID\tSUSSPELLID\r\nop\tAppt Date\tAPPTDATE\r\n",
                           "DATASET,FROM,TO\rapc,Spell_ID,SUSSPELLID\rop,Appt Date,APPTDATE\r"}) {
    std::ofstream(path, std::ios::binary) << text;
    const ColumnMapping m = ColumnMapping::load(path.string());
    EXPECT_EQ(m.resolve("apc", "spell_id"), "SUSSPELLID") << text;
    EXPECT_EQ(m.resolve("op", "APPT DATE"), "APPTDATE") << text;
  }
}

TEST_F(ColumnMappingFile, UnknownDatasetIsAnErrorNamingTheLine) {
  EXPECT_EQ(load_error("DATASET,FROM,TO\napc,Spell_ID,SUSSPELLID\napcs,Spell_ID,SUSSPELLID\n"),
            at_line(3) +
                "unknown dataset 'apcs' (expected * or one of apc, op, ae, register, referrals, conditions, "
                "tariff_apc, tariff_op, tariff_ae, icd10, opcs4, cc_scores, hrg_cc_bands, qof_map, calendar, "
                "invoice)");
}

TEST_F(ColumnMappingFile, TargetThatIsNotAContractColumnIsAnErrorNamingTheLine) {
  EXPECT_EQ(load_error("DATASET,FROM,TO\napc,Spell_ID,SPELLID\n"),
            at_line(2) + "'SPELLID' is not a column of dataset apc in the data contract");
  EXPECT_EQ(load_error("DATASET,FROM,TO\nop,Key,AEKEY\n"),
            at_line(2) + "'AEKEY' is not a column of dataset op in the data contract");
  EXPECT_EQ(load_error("DATASET,FROM,TO\n*,Key,NOT_A_COLUMN\n"),
            at_line(2) + "'NOT_A_COLUMN' is not a column of any dataset in the data contract");
}

TEST_F(ColumnMappingFile, OneSourceMappedToTwoTargetsIsAnErrorNamingBothLines) {
  EXPECT_EQ(load_error("DATASET,FROM,TO\napc,Date,ADMIDATE\napc,date,DISDATE\n"),
            at_line(3) +
                "column 'date' of apc is already renamed to ADMIDATE on line 2; one source column can have "
                "only one target");
  EXPECT_EQ(
      load_error("DATASET,FROM,TO\n*,Date,ADMIDATE\n*,Date,ADMIDATE\n"),
      at_line(3) +
          "column 'Date' of * is already renamed to ADMIDATE on line 2; one source column can have only "
          "one target");
}

TEST_F(ColumnMappingFile, EmptySourceOrTargetIsAnError) {
  EXPECT_EQ(load_error("DATASET,FROM,TO\napc,,SUSSPELLID\n"),
            at_line(2) + "FROM and TO must both name a column");
}

}  // namespace
}  // namespace recon
