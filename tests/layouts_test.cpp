// Named input layouts (parsers/layouts.hpp): detection from real HES headers and a SUS one, the mapping a
// layout makes for one file (alternatives, numbered runs, derived columns, the user's renames on top),
// --layout forcing, and docs/layouts.md as generated.
#include "parsers/layouts.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "parsers/derived_columns.hpp"
#include "parsers/fatal_error.hpp"
#include "parsers/file_header.hpp"
#include "recon/cli/commands.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

const fs::path kFixtures = fs::path(RECON_SOURCE_DIR) / "tests" / "data" / "layouts";

std::vector<std::string> header_of(const fs::path& path) {
  return read_column_names({path.string(), 0, format_from_path(path.string())}, {});
}

const Layout& layout(std::string_view name) {
  const Layout* l = find_layout(name);
  EXPECT_NE(l, nullptr) << name;
  return *l;
}

// The contract columns a header fills when read with `mapping` (renames, and derived columns whose sources
// are all there): what the ingest would make of it.
std::set<std::string> filled_columns(const Schema& schema, const std::vector<std::string>& header,
                                     const ColumnMapping& mapping) {
  std::set<std::string> filled, names;
  for (const std::string& column : header) {
    names.insert(to_upper(column));
    const std::string target = mapping.resolve(schema.dataset, column);
    if (schema.index_of(target) >= 0) filled.insert(target);
  }
  for (const DerivedColumn& d : mapping.derived(schema.dataset)) {
    bool all = true;
    for (const DerivedColumn::Part& part : d.parts) all = all && names.count(part.source);
    if (all) filled.insert(d.target);
  }
  return filled;
}

void expect_required_filled(const Schema& schema, const std::set<std::string>& filled) {
  for (const FieldSpec& field : schema.fields)
    if (field.required) EXPECT_TRUE(filled.count(field.name)) << schema.dataset << " " << field.name;
}

TEST(LayoutDetection, TheThreeRealHesHeadersAreHes) {
  const std::pair<const char*, const Schema*> files[] = {{"hes_apc_header.csv", &apc_schema()},
                                                         {"hes_op_header.csv", &op_schema()},
                                                         {"hes_ae_header.csv", &ae_schema()}};
  for (const auto& [name, schema] : files) {
    const std::vector<std::string> header = header_of(kFixtures / name);
    ASSERT_GT(header.size(), 100u) << name;
    EXPECT_EQ(detect_layout(*schema, header, nullptr).name, "hes") << name;
  }
}

TEST(LayoutDetection, TheHandMadeSusHeadersAreSus) {
  const std::pair<const char*, const Schema*> files[] = {
      {"sus_apc.csv", &apc_schema()}, {"sus_op.csv", &op_schema()}, {"sus_ae.csv", &ae_schema()}};
  for (const auto& [name, schema] : files)
    EXPECT_EQ(detect_layout(*schema, header_of(kFixtures / name), nullptr).name, "sus") << name;
}

TEST(LayoutDetection, AFileWithTheContractsColumnsIsTheContractsWhateverElseItHas) {
  const fs::path samples = fs::path(RECON_SOURCE_DIR) / "samples";
  EXPECT_EQ(detect_layout(apc_schema(), header_of(samples / "apc.csv"), nullptr).name, "contract");
  EXPECT_EQ(detect_layout(op_schema(), header_of(samples / "op.csv"), nullptr).name, "contract");
  EXPECT_EQ(detect_layout(ae_schema(), header_of(samples / "ae.csv"), nullptr).name, "contract");
  // HES's markers beside every required column: still the contract's, so files read before are read alike.
  std::vector<std::string> header = header_of(samples / "apc.csv");
  header.insert(header.end(), {"PSEUDO_HESID", "EPIKEY", "Der_Provider_Code"});
  EXPECT_EQ(detect_layout(apc_schema(), header, nullptr).name, "contract");
  // Nothing recognisable: the contract's, and the ingest names the missing columns.
  EXPECT_EQ(detect_layout(apc_schema(), {"A", "B"}, nullptr).name, "contract");
  EXPECT_EQ(detect_layout(apc_schema(), {}, nullptr).name, "contract");
  // HES needs a patient key and a record key: one of them alone is not HES.
  EXPECT_EQ(detect_layout(apc_schema(), {"PSEUDO_HESID", "ADMIDATE"}, nullptr).name, "contract");
  EXPECT_EQ(detect_layout(apc_schema(), {"pseudo_hesid", "epikey"}, nullptr).name, "hes") << "any case";
}

TEST(LayoutDetection, TheUsersRenamesCountTowardsTheContract) {
  const std::vector<std::string> header = {"Spell",   "PROCODE3", "NHSNUMBER", "ADMIDATE",
                                           "DISDATE", "SUSHRG",   "EPIKEY",    "PSEUDO_HESID"};
  EXPECT_EQ(detect_layout(apc_schema(), header, nullptr).name, "hes");
  ColumnMapping user;
  user.add("apc", "Spell", "SUSSPELLID");
  EXPECT_EQ(detect_layout(apc_schema(), header, &user).name, "contract");
}

TEST(LayoutMapping, HesApcColumnsFeedTheContract) {
  const std::vector<std::string> header = header_of(kFixtures / "hes_apc_header.csv");
  const ColumnMapping m = layout_mapping(layout("hes"), apc_schema(), header, nullptr);
  EXPECT_EQ(m.resolve("apc", "PSEUDO_HESID"), "NHSNUMBER") << "no NEWNHSNO in this extract";
  EXPECT_EQ(m.resolve("apc", "EPIKEY"), "SUSSPELLID");
  EXPECT_EQ(m.resolve("apc", "MYDOB"), "DOB");
  EXPECT_EQ(m.resolve("apc", "PROCODE3"), "PROCODE3");
  EXPECT_EQ(m.resolve("apc", "PROCODE5"), "PROCODE5") << "PROCODE3 is there: PROCODE5 is not read";
  EXPECT_EQ(m.resolve("apc", "DIAG_4_01"), "DIAG_01");
  EXPECT_EQ(m.resolve("apc", "DIAG_4_20"), "DIAG_20");
  EXPECT_EQ(m.resolve("apc", "DIAG_3_01"), "DIAG_3_01") << "the 4-character codes are preferred";
  EXPECT_EQ(m.resolve("apc", "OPERTN_4_24"), "OPERTN_24");
  EXPECT_EQ(m.resolve("apc", "AEKEY"), "AEKEY") << "not an APC column";
  EXPECT_TRUE(m.derived("apc").empty());
  expect_required_filled(apc_schema(), filled_columns(apc_schema(), header, m));
}

TEST(LayoutMapping, HesOpAndAeHeadersFillEveryRequiredColumn) {
  for (const auto& [name, schema] :
       {std::pair{"hes_op_header.csv", &op_schema()}, {"hes_ae_header.csv", &ae_schema()}}) {
    const std::vector<std::string> header = header_of(kFixtures / name);
    const ColumnMapping m = layout_mapping(layout("hes"), *schema, header, nullptr);
    EXPECT_EQ(m.resolve(schema->dataset, "PSEUDO_HESID"), "NHSNUMBER") << name;
    expect_required_filled(*schema, filled_columns(*schema, header, m));
  }
}

TEST(LayoutMapping, AlternativesAreTakenInOrderOfPreference) {
  // 3-character codes only, NEWNHSNO beside the pseudonym, PROCODE5 without PROCODE3.
  const std::vector<std::string> header = {"EPIKEY",   "NEWNHSNO",  "PSEUDO_HESID",
                                           "PROCODE5", "DIAG_3_01", "DIAG_3_02"};
  const ColumnMapping m = layout_mapping(layout("hes"), apc_schema(), header, nullptr);
  EXPECT_EQ(m.resolve("apc", "NEWNHSNO"), "NHSNUMBER");
  EXPECT_EQ(m.resolve("apc", "PSEUDO_HESID"), "PSEUDO_HESID");
  EXPECT_EQ(m.resolve("apc", "PROCODE5"), "PROCODE3");
  EXPECT_EQ(m.resolve("apc", "DIAG_3_01"), "DIAG_01");
  EXPECT_EQ(m.resolve("apc", "DIAG_3_02"), "DIAG_02");
  // A column already under the contract's name is read as that column: the layout does not replace it.
  const ColumnMapping with_own =
      layout_mapping(layout("hes"), apc_schema(), {"EPIKEY", "SUSSPELLID"}, nullptr);
  EXPECT_EQ(with_own.resolve("apc", "EPIKEY"), "EPIKEY");
  EXPECT_EQ(with_own.resolve("apc", "SUSSPELLID"), "SUSSPELLID");
}

TEST(LayoutMapping, SusColumnsFeedTheContractWithTheDateOfBirthDerived) {
  const std::vector<std::string> header = header_of(kFixtures / "sus_apc.csv");
  const ColumnMapping m = layout_mapping(layout("sus"), apc_schema(), header, nullptr);
  EXPECT_EQ(m.resolve("apc", "APCS_Ident"), "SUSSPELLID");
  EXPECT_EQ(m.resolve("apc", "Der_Provider_Code"), "PROCODE3");
  EXPECT_EQ(m.resolve("apc", "Provider_Code"), "PROVIDER_CODE") << "the derived trust code is preferred";
  EXPECT_EQ(m.resolve("apc", "Der_Pseudo_NHS_Number"), "NHSNUMBER");
  EXPECT_EQ(m.resolve("apc", "Spell_Core_HRG_SUS"), "SUSHRG");
  EXPECT_EQ(m.resolve("apc", "Der_Dischg_Treatment_Function_Code"), "TRETSPEF");
  EXPECT_EQ(m.resolve("apc", "Der_Diagnosis_All"), "DIAG_01");
  EXPECT_EQ(m.resolve("apc", "Tariff_Total_Payment"), "PRICE");
  ASSERT_EQ(m.derived("apc").size(), 1u);
  const DerivedColumn& dob = m.derived("apc").front();
  EXPECT_EQ(dob.target, "DOB");
  ASSERT_EQ(dob.parts.size(), 2u);
  EXPECT_EQ(dob.parts[0].source, "MONTH_OF_BIRTH_SUS");
  EXPECT_EQ(dob.parts[0].width, 2u);
  EXPECT_EQ(dob.parts[1].source, "YEAR_OF_BIRTH_SUS");
  expect_required_filled(apc_schema(), filled_columns(apc_schema(), header, m));
  // The real NHS number is preferred to the pseudonym where the extract has both.
  const ColumnMapping op =
      layout_mapping(layout("sus"), op_schema(), header_of(kFixtures / "sus_op.csv"), nullptr);
  EXPECT_EQ(op.resolve("op", "NHS_Number"), "NHSNUMBER");
  EXPECT_EQ(op.resolve("op", "Der_Pseudo_NHS_Number"), "DER_PSEUDO_NHS_NUMBER");
  EXPECT_EQ(op.resolve("op", "OPA_Ident"), "ATTENDKEY");
  // Half of the date of birth is no date of birth: no derived column without both parts.
  EXPECT_TRUE(layout_mapping(layout("sus"), apc_schema(), {"APCS_Ident", "Year_of_Birth_SUS"}, nullptr)
                  .derived("apc")
                  .empty());
}

TEST(LayoutMapping, TheUsersRenamesWin) {
  const std::vector<std::string> header = {"EPIKEY", "MySpell", "PSEUDO_HESID", "Patient", "MYDOB"};
  ColumnMapping user;
  user.add("apc", "MySpell", "SUSSPELLID");   // the user fills SUSSPELLID: EPIKEY is not used
  user.add("*", "Patient", "NHSNUMBER");      // ... and NHSNUMBER, from a * row
  user.add("apc", "PSEUDO_HESID", "GPPRAC");  // a layout source the user renamed is the user's
  user.add("*", "MYDOB", "REGDATE");          // a * rename onto another dataset's column: not this file's
  const ColumnMapping m = layout_mapping(layout("hes"), apc_schema(), header, &user);
  EXPECT_EQ(m.resolve("apc", "MySpell"), "SUSSPELLID");
  EXPECT_EQ(m.resolve("apc", "EPIKEY"), "EPIKEY");
  EXPECT_EQ(m.resolve("apc", "Patient"), "NHSNUMBER");
  EXPECT_EQ(m.resolve("apc", "PSEUDO_HESID"), "GPPRAC");
  EXPECT_EQ(m.resolve("apc", "MYDOB"), "MYDOB") << "the user took MYDOB away from the layout";
}

// Every layout is well formed: its targets are the contract's columns, a derived target is optional, no
// file column feeds two contract columns, and a layout other than the contract's can be detected.
TEST(LayoutDefinitions, AreWellFormed) {
  ASSERT_EQ(all_layouts().size(), 3u);
  EXPECT_EQ(all_layouts()[0].name, "contract");
  EXPECT_EQ(&contract_layout(), find_layout("contract"));
  EXPECT_EQ(find_layout("auto"), nullptr);
  for (const Layout& l : all_layouts()) {
    if (&l == &contract_layout()) continue;
    EXPECT_FALSE(l.markers.empty()) << l.name;
    EXPECT_FALSE(l.references.empty()) << l.name;
    for (const char* dataset : {"apc", "op", "ae"}) {
      const DatasetLayout* d = l.dataset(dataset);
      ASSERT_NE(d, nullptr) << l.name << " " << dataset;
      // A header holding every source column of the layout: the mapping must take all of it.
      std::vector<std::string> header;
      std::set<std::string> sources;
      for (const LayoutColumn& c : d->columns) {
        EXPECT_FALSE(c.sources.empty()) << l.name << " " << c.target;
        const auto hash = c.target.find("##");
        const int count =
            hash == std::string_view::npos ? 1 : std::stoi(std::string(c.target.substr(hash + 2)));
        for (int n = 1; n <= count; ++n)
          for (const LayoutSource& s : c.sources)
            for (const LayoutSource::Part& p : s.parts) {
              std::string column(p.column);
              if (const auto h = column.find("##"); h != std::string::npos)
                column.replace(h, 2, (n < 10 ? "0" : "") + std::to_string(n));
              EXPECT_TRUE(sources.insert(to_upper(column)).second)
                  << l.name << " " << dataset << ": " << column << " feeds two contract columns";
              header.push_back(column);
            }
      }
      const Schema& schema = dataset == std::string("apc")  ? apc_schema()
                             : dataset == std::string("op") ? op_schema()
                                                            : ae_schema();
      ColumnMapping m;
      EXPECT_NO_THROW(m = layout_mapping(l, schema, header, nullptr)) << l.name << " " << dataset;
      expect_required_filled(schema, filled_columns(schema, header, m));
    }
  }
}

class ChooseLayout : public ::testing::Test {
 protected:
  std::vector<std::string> notices;
  IngestOptions options() {
    IngestOptions o;
    o.on_notice = [this](const std::string& line) { notices.push_back(line); };
    return o;
  }
  static InputFile fixture(const char* name) { return {(kFixtures / name).string(), 0, Format::kCsv}; }
};

TEST_F(ChooseLayout, AutoDetectsAndSaysSoForALayoutOtherThanTheContracts) {
  const FileLayout hes =
      choose_file_layout(fixture("hes_op_header.csv"), op_schema(), "auto", nullptr, options());
  EXPECT_EQ(hes.layout->name, "hes");
  EXPECT_TRUE(hes.detected);
  ASSERT_TRUE(hes.mapping);
  EXPECT_EQ(hes.mapping_or(nullptr), &*hes.mapping);
  EXPECT_EQ(notices, (std::vector<std::string>{fixture("hes_op_header.csv").path +
                                               ": read in the hes layout (detected from its header)"}));
  notices.clear();
  ColumnMapping user;
  const InputFile samples{std::string(RECON_SOURCE_DIR) + "/samples/op.csv", 0, Format::kCsv};
  const FileLayout contract = choose_file_layout(samples, op_schema(), "auto", &user, options());
  EXPECT_EQ(contract.layout, &contract_layout());
  EXPECT_FALSE(contract.mapping) << "the contract's layout reads with the user's mapping as it is";
  EXPECT_EQ(contract.mapping_or(&user), &user);
  EXPECT_TRUE(notices.empty()) << "nothing to say about a file in the contract's layout";
}

TEST_F(ChooseLayout, ALayoutCanBeForced) {
  const FileLayout sus = choose_file_layout(fixture("sus_apc.csv"), apc_schema(), "sus", nullptr, options());
  EXPECT_EQ(sus.layout->name, "sus");
  EXPECT_FALSE(sus.detected);
  EXPECT_EQ(notices, (std::vector<std::string>{fixture("sus_apc.csv").path +
                                               ": read in the sus layout (--layout sus)"}));
  // Forcing HES on SUS columns maps nothing of them (and the ingest then names the missing columns).
  const FileLayout wrong =
      choose_file_layout(fixture("sus_apc.csv"), apc_schema(), "hes", nullptr, options());
  EXPECT_EQ(wrong.mapping->resolve("apc", "APCS_Ident"), "APCS_IDENT");
  // The contract's layout is taken without reading the file at all.
  const InputFile absent{"/nonexistent/apc.csv", 0, Format::kCsv};
  EXPECT_EQ(choose_file_layout(absent, apc_schema(), "contract", nullptr, options()).layout,
            &contract_layout());
  EXPECT_THROW(choose_file_layout(fixture("sus_apc.csv"), apc_schema(), "sem", nullptr, options()),
               FatalError);
}

// A whole file through the layout's mapping: the ingest accepts the header (no required column missing)
// and the sink sees the derived date of birth.
TEST_F(ChooseLayout, SusRowsReachTheSinkInTheContractsColumns) {
  struct Collect : RowSink {
    std::vector<std::string> dob, ids;
    std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<ChunkWork>(); }
    void row(ChunkWork&, const FieldRow& r) override {
      dob.emplace_back(r[apc::DOB]);
      ids.emplace_back(r[apc::SUSSPELLID]);
    }
    void malformed(ChunkWork&, SourcePos, std::string reason) override { ADD_FAILURE() << reason; }
    void end_chunk(std::unique_ptr<ChunkWork>) override {}
  } sink;
  const InputFile file = fixture("sus_apc.csv");
  const FileLayout chosen = choose_file_layout(file, apc_schema(), "auto", nullptr, options());
  IngestOptions o;
  o.mapping = chosen.mapping_or(nullptr);
  o.threads = 1;
  const IngestResult r = ingest_mapped(file, apc_schema(), sink, o);
  EXPECT_EQ(r.rows, 5u);
  EXPECT_EQ(sink.dob, (std::vector<std::string>{"031950", "", "122001", "", "071944"}));
  EXPECT_EQ(sink.ids,
            (std::vector<std::string>{"500000001", "500000002", "500000003", "500000004", "500000005"}));
}

TEST(LayoutDocs, DocsLayoutsMdIsUpToDate) {
  std::ifstream in(std::string(RECON_SOURCE_DIR) + "/docs/layouts.md");
  std::stringstream ss;
  ss << in.rdbuf();
  EXPECT_EQ(ss.str(), layouts_markdown())
      << "regenerate with: build/recon layouts --markdown > docs/layouts.md";
}

}  // namespace
}  // namespace recon
