#include "parsers/layouts.hpp"

#include <set>

#include "parsers/fatal_error.hpp"
#include "parsers/file_header.hpp"

namespace recon {
namespace {

// The definitions below read as tables: col(target, {sources...}, note).
LayoutSource from(std::string_view column) { return {{{column, 0}}}; }
// A date of birth as MMYYYY from a month column and a year column.
LayoutSource month_year(std::string_view month, std::string_view year) { return {{{month, 2}, {year, 4}}}; }
LayoutColumn col(std::string_view target, std::vector<LayoutSource> sources, std::string_view note = {}) {
  return {target, std::move(sources), note};
}

// Notes shared by the layouts: what the value parser and the engine make of a column's values.
constexpr std::string_view kPseudonym =
    "the NHS number where the extract has one; a pseudonym (PSEUDO_HESID, Der_Pseudo_NHS_Number) is read as "
    "a pseudonym, never as an NHS number: the patient rules match by it, NHS_INVALID skips it, and the "
    "practice-record rules need --practice-pseudonym-column (docs/data_contract.md, Pseudonymised data)";
constexpr std::string_view kMydob = "MYDOB is the month and year of birth (MMYYYY): read by the value parser";
constexpr std::string_view kMonthYearDob =
    "derived: the month (zero-padded) and the year joined as MMYYYY, read by the value parser as MYDOB is";
constexpr std::string_view kSiteCode =
    "PROCODE5 is a 5-character site code: the value parser keeps the trust's 3";

Layout contract() {
  return {"contract",
          "the data contract",
          "Every column under the contract's own name (docs/data_contract.md); --column-map renames yours.",
          {},
          {},
          {}};
}

Layout hes() {
  const std::string_view patient = "NHSNUMBER";
  return {
      "hes",
      "Hospital Episode Statistics (HES)",
      "Extracts in the HES layout from NHS England (formerly NHS Digital): the HES data dictionary's field "
      "names. "
      "HES admitted patient care has one row per episode, not per spell: recon groups the episodes into "
      "spells before any rule runs (docs/data_contract.md, Episode-level APC).",
      {{"PSEUDO_HESID", "NEWNHSNO", "HESID"}, {"EPIKEY", "ATTENDKEY", "AEKEY"}},
      {{"apc",
        "HES APC (admitted patient care, one row per episode)",
        {col("SUSSPELLID", {from("SUSSPELLID"), from("EPIKEY")},
             "the SUS spell id where the extract has it, else the episode key of the spell's first episode "
             "(episodes are then grouped into spells by provider, patient and admission date)"),
         col("PROCODE3", {from("PROCODE3"), from("PROCODE5")}, kSiteCode),
         col(patient, {from("NEWNHSNO"), from("PSEUDO_HESID")}, kPseudonym),
         col("DOB", {from("DOB"), from("MYDOB")}, kMydob),
         col("SEX", {from("SEX")}),
         col("GPPRAC", {from("GPPRAC")}),
         col("ADMIDATE", {from("ADMIDATE")}),
         col("DISDATE", {from("DISDATE")}),
         col("ADMIMETH", {from("ADMIMETH")}),
         col("ADMISORC", {from("ADMISORC")}),
         col("DISMETH", {from("DISMETH")}),
         col("CLASSPAT", {from("CLASSPAT")}),
         col("TRETSPEF", {from("TRETSPEF")}),
         col("SUSHRG", {from("SUSHRG")}),
         col("DIAG_##20", {from("DIAG_4_##"), from("DIAG_3_##")}, "4-character codes, else 3-character"),
         col("OPERTN_##24", {from("OPERTN_4_##"), from("OPERTN_3_##")},
             "4-character codes, else 3-character"),
         col("ADMINCAT", {from("ADMINCAT")}),
         col("EPIORDER", {from("EPIORDER")}, "episodes are grouped into spells before any rule runs"),
         col("EPISTART", {from("EPISTART")}),
         col("EPIEND", {from("EPIEND")})}},
       {"op",
        "HES OP (outpatient appointments)",
        {col("ATTENDKEY", {from("ATTENDKEY")}),
         col("PROCODE3", {from("PROCODE3"), from("PROCODE5")}, kSiteCode),
         col(patient, {from("NEWNHSNO"), from("PSEUDO_HESID")}, kPseudonym),
         col("DOB", {from("DOB"), from("MYDOB")}, kMydob), col("SEX", {from("SEX")}),
         col("GPPRAC", {from("GPPRAC")}), col("APPTDATE", {from("APPTDATE")}),
         col("ATTENDED", {from("ATTENDED")}), col("FIRSTATT", {from("FIRSTATT")}),
         col("REFSOURC", {from("REFSOURC")}), col("TRETSPEF", {from("TRETSPEF")}),
         col("SUSHRG", {from("SUSHRG")}),
         col("OPERTN_##24", {from("OPERTN_4_##"), from("OPERTN_3_##")},
             "4-character codes, else 3-character"),
         col("ADMINCAT", {from("ADMINCAT")})}},
       {"ae",
        "HES A&E (accident and emergency attendances)",
        {col("AEKEY", {from("AEKEY")}), col("PROCODE3", {from("PROCODE3"), from("PROCODE5")}, kSiteCode),
         col(patient, {from("NEWNHSNO"), from("PSEUDO_HESID")}, kPseudonym),
         col("DOB", {from("DOB"), from("MYDOB")}, kMydob), col("SEX", {from("SEX")}),
         col("GPPRAC", {from("GPPRAC")}), col("ARRIVALDATE", {from("ARRIVALDATE")}),
         col("AEATTENDCAT", {from("AEATTENDCAT")}), col("AEATTENDDISP", {from("AEATTENDDISP")}),
         col("SUSHRG", {from("SUSHRG")}), col("ADMINCAT", {from("ADMINCAT")})}}},
      {"HES data dictionary (NHS England): admitted patient care, outpatients and A&E field lists, e.g. the "
       "PROCODE3 and PROCODE fields, https://www.hesonline.org.uk/Ease/servlet/"
       "ContentServer_siteID-1937-categoryID-571-dirID-113969",
       "NHS Digital Artificial HES data (Open Government Licence): the headers in "
       "tests/data/layouts/hes_*.csv"}};
}

Layout sus() {
  const std::string_view patient = "NHSNUMBER";
  const LayoutSource provider = from("Der_Provider_Code"), provider_as_sent = from("Provider_Code");
  const std::string_view provider_note = "the derived trust code, else the code as sent";
  return {
      "sus",
      "SUS commissioner extracts (SEM)",
      "Secondary Uses Service data as commissioning data warehouses hold it (the National Commissioning Data "
      "Repository's SUS+ tables: APCS spells, OPA appointments, ECDS attendances), one row per record with "
      "the cost table's payment joined on where the extract has it.",
      {{"Der_Provider_Code", "Der_Pseudo_NHS_Number", "Spell_Core_HRG_SUS", "APCS_Ident", "OPA_Ident",
        "EC_Ident"}},
      {{"apc",
        "APCS (admitted patient care spells)",
        {col("SUSSPELLID", {from("APCS_Ident")}),
         col("PROCODE3", {provider, provider_as_sent}, provider_note),
         col(patient, {from("NHS_Number"), from("Der_Pseudo_NHS_Number")}, kPseudonym),
         col("DOB", {month_year("Month_of_Birth_SUS", "Year_of_Birth_SUS")}, kMonthYearDob),
         col("SEX", {from("Sex")}), col("GPPRAC", {from("GP_Practice_Code")}),
         col("ADMIDATE", {from("Admission_Date")}), col("DISDATE", {from("Discharge_Date")}),
         col("ADMIMETH", {from("Admission_Method")}), col("ADMISORC", {from("Source_of_Admission")}),
         col("DISMETH", {from("Discharge_Method")}), col("CLASSPAT", {from("Patient_Classification")}),
         col("TRETSPEF", {from("Der_Dischg_Treatment_Function_Code"), from("Treatment_Function_Code")},
             "the spell's treatment function at discharge, else the one given"),
         col("SUSHRG", {from("Spell_Core_HRG_SUS")}),
         col("PRICE", {from("Tariff_Total_Payment")}, "from the APCS cost table, joined on APCS_Ident"),
         col("DIAG_01", {from("Der_Diagnosis_All")},
             "all the spell's diagnoses in one field (||E119 ,J849 ||I801): split by the value parser"),
         col("OPERTN_01", {from("Der_Procedure_All")},
             "all the spell's procedures in one field (||E851,T124||Y532): split by the value parser"),
         col("ADMINCAT", {from("Administrative_Category")})}},
       {"op",
        "OPA (outpatient appointments)",
        {col("ATTENDKEY", {from("OPA_Ident")}), col("PROCODE3", {provider, provider_as_sent}, provider_note),
         col(patient, {from("NHS_Number"), from("Der_Pseudo_NHS_Number")}, kPseudonym),
         col("DOB", {month_year("Month_of_Birth_SUS", "Year_of_Birth_SUS")}, kMonthYearDob),
         col("SEX", {from("Sex")}), col("GPPRAC", {from("GP_Practice_Code")}),
         col("APPTDATE", {from("Appointment_Date")}),
         col("ATTENDED", {from("Attendance_Status"), from("Attended_Or_Did_Not_Attend")}),
         col("FIRSTATT", {from("First_Attendance")}),
         col("REFSOURC", {from("OPA_Referral_Source"), from("Source_of_Referral_For_Outpatients")}),
         col("TRETSPEF", {from("Treatment_Function_Code")}), col("SUSHRG", {from("Core_HRG")}),
         col("PRICE", {from("Tariff_Total_Payment")}, "from the OPA cost table, joined on OPA_Ident"),
         col("OPERTN_01", {from("Der_Procedure_All")},
             "all the appointment's procedures in one field: split by the value parser"),
         col("ADMINCAT", {from("Administrative_Category")})}},
       {"ae",
        "ECDS (emergency care attendances)",
        {col("AEKEY", {from("EC_Ident")}), col("PROCODE3", {provider, provider_as_sent}, provider_note),
         col(patient, {from("NHS_Number"), from("Der_Pseudo_NHS_Number")}, kPseudonym),
         col("DOB", {month_year("Month_of_Birth_SUS", "Year_of_Birth_SUS")}, kMonthYearDob),
         col("SEX", {from("Sex")}), col("GPPRAC", {from("GP_Practice_Code")}),
         col("ARRIVALDATE", {from("Arrival_Date")}), col("AEATTENDCAT", {from("EC_AttendanceCategory")}),
         col("SUSHRG", {from("Attend_Core_HRG")}, "the ECDS derived table's HRG, joined on EC_Ident"),
         col("PRICE", {from("Tariff_Total_Payment")}, "from the ECDS cost table, joined on EC_Ident"),
         col("ADMINCAT", {from("Administrative_Category")})}}},
      {"OpenSAFELY ehrQL TPP schema, tables apcs, apcs_cost, opa, ec (column meanings; Der_Diagnosis_All's "
       "format): https://docs.opensafely.org/ehrql/reference/schemas/tpp/",
       "NCDR SUS+ queries naming the SEM/ECDS columns: github.com/NHS-Transformation-Unit/NCDR_Reference "
       "(src/sql_scripts/apce_main.sql, opa_main.sql, ecds_main.sql) and "
       "github.com/The-Strategy-Unit/aging_pop_impact_hcare_demand (sql/view_apc_master.sql, "
       "view_opc_master.sql, view_aae_master.sql)"}};
}

std::string numbered(std::string_view pattern, int n) {
  const std::string digits = (n < 10 ? "0" : "") + std::to_string(n);
  std::string out(pattern);
  if (const auto at = out.find("##"); at != std::string::npos) out.replace(at, 2, digits);
  return out;
}

// A layout column for one contract column: numbered runs expanded.
struct ConcreteColumn {
  std::string target;
  std::vector<std::vector<DerivedColumn::Part>> sources;  // upper case
};

std::vector<ConcreteColumn> concrete_columns(const DatasetLayout& dataset) {
  std::vector<ConcreteColumn> out;
  for (const LayoutColumn& column : dataset.columns) {
    const std::string_view target = column.target;
    const auto hash = target.find("##");
    const int count = hash == std::string_view::npos ? 1 : std::stoi(std::string(target.substr(hash + 2)));
    for (int n = 1; n <= count; ++n) {
      ConcreteColumn c{
          to_upper(hash == std::string_view::npos ? target : numbered(target.substr(0, hash + 2), n)), {}};
      for (const LayoutSource& source : column.sources) {
        std::vector<DerivedColumn::Part> parts;
        for (const LayoutSource::Part& part : source.parts)
          parts.push_back({to_upper(hash == std::string_view::npos ? part.column : numbered(part.column, n)),
                           part.width});
        c.sources.push_back(std::move(parts));
      }
      out.push_back(std::move(c));
    }
  }
  return out;
}

bool has_markers(const Layout& layout, const std::set<std::string>& names) {
  if (layout.markers.empty()) return false;
  for (const std::vector<std::string_view>& group : layout.markers) {
    bool any = false;
    for (std::string_view marker : group) any = any || names.count(to_upper(marker)) > 0;
    if (!any) return false;
  }
  return true;
}

}  // namespace

const DatasetLayout* Layout::dataset(std::string_view name) const {
  for (const DatasetLayout& d : datasets)
    if (d.dataset == name) return &d;
  return nullptr;
}

const std::vector<Layout>& all_layouts() {
  static const std::vector<Layout> layouts = {contract(), hes(), sus()};
  return layouts;
}

const Layout& contract_layout() { return all_layouts().front(); }

const Layout* find_layout(std::string_view name) {
  for (const Layout& layout : all_layouts())
    if (layout.name == name) return &layout;
  return nullptr;
}

const Layout& detect_layout(const Schema& schema, const std::vector<std::string>& columns,
                            const ColumnMapping* user) {
  std::set<std::string> names, resolved;
  for (const std::string& column : columns) {
    names.insert(to_upper(column));
    resolved.insert(user ? user->resolve(schema.dataset, column) : to_upper(column));
  }
  bool complete = true;
  for (const FieldSpec& field : schema.fields)
    complete = complete && (!field.required || resolved.count(field.name));
  if (complete) return contract_layout();
  for (const Layout& layout : all_layouts())
    if (layout.dataset(schema.dataset) && has_markers(layout, names)) return layout;
  return contract_layout();
}

ColumnMapping layout_mapping(const Layout& layout, const Schema& schema,
                             const std::vector<std::string>& columns, const ColumnMapping* user) {
  const std::string& dataset = schema.dataset;
  ColumnMapping mapping;
  std::set<std::string> free;     // the file's columns the user did not rename: the layout's to use
  std::set<std::string> filled;   // contract columns the file fills already, by the user's rename or by name
  std::set<std::string> renamed;  // a column named twice in the header is the ingest's error to report
  for (const std::string& column : columns) {
    const std::string name = to_upper(column);
    const std::string target = user ? user->resolve(dataset, name) : name;
    if (target == name) {
      free.insert(name);
      if (schema.index_of(name) >= 0) filled.insert(name);
    } else if (schema.index_of(target) >= 0 && renamed.insert(name).second) {
      // (A * rename onto another dataset's column is not this file's business.)
      mapping.add(dataset, name, target, "--column-map");
      filled.insert(target);
    }
  }
  const DatasetLayout* dataset_layout = layout.dataset(dataset);
  if (!dataset_layout) return mapping;
  const std::string where = "layout " + std::string(layout.name);
  for (ConcreteColumn& column : concrete_columns(*dataset_layout)) {
    if (filled.count(column.target)) continue;
    for (std::vector<DerivedColumn::Part>& parts : column.sources) {
      bool present = true;
      for (const DerivedColumn::Part& part : parts) present = present && free.count(part.source);
      if (!present) continue;
      if (parts.size() > 1)
        mapping.add_derived(dataset, {column.target, std::move(parts)}, where);
      else
        mapping.add(dataset, parts.front().source, column.target, where);
      break;
    }
  }
  return mapping;
}

FileLayout choose_file_layout(const InputFile& file, const Schema& schema, std::string_view requested,
                              const ColumnMapping* user, const IngestOptions& options) {
  const bool detect = requested == "auto";
  const Layout* layout = detect ? nullptr : find_layout(requested);
  if (!detect && !layout)
    throw FatalError("unknown layout '" + std::string(requested) + "' (expected auto, contract, hes or sus)");
  if (layout == &contract_layout()) return {layout, false, std::nullopt};
  const std::vector<std::string> columns = read_column_names(file, options);
  if (detect) layout = &detect_layout(schema, columns, user);
  if (layout == &contract_layout()) return {layout, true, std::nullopt};
  if (options.on_notice)
    options.on_notice(
        file.path + ": read in the " + std::string(layout->name) + " layout (" +
        (detect ? std::string("detected from its header") : "--layout " + std::string(layout->name)) + ")");
  return {layout, detect, layout_mapping(*layout, schema, columns, user)};
}

}  // namespace recon
