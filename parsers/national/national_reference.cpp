#include "parsers/national/national_reference.hpp"

#include <filesystem>

#include "parsers/fatal_error.hpp"
#include "parsers/national/cc_bands_from_names.hpp"
#include "parsers/national/headings.hpp"
#include "parsers/national/prices_workbook.hpp"
#include "parsers/national/source_table.hpp"
#include "parsers/national/sus_timetable.hpp"
#include "parsers/national/trud_code_files.hpp"
#include "parsers/xlsx/xlsx_workbook.hpp"

namespace recon::national {
namespace {

// recon's reference tables (docs/data_contract.md), the names a pass-through table may have.
const std::vector<std::string> kTableNames = {"tariff_apc", "tariff_op",    "tariff_ae", "icd10",   "opcs4",
                                              "cc_scores",  "hrg_cc_bands", "qof_map",   "calendar"};

// One sheet of the prices: its own file if given, else the workbook; the sheet named, else found by name.
SourceTable prices_sheet(const std::string& own_file, const std::string& workbook, const std::string& sheet,
                         const std::vector<std::string>& words, const char* file_option,
                         const char* sheet_option) {
  const std::string& path = own_file.empty() ? workbook : own_file;
  if (!is_zip_file(path)) {
    if (!std::filesystem::is_regular_file(path))
      throw FatalError(path + ": no such file (" + file_option + ")");
    if (own_file.empty())
      throw FatalError(path + ": --prices must be the .xlsx workbook; a sheet's CSV export goes with " +
                       file_option);
    return read_delimited_file(path);
  }
  return read_workbook_sheet(path, sheet.empty() ? find_sheet(path, words, sheet_option) : sheet);
}

}  // namespace

std::string find_sheet(const std::string& workbook, const std::vector<std::string>& words,
                       const char* option) {
  xlsx::Workbook book(workbook);
  std::vector<std::string> found;
  std::string listed;
  for (const std::string& name : book.sheet_names()) {
    listed += (listed.empty() ? "'" : ", '") + name + "'";
    const std::string padded = " " + normalise_heading(name) + " ";
    for (const std::string& w : words)
      if (padded.find(" " + w + " ") != std::string::npos) {
        found.push_back(name);
        break;
      }
  }
  if (found.size() == 1) return found.front();
  throw FatalError(workbook + ": " +
                   (found.empty() ? std::string("no sheet") : std::to_string(found.size()) + " sheets") +
                   " named like '" + words.front() + "' (its sheets: " + listed +
                   "): name the one to read with " + option);
}

ConversionResult convert_national_files(const NationalFiles& f) {
  ConversionResult result;
  ConversionReport& report = result.report;
  const OutputTable* tariff_apc = nullptr;
  auto add = [&](OutputTable table, const std::string& source) {
    table.source = source;
    result.tables.push_back(std::move(table));
  };
  auto own_or = [&](const std::string& own) { return own.empty() ? f.prices : own; };
  if (!f.prices.empty() || !f.prices_apc.empty()) {
    SourceTable sheet = prices_sheet(f.prices_apc, f.prices, f.apc_sheet, {"apc", "admitted patient care"},
                                     "--prices-apc", "--apc-sheet");
    add(read_apc_prices(sheet, report), own_or(f.prices_apc));
  }
  if (!f.prices.empty() || !f.prices_op.empty()) {
    SourceTable sheet = prices_sheet(f.prices_op, f.prices, f.op_sheet,
                                     {"op", "opatt", "outpatient", "outpatients", "outpatient attendances"},
                                     "--prices-op", "--op-sheet");
    add(read_op_prices(sheet, report), own_or(f.prices_op));
  }
  if (!f.prices.empty() || !f.prices_ae.empty()) {
    SourceTable sheet = prices_sheet(f.prices_ae, f.prices, f.ae_sheet, {"a e", "ae", "emergency"},
                                     "--prices-ae", "--ae-sheet");
    add(read_ae_prices(sheet, f.ae_price_column, report), own_or(f.prices_ae));
  }
  if (!f.icd10.empty()) add(read_icd10_metadata(read_delimited_file(f.icd10), report), f.icd10);
  if (!f.opcs4.empty()) {
    if (!f.opcs4_sex.empty()) {
      SourceTable sex = read_delimited_file(f.opcs4_sex);
      add(read_opcs4_codes(read_delimited_file(f.opcs4), &sex, report), f.opcs4);
    } else {
      add(read_opcs4_codes(read_delimited_file(f.opcs4), nullptr, report), f.opcs4);
    }
  } else if (!f.opcs4_sex.empty()) {
    throw FatalError("--opcs4-sex adds SEX to the codes of --opcs4: give the OPCS-4 file too");
  }
  if (!f.sus_timetable.empty()) {
    std::string sheet = f.sus_sheet;
    if (sheet.empty() && is_zip_file(f.sus_timetable)) {
      xlsx::Workbook book(f.sus_timetable);  // a one-sheet workbook needs no name
      if (book.sheet_names().size() == 1) sheet = book.sheet_names().front();
    }
    add(read_sus_timetable(read_source_table(f.sus_timetable, sheet), report), f.sus_timetable);
  }

  auto given = [&](const std::string& name) {
    for (const OutputTable& t : result.tables)
      if (t.name == name) return true;
    for (const PassThrough& p : result.copied)
      if (p.name == name) return true;
    return false;
  };
  for (const std::string& path : f.tables) {
    std::filesystem::path p(path);
    const std::string name = p.stem().string();
    bool known = false;
    for (const std::string& n : kTableNames) known = known || n == name;
    if (!known || p.extension() != ".csv")
      throw FatalError(
          path +
          ": --table takes one of recon's reference tables as <name>.csv (tariff_apc, tariff_op, "
          "tariff_ae, icd10, opcs4, cc_scores, hrg_cc_bands, qof_map, calendar)");
    if (given(name))
      throw FatalError(path + ": " + name +
                       " is already given by another file: which one holds would be a guess");
    if (!std::filesystem::is_regular_file(p)) throw FatalError(path + ": no such file");
    result.copied.push_back({name, path});
    report.read.push_back(path + ": copied as " + name + ".csv (recon's own layout, checked when loaded)");
  }

  for (const OutputTable& t : result.tables)
    if (t.name == "tariff_apc") tariff_apc = &t;
  if (tariff_apc && !given("hrg_cc_bands"))
    add(cc_bands_from_hrg_names(*tariff_apc, report), tariff_apc->source);
  return result;
}

bool gives_national_files(const NationalFiles& f) {
  return !f.prices.empty() || !f.prices_apc.empty() || !f.prices_op.empty() || !f.prices_ae.empty() ||
         !f.icd10.empty() || !f.opcs4.empty() || !f.sus_timetable.empty();
}

}  // namespace recon::national
