// The national reference files as published (parsers/national, `recon reference`): files written here in
// each published layout (made from the column lists in docs/national_reference.md; no published workbook is
// in the repository), every derivation, and every trap of issue 13: each is read correctly or stops with an
// error naming file, sheet, row and column.
#include "parsers/national/national_reference.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "parsers/fatal_error.hpp"
#include "parsers/national/cc_bands_from_names.hpp"
#include "parsers/national/prices_workbook.hpp"
#include "parsers/national/source_table.hpp"
#include "parsers/national/sus_timetable.hpp"
#include "parsers/national/trud_code_files.hpp"
#include "recon/engine/table_loader.hpp"
#include "tests/recon_binary.hpp"

namespace {
namespace fs = std::filesystem;
using namespace recon::national;
using Rows = std::vector<std::vector<std::string>>;

fs::path temp_dir(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("recon_national_" + std::to_string(::getpid())) / name;
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write_text(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const recon::FatalError& e) {
    return e.what();
  }
  return "";
}

// A cell to write: text, or a number (optionally percent-formatted), or nothing.
struct Cell {
  enum Kind { kText, kNumber, kPercent, kEmpty } kind = kEmpty;
  std::string text;
  double number = 0;
  Cell() = default;
  Cell(const char* t) : kind(kText), text(t) {}
  Cell(std::string t) : kind(kText), text(std::move(t)) {}
  Cell(double n) : kind(kNumber), number(n) {}
  static Cell percent(double n) {
    Cell c;
    c.kind = kPercent;
    c.number = n;
    return c;
  }
};
using Sheet = std::pair<std::string, std::vector<std::vector<Cell>>>;

// A workbook as Excel would write it (libxlsxwriter), sheets in order.
void write_workbook(const fs::path& path, const std::vector<Sheet>& sheets) {
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0%");
  for (const auto& [name, rows] : sheets) {
    lxw_worksheet* ws = workbook_add_worksheet(wb, name.c_str());
    for (std::size_t r = 0; r < rows.size(); ++r)
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const Cell& cell = rows[r][c];
        auto row = static_cast<lxw_row_t>(r);
        auto col = static_cast<lxw_col_t>(c);
        if (cell.kind == Cell::kText) worksheet_write_string(ws, row, col, cell.text.c_str(), nullptr);
        if (cell.kind == Cell::kNumber) worksheet_write_number(ws, row, col, cell.number, nullptr);
        if (cell.kind == Cell::kPercent) worksheet_write_number(ws, row, col, cell.number, percent);
      }
  }
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
}

const std::vector<Cell> kApcHeadings = {"HRG code",
                                        "HRG name",
                                        "Outpatient procedure tariff (£)",
                                        "Combined day case / ordinary elective spell tariff (£)",
                                        "Day case spell tariff (£)",
                                        "Ordinary elective spell tariff (£)",
                                        "Ordinary elective long stay trim point (days)",
                                        "Non-elective spell\ntariff (£)",
                                        "Non-elective long stay trim point (days)",
                                        "Per day long stay payment (for days exceeding trim point) (£)",
                                        "Reduced short stay emergency tariff _applicable?",
                                        "% applied in calculation of reduced short stay emergency tariff ",
                                        "Reduced short stay emergency tariff (£)"};

// The APC sheet with title rows above the header and `rows` under it.
std::vector<std::vector<Cell>> apc_sheet(std::vector<std::vector<Cell>> rows) {
  std::vector<std::vector<Cell>> sheet = {
      {"NHS Payment Scheme: national prices"}, {}, {"Admitted patient care"}, kApcHeadings};
  for (auto& r : rows) sheet.push_back(std::move(r));
  return sheet;
}

OutputTable apc_from_workbook(const fs::path& path, ConversionReport& report) {
  return read_apc_prices(read_workbook_sheet(path.string(), "APC & OPROC"), report);
}

TEST(NationalPrices, ApcSheetFromTheWorkbookUnderTitleRows) {
  const fs::path dir = temp_dir("apc");
  const fs::path book = dir / "prices.xlsx";
  write_workbook(book, {{"Cover", {{"Prices"}}},
                        {"APC & OPROC",
                         apc_sheet({
                             {"EB03C", "Heart Failure or Shock, with CC Score 4-6", "-", 2640.0, "-", "-",
                              8.0, 3360.0, 21.0, 310.0, "Yes", Cell::percent(0.4), 1344.0},
                             {"JC43Z", "Minor Skin Procedures", 120.0, "-", 450.0, 500.0, 1.0, 700.0, 3.0,
                              250.0, "No", "-", "-"},
                             {"Sub-chapter EB: Cardiac"},  // a sub-heading row
                             {"WH50A", "Unpriced", "-", "-", "-", "-", "-", "-", "-", "-", "No", "-", "-"},
                             {"FZ12H", "Fraction, with CC Score 0", "-", 1234.5600000000001, "-", "-", 2.0,
                              1500.0, 5.0, 200.0, "Yes", 0.34, 510.0},
                         })},
                        {"OP", {{"x"}}}});
  ConversionReport report;
  OutputTable t = apc_from_workbook(book, report);
  EXPECT_EQ(t.header, (std::vector<std::string>{"HRG", "NAME", "DAYCASE", "ELECTIVE", "NONELECTIVE",
                                                "EL_TRIM", "NEL_TRIM", "EXCESS_BED_DAY", "SSEM"}));
  EXPECT_EQ(
      t.rows,
      (Rows{
          {"EB03C", "Heart Failure or Shock, with CC Score 4-6", "2640.00", "2640.00", "3360.00", "8", "21",
           "310.00", "40"},
          {"JC43Z", "Minor Skin Procedures", "450.00", "500.00", "700.00", "1", "3", "250.00", ""},
          {"WH50A", "Unpriced", "", "", "", "", "", "", ""},
          {"FZ12H", "Fraction, with CC Score 0", "1234.56", "1234.56", "1500.00", "2", "5", "200.00", "34"},
      }));
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].where, book.string() + " sheet 'APC & OPROC' row 7");
  EXPECT_EQ(report.skipped[0].reason,
            "'Sub-chapter EB: Cardiac' is not an HRG code (a note or sub-heading row)");
  std::string derived;
  for (const std::string& d : report.derived) derived += d + "\n";
  EXPECT_NE(derived.find("combined day case / ordinary elective price for 2 HRGs; separate prices for 1"),
            std::string::npos)
      << derived;
  EXPECT_NE(derived.find("1 HRGs with no national price"), std::string::npos) << derived;
  EXPECT_NE(derived.find("SSEM from a fraction (0.34 read as 34%) for 1 HRGs"), std::string::npos) << derived;
  EXPECT_NE(derived.find("checked against the published reduced short stay emergency tariff for 2"),
            std::string::npos)
      << derived;

  // The CC bands from those names.
  ConversionReport bands_report;
  EXPECT_EQ(cc_bands_from_hrg_names(t, bands_report).rows, (Rows{{"EB03C", "4", "6"}, {"FZ12H", "0", "0"}}));
}

TEST(NationalPrices, ApcTrapsAreErrorsNamingFileSheetRowAndColumn) {
  const fs::path dir = temp_dir("apc_traps");
  auto error_for = [&](std::vector<Cell> row) {
    const fs::path book = dir / "t.xlsx";
    write_workbook(book, {{"APC & OPROC", apc_sheet({std::move(row)})}});
    ConversionReport report;
    return error_of([&] { apc_from_workbook(book, report); });
  };
  const std::string at = (dir / "t.xlsx").string() + " sheet 'APC & OPROC' row 5 column ";
  // One column cannot feed both DAYCASE and ELECTIVE when the separate price says otherwise.
  EXPECT_EQ(
      error_for({"EB03C", "x", "-", 2640.0, 2000.0, "-", 8.0, 3360.0, 21.0, 310.0, "No", "-", "-"}),
      at + "E ('Day case spell tariff (£)'): '2000' differs from the combined day case / ordinary elective "
           "price 2640.00 in column 'Combined day case / ordinary elective spell tariff (£)': which one is "
           "meant cannot be told");
  // 1: 100% as a fraction, or 1%?
  EXPECT_EQ(
      error_for({"EB03C", "x", "-", 2640.0, "-", "-", 8.0, 3360.0, 21.0, 310.0, "Yes", 1.0, "-"}),
      at + "L ('% applied in calculation of reduced short stay emergency tariff'): '1' could be 100% (as a "
           "fraction) or 1% (as a whole percentage): write it with a % sign in the file to say which");
  // The percentage disagrees with the published reduced price (34 read where 0.34 of the price was meant).
  EXPECT_EQ(
      error_for({"EB03C", "x", "-", 2640.0, "-", "-", 8.0, 3000.0, 21.0, 310.0, "Yes", "40%", 1020.0}),
      at + "L ('% applied in calculation of reduced short stay emergency tariff'): '40%' read as 40% gives "
           "1200.00 of the non-elective 3000.00, but 'Reduced short stay emergency tariff (£)' says 1020.00");
  EXPECT_EQ(error_for({"EB03C", "x", "-", "£2,640.0x", "-", "-", 8.0, 3360.0, 21.0, 310.0, "No", "-", "-"}),
            at +
                "D ('Combined day case / ordinary elective spell tariff (£)'): '£2,640.0x' is not a price in "
                "pounds (nor '-' for no price)");
  EXPECT_EQ(error_for({"EB03C", "x", "-", -5.0, "-", "-", 8.0, 3360.0, 21.0, 310.0, "No", "-", "-"}),
            at + "D ('Combined day case / ordinary elective spell tariff (£)'): '-5' is a negative price");
  EXPECT_EQ(error_for({"EB03C", "x", "-", 2640.0, "-", "-", 8.5, 3360.0, 21.0, 310.0, "No", "-", "-"}),
            at + "G ('Ordinary elective long stay trim point (days)'): '8.5' is not a whole number of days "
                 "(nor '-')");
  EXPECT_EQ(
      error_for({"EB03C", "x", "-", 2640.0, "-", "-", 8.0, 3360.0, 21.0, 310.0, "No", "40%", "-"}),
      at + "L ('% applied in calculation of reduced short stay emergency tariff'): '40%' is a short-stay "
           "percentage, but the row says the reduction does not apply");
  // A row whose code is not an HRG but which holds a price is never dropped.
  EXPECT_EQ(
      error_for({"EB03", "x", "-", 2640.0, "-", "-", 8.0, 3360.0, 21.0, 310.0, "No", "-", "-"}),
      at + "A ('HRG code'): 'EB03' is not an HRG code, but the row has a value under 'Combined day case / "
           "ordinary elective spell tariff (£)': fix the code (recon will not drop a priced row)");

  const fs::path two = dir / "two.xlsx";
  write_workbook(two, {{"APC & OPROC", apc_sheet({{"EB03C", "x", "-", 1.0, "-", "-", 8.0, 3.0},
                                                  {"eb03c", "x", "-", 2.0, "-", "-", 8.0, 3.0}})}});
  ConversionReport report;
  EXPECT_EQ(error_of([&] { apc_from_workbook(two, report); }),
            two.string() +
                " sheet 'APC & OPROC' row 6 column A ('HRG code'): EB03C again (first on row 5): which "
                "price holds would be a guess");

  const fs::path no_header = dir / "no_header.xlsx";
  write_workbook(no_header, {{"APC & OPROC", {{"Title"}, {"Code", "Price"}}}});
  EXPECT_EQ(
      error_of([&] { apc_from_workbook(no_header, report); }),
      no_header.string() +
          " sheet 'APC & OPROC': no header row: none of its first 2 rows has a HRG code column (a heading "
          "reading 'hrg code' or 'hrg', ignoring case and punctuation)");
}

TEST(NationalPrices, ApcFromTheCsvExportWithPercentSignsAndPounds) {
  const fs::path dir = temp_dir("apc_csv");
  const fs::path csv = dir / "apc.csv";
  write_text(
      csv,
      "NHS Payment Scheme 2025/26,,,,\n"
      ",,,,\n"
      "HRG code,HRG name,Combined day case / ordinary elective spell tariff (£),Non-elective spell tariff "
      "(£),% applied in calculation of reduced short stay emergency tariff\n"
      "EB03C,\"Heart Failure or Shock, with CC Score 4-6\",\"£2,640\",\"£3,360.00\",40%\n"
      "EB03D,\"Heart Failure or Shock, with CC Score 1-3\",-,2730,0.34\n"
      "Prices exclude the market forces factor,,,,\n");
  ConversionReport report;
  OutputTable t = read_apc_prices(read_delimited_file(csv.string()), report);
  EXPECT_EQ(
      t.rows,
      (Rows{{"EB03C", "Heart Failure or Shock, with CC Score 4-6", "2640.00", "2640.00", "3360.00", "", "",
             "", "40"},
            {"EB03D", "Heart Failure or Shock, with CC Score 1-3", "", "", "2730.00", "", "", "", "34"}}));
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].where, csv.string() + " line 6");
  EXPECT_EQ(report.read.front(), csv.string() + ": 2 HRGs (header on line 3)");
}

TEST(NationalPrices, OutpatientSheetTakesTheSingleProfessionalPrices) {
  const fs::path dir = temp_dir("op");
  const fs::path book = dir / "prices.xlsx";
  write_workbook(
      book,
      {{"OP attendances",
        {{"Outpatient attendances"},
         {"Treatment function code", "Treatment function name", "First Attendance - Single Professional (£)",
          "First Attendance - Multi Professional (£)", "Follow Up Attendance - Single Professional (£)",
          "Follow Up Attendance - Multi Professional (£)"},
         {100.0, "General Surgery", 170.0, 220.0, 105.0, 140.0},
         {"110", "Trauma & Orthopaedics", 165.0, "-", "-", "-"}}}});
  ConversionReport report;
  OutputTable t = read_op_prices(read_workbook_sheet(book.string(), "OP attendances"), report);
  EXPECT_EQ(t.rows, (Rows{{"100", "170.00", "105.00"}, {"110", "165.00", ""}}));

  const fs::path bad = dir / "bad.csv";
  write_text(bad, "Treatment function code,First attendance,Follow-up attendance\n100,170,abc\n");
  EXPECT_EQ(error_of([&] { read_op_prices(read_delimited_file(bad.string()), report); }),
            bad.string() +
                " line 2 field 3 ('Follow-up attendance'): 'abc' is not a price in pounds (nor '-' for "
                "no price)");
}

TEST(NationalPrices, AeSheetPriceColumnMustBeKnown) {
  const fs::path dir = temp_dir("ae");
  const fs::path csv = dir / "ae.csv";
  write_text(csv, "A&E prices\nHRG code,HRG name,Type 1 and 2 (£),Type 3 (£)\nVB01Z,Investigation,420,120\n");
  ConversionReport report;
  EXPECT_EQ(error_of([&] { read_ae_prices(read_delimited_file(csv.string()), "", report); }),
            csv.string() +
                " line 2: 2 possible price columns ('Type 1 and 2 (£)', 'Type 3 (£)'): name the one to "
                "read with --ae-price-column");
  OutputTable t = read_ae_prices(read_delimited_file(csv.string()), "Type 1 and 2 (£)", report);
  EXPECT_EQ(t.rows, (Rows{{"VB01Z", "420.00"}}));

  const fs::path dash = dir / "dash.csv";
  write_text(dash, "HRG code,HRG name,Price\nVB01Z,Investigation,-\n");
  EXPECT_NE(
      error_of([&] {
        read_ae_prices(read_delimited_file(dash.string()), "", report);
      }).find(dash.string() + " line 2 field 3 ('Price'): '-' is no price: recon's A&E tariff cannot hold"),
      std::string::npos);
}

TEST(NationalPrices, SheetsAreChosenByName) {
  const fs::path dir = temp_dir("sheets");
  const fs::path book = dir / "prices.xlsx";
  write_workbook(book, {{"Cover", {{"x"}}},
                        {"1a APC & OPROC", {{"x"}}},
                        {"2 OP attendances", {{"x"}}},
                        {"3 A&E", {{"x"}}},
                        {"4 A&E (other)", {{"x"}}}});
  EXPECT_EQ(find_sheet(book.string(), {"apc"}, "--apc-sheet"), "1a APC & OPROC");
  EXPECT_EQ(find_sheet(book.string(), {"op", "outpatient"}, "--op-sheet"), "2 OP attendances");
  EXPECT_EQ(error_of([&] {
              find_sheet(book.string(), {"a e", "ae"}, "--ae-sheet");
            }),
            book.string() +
                ": 2 sheets named like 'a e' (its sheets: 'Cover', '1a APC & OPROC', '2 OP attendances', "
                "'3 A&E', '4 A&E (other)'): name the one to read with --ae-sheet");
  NationalFiles files;
  files.prices_apc = book.string();
  files.apc_sheet = "Nope";
  EXPECT_EQ(error_of([&] { convert_national_files(files); }),
            book.string() +
                ": no sheet named 'Nope' (its sheets: 'Cover', '1a APC & OPROC', '2 OP attendances', "
                "'3 A&E', '4 A&E (other)')");
}

const char* kIcd10Header =
    "CODE\tALT_CODE\tUSAGE\tUSAGE_UK\tDESCRIPTION\tMODIFIER_4\tMODIFIER_5\tQUALIFIERS\tGENDER_MASK\tMIN_"
    "AGE\tMAX_"
    "AGE\tTREE_DESCRIPTION\n";

std::string icd10_line(const std::string& code, const std::string& usage, const std::string& mask,
                       const std::string& min_age, const std::string& max_age) {
  return code + "\t" + code + "X\t" + usage + "\t1\tTitle, with \"quotes\" inside\t\t\t\t" + mask + "\t" +
         min_age + "\t" + max_age + "\t\n";
}

TEST(NationalIcd10, MetadataFileRenamedCsvIsReadAsTabSeparated) {
  const fs::path dir = temp_dir("icd10");
  const fs::path file = dir / "CodesAndTitlesAndMetadata.csv";  // renamed: still tab-separated
  write_text(
      file,
      std::string(kIcd10Header) + icd10_line("A04.7", "DEFAULT", "0", "0", "999") +
          icd10_line("B96.2", "DEFAULT", "", "0", "999") +  // supplementary only
          icd10_line("C61.X", "DEFAULT", "1", "0", "999") +
          icd10_line("E10.-", "DEFAULT", "0", "0", "999") +  // a category: skipped
          icd10_line("E10.9", "DEFAULT", "3", "0", "999") + icd10_line("F00.9", "ASTERISK", "9", "0", "999") +
          icd10_line("G30.9", "DAGGER", "0", "0", "999") + icd10_line("J46.X", "DEFAULT", "0", "0", "999") +
          icd10_line("O80.0", "DEFAULT", "2", "10", "60") + icd10_line("P07.1", "DEFAULT", "0", "0", "0") +
          icd10_line("U07.1", "DEFAULT", "0", "0", "999") + icd10_line("W19.9", "DEFAULT", "0", "0", "999"));
  ConversionReport report;
  OutputTable t = read_icd10_metadata(read_delimited_file(file.string()), report);
  EXPECT_EQ(t.rows, (Rows{{"A047", "", "0", "", "Y", "I"},
                          {"B962", "", "0", "", "N", "I"},
                          {"C61X", "M", "0", "", "Y", "II"},
                          {"E109", "", "0", "", "Y", "IV"},
                          {"F009", "", "0", "", "N", "V"},
                          {"G309", "", "0", "", "Y", "VI"},
                          {"J46X", "", "0", "", "Y", "X"},
                          {"O800", "F", "10", "60", "Y", "XV"},
                          {"P071", "", "0", "0", "Y", "XVI"},
                          {"U071", "", "0", "", "Y", "XXII"},
                          {"W199", "", "0", "", "N", "XX"}}));
  ASSERT_EQ(report.skipped.size(), 1u);
  EXPECT_EQ(report.skipped[0].where, file.string() + " line 5");
  EXPECT_EQ(report.skipped[0].reason,
            "E10.-: a category with subdivisions (its codes are listed on their own rows)");

  // The table loads, and an ungendered code has no sex (no false CODE_SEX / CODE_INVALID).
  const fs::path ref = dir / "ref";
  fs::create_directories(ref);
  write_text(ref / "icd10.csv", to_csv(t));
  recon::Reference loaded;
  std::vector<std::string> paths;
  std::vector<recon::Reject> rejects;
  std::vector<recon::FileCounts> counts;
  recon::LoadContext ctx;
  ctx.file_paths = &paths;
  ctx.rejects = &rejects;
  ctx.counts = &counts;
  recon::load_reference(ref.string(), loaded, ctx);
  ASSERT_TRUE(loaded.find_icd10(recon::Code::of("E109")));
  EXPECT_EQ(loaded.find_icd10(recon::Code::of("E109"))->sex, 0);
  EXPECT_EQ(loaded.find_icd10(recon::Code::of("J46"))->max_age, -1);
  EXPECT_FALSE(loaded.find_icd10(recon::Code::of("F009"))->primary_ok);
}

TEST(NationalIcd10, WhatCannotBeReadIsAnError) {
  const fs::path dir = temp_dir("icd10_bad");
  auto error_for = [&](const std::string& line) {
    const fs::path file = dir / "icd10.txt";
    write_text(file, std::string(kIcd10Header) + line);
    ConversionReport report;
    return error_of([&] { read_icd10_metadata(read_delimited_file(file.string()), report); });
  };
  const std::string at = (dir / "icd10.txt").string() + " line 2 field ";
  EXPECT_EQ(error_for(icd10_line("A04.7", "DEFAULT", "5", "0", "999")),
            at + "9 ('GENDER_MASK'): '5' is not a gender mask recon knows (1 male, 2 female; 0, 3, 9 or "
                 "empty: either)");
  EXPECT_EQ(error_for(icd10_line("P07.1", "DEFAULT", "0", "0", "365")),
            at + "11 ('MAX_AGE'): 365 is not an age in years (999 means no limit); recon reads these limits "
                 "as years, "
                 "a unit not confirmed by the file's documentation, and will not guess another");
  EXPECT_EQ(error_for(icd10_line("A04.7", "PRIMARY", "0", "0", "999")),
            at + "3 ('USAGE'): 'PRIMARY' is not DEFAULT, DAGGER or ASTERISK");
  EXPECT_EQ(error_for(icd10_line("A04.7", "DEFAULT", "0", "0", "999") +
                      icd10_line("A047", "DEFAULT", "0", "0", "999")),
            (dir / "icd10.txt").string() + " line 3 field 1 ('CODE'): A047 again (as A047, first on line 2)");
  EXPECT_EQ(icd10_chapter("D50"), "III");
  EXPECT_EQ(icd10_chapter("H60"), "VIII");
  EXPECT_EQ(icd10_chapter("T98"), "XIX");
  EXPECT_EQ(icd10_chapter("V01"), "XX");
}

TEST(NationalOpcs4, CodesAndTitlesWithoutHeaderAndAHandKeptSexList) {
  const fs::path dir = temp_dir("opcs4");
  const fs::path file = dir / "OPCS4_CodesAndTitles.txt";
  write_text(file,
             "A01\tMajor excision of tissue of brain\nA01.1\tHemispherectomy\nM61.1\tTotal prostatectomy\n"
             "Q07.4\tTotal abdominal hysterectomy\n");
  const fs::path sex = dir / "opcs4_sex.csv";
  write_text(sex, "CODE,SEX\nM611,M\nQ07.4,F\nZ999,F\n");
  SourceTable sex_table = read_delimited_file(sex.string());
  ConversionReport report;
  OutputTable t = read_opcs4_codes(read_delimited_file(file.string()), &sex_table, report);
  EXPECT_EQ(t.rows, (Rows{{"A011", ""}, {"M611", "M"}, {"Q074", "F"}}));
  ASSERT_EQ(report.skipped.size(), 2u);
  EXPECT_EQ(report.skipped[0].reason,
            "A01: a 3-character category (its codes are its 4-character subdivisions)");
  EXPECT_EQ(report.skipped[1].reason, "'Z999': not a code of the OPCS-4 file, so its SEX is not used");
}

TEST(NationalSusTimetable, ItsOwnColumnNamesAndMonths) {
  const fs::path dir = temp_dir("sus");
  const fs::path file = dir / "timetable.csv";
  write_text(file,
             "SUS+ national timetable 2025/26\n"
             "Activity Month,Month name,Inclusion Date,Post Reconciliation Inclusion Date\n"
             "202504,April,20/05/2025,04/06/2025\n"
             "202505,May,2025-06-20,20250707\n");
  ConversionReport report;
  OutputTable t = read_sus_timetable(read_delimited_file(file.string()), report);
  EXPECT_EQ(t.header,
            (std::vector<std::string>{"ACTIVITY_MONTH", "INCLUSION_DATE", "POST_RECONCILIATION_DATE"}));
  EXPECT_EQ(t.rows, (Rows{{"2025-04", "2025-05-20", "2025-06-04"}, {"2025-05", "2025-06-20", "2025-07-07"}}));

  write_text(file, "Activity Month,Flex,Freeze\n202504,20/05/2025,04/06/2025\n");
  EXPECT_EQ(read_sus_timetable(read_delimited_file(file.string()), report).rows,
            (Rows{{"2025-04", "2025-05-20", "2025-06-04"}}));

  write_text(
      file,
      "Activity Month,Inclusion Date,Post Reconciliation Inclusion Date\n202504,04/06/2025,20/05/2025\n");
  EXPECT_EQ(error_of([&] { read_sus_timetable(read_delimited_file(file.string()), report); }),
            file.string() +
                " line 2 field 3 ('Post Reconciliation Inclusion Date'): the post-reconciliation date "
                "2025-05-20 is before the inclusion date 2025-06-04: the columns are the wrong way round");
  write_text(file, "Activity Month,Inclusion Date,Post Reconciliation Inclusion Date,Reconciliation Date\n");
  EXPECT_NE(error_of([&] {
              read_sus_timetable(read_delimited_file(file.string()), report);
            }).find("a 'reconciliation' date that does not say whether it is the post-reconciliation"),
            std::string::npos);
  write_text(file, "Activity Month,Inclusion Date,Post Reconciliation Inclusion Date\nQ1 2025,x,y\n");
  EXPECT_EQ(error_of([&] { read_sus_timetable(read_delimited_file(file.string()), report); }),
            file.string() +
                " line 2 field 1 ('Activity Month'): 'Q1 2025' is not an activity month (YYYYMM, YYYY-MM or "
                "Apr-2025)");
}

// A timetable saved as CSV from a spreadsheet: dates and months as the spreadsheet displays them.
TEST(NationalSusTimetable, MonthNamesAsASpreadsheetShowsThem) {
  const fs::path dir = temp_dir("sus_names");
  const fs::path file = dir / "timetable.csv";
  write_text(file,
             "Activity Month,Inclusion Date,Post Reconciliation Inclusion Date\n"
             "Apr-25,20-May-25,04-Jun-2025\n"
             "May 2025,20 June 2025,7 JUL 2025\n"
             "June-2025,21/Jul/2025,4-Aug-25\n"
             "Sept 2025,20-Oct-25,4-Nov-25\n");
  ConversionReport report;
  EXPECT_EQ(read_sus_timetable(read_delimited_file(file.string()), report).rows,
            (Rows{{"2025-04", "2025-05-20", "2025-06-04"},
                  {"2025-05", "2025-06-20", "2025-07-07"},
                  {"2025-06", "2025-07-21", "2025-08-04"},
                  {"2025-09", "2025-10-20", "2025-11-04"}}));
  // A day the month does not have, and a month name that is not one, are errors naming the cell.
  write_text(file,
             "Activity Month,Inclusion Date,Post Reconciliation Inclusion Date\nApr-25,30-Feb-25,4-Jun-25\n");
  EXPECT_EQ(
      error_of([&] { read_sus_timetable(read_delimited_file(file.string()), report); }),
      file.string() +
          " line 2 field 2 ('Inclusion Date'): '30-Feb-25' is not a date (YYYY-MM-DD, YYYYMMDD, dd/mm/yyyy "
          "or 21-Apr-2025)");
  write_text(file,
             "Activity Month,Inclusion Date,Post Reconciliation Inclusion Date\nApx-25,20-May-25,4-Jun-25\n");
  EXPECT_NE(error_of([&] {
              read_sus_timetable(read_delimited_file(file.string()), report);
            }).find("'Apx-25' is not an activity month"),
            std::string::npos);
}

TEST(NationalCcBands, FromHrgNames) {
  std::string error;
  auto band = [&](std::string_view name) {
    auto b = cc_band_from_name(name, error);
    return b ? std::to_string(b->min_score) + "-" + std::to_string(b->max_score) : "none";
  };
  EXPECT_EQ(band("Heart Failure or Shock, with CC Score 4-6"), "4-6");
  EXPECT_EQ(band("Heart Failure or Shock, with CC Score 11+"), "11-999");
  EXPECT_EQ(band("Heart Failure or Shock, with CC Score 0"), "0-0");
  EXPECT_EQ(band("Something, with CC Score 2\xE2\x80\x93"
                 "4"),
            "2-4");
  EXPECT_EQ(band("Minor Skin Procedures"), "none");
  EXPECT_TRUE(error.empty());
  EXPECT_EQ(band("Odd, with CC Score x"), "none");
  EXPECT_EQ(error, "'CC Score' is not followed by a score");
}

// The calendar's later column is POST_RECONCILIATION_DATE; RECONCILIATION_DATE is still read as it.
TEST(NationalCalendar, PostReconciliationDateAndItsFormerName) {
  const fs::path dir = temp_dir("calendar");
  auto load = [&](const std::string& header) {
    write_text(dir / "calendar.csv", header + "\n2025-04,2025-05-20,2025-06-04\n");
    recon::Reference ref;
    std::vector<std::string> paths;
    std::vector<recon::Reject> rejects;
    std::vector<recon::FileCounts> counts;
    recon::LoadContext ctx;
    ctx.file_paths = &paths;
    ctx.rejects = &rejects;
    ctx.counts = &counts;
    recon::load_reference(dir.string(), ref, ctx);
    const recon::CalendarMonth* m = ref.calendar_for(recon::make_day(2025, 4, 10));
    return m ? recon::format_day(m->inclusion) + " " + recon::format_day(m->reconciliation) : "none";
  };
  EXPECT_EQ(load("ACTIVITY_MONTH,INCLUSION_DATE,POST_RECONCILIATION_DATE"), "2025-05-20 2025-06-04");
  EXPECT_EQ(load("ACTIVITY_MONTH,INCLUSION_DATE,RECONCILIATION_DATE"), "2025-05-20 2025-06-04");
  EXPECT_NE(
      error_of([&] { load("ACTIVITY_MONTH,INCLUSION_DATE,RECONCILIATION_DATE,POST_RECONCILIATION_DATE"); }),
      "");
  EXPECT_NE(error_of([&] { load("ACTIVITY_MONTH,INCLUSION_DATE"); }).find("POST_RECONCILIATION_DATE"),
            std::string::npos);
}

// ---- End to end: the national files equivalent to samples/reference, through `recon reference`, give the
// same challenges as samples/reference itself.

std::vector<std::map<std::string, std::string>> read_sample(const std::string& name) {
  recon::national::SourceTable t =
      read_delimited_file(std::string(RECON_SOURCE_DIR) + "/samples/reference/" + name + ".csv");
  std::vector<std::map<std::string, std::string>> rows;
  for (std::size_t r = 1; r < t.rows.size(); ++r) {
    std::map<std::string, std::string> row;
    for (std::size_t c = 0; c < t.rows[0].cells.size(); ++c)
      row[t.rows[0].cells[c]] = t.rows[r].cell(static_cast<int>(c));
    rows.push_back(row);
  }
  return rows;
}

Cell price(const std::string& v) { return v.empty() ? Cell("-") : Cell(std::stod(v)); }

void write_national_files(const fs::path& dir) {
  std::vector<std::vector<Cell>> apc;
  for (auto& r : read_sample("tariff_apc")) {
    const bool combined = r["DAYCASE"] == r["ELECTIVE"];
    const bool ssem = !r["SSEM"].empty();
    Cell reduced = ssem && !r["NONELECTIVE"].empty()
                       ? Cell(std::stod(r["NONELECTIVE"]) * std::stoi(r["SSEM"]) / 100.0)
                       : Cell("-");
    apc.push_back({r["HRG"], r["NAME"], "-", combined ? price(r["DAYCASE"]) : Cell("-"),
                   combined ? Cell("-") : price(r["DAYCASE"]), combined ? Cell("-") : price(r["ELECTIVE"]),
                   price(r["EL_TRIM"]), price(r["NONELECTIVE"]), price(r["NEL_TRIM"]),
                   price(r["EXCESS_BED_DAY"]), ssem ? "Yes" : "No",
                   ssem ? Cell::percent(std::stoi(r["SSEM"]) / 100.0) : Cell("-"), reduced});
  }
  std::vector<std::vector<Cell>> op = {
      {"Outpatient attendances"},
      {"Treatment function code", "Treatment function name", "First Attendance - Single Professional (£)",
       "First Attendance - Multi Professional (£)", "Follow Up Attendance - Single Professional (£)",
       "Follow Up Attendance - Multi Professional (£)"}};
  for (auto& r : read_sample("tariff_op"))
    op.push_back({std::stod(r["TRETSPEF"]), "Treatment function " + r["TRETSPEF"], price(r["FIRST"]),
                  std::stod(r["FIRST"]) + 50, price(r["FOLLOWUP"]), std::stod(r["FOLLOWUP"]) + 30});
  std::vector<std::vector<Cell>> ae = {{"A&E"}, {"HRG code", "HRG name", "Price (£)"}};
  for (auto& r : read_sample("tariff_ae")) ae.push_back({r["HRG"], "Emergency medicine", price(r["PRICE"])});
  write_workbook(dir / "prices.xlsx",
                 {{"Cover", {{"NHS Payment Scheme prices (test copy made from samples)"}}},
                  {"1 APC & OPROC", apc_sheet(apc)},
                  {"2 OP attendances", op},
                  {"3 A&E", ae}});

  std::string icd10 = kIcd10Header;
  for (auto& r : read_sample("icd10")) {
    const std::string& c = r["CODE"];
    // PRIMARY_OK N outside chapter XX and B95-B98 is an asterisk code.
    const bool asterisk = r["PRIMARY_OK"] == "N" && r["CHAPTER"] != "XX" && c.substr(0, 3) != "B96";
    const std::string mask = r["SEX"] == "M" ? "1" : r["SEX"] == "F" ? "2" : "0";
    // samples' 0-120 is no limit: the TRUD file says 999; an upper limit with a lower one is kept as stated.
    const std::string max_age = r["MAX_AGE"] == "120" && r["MIN_AGE"] == "0" ? "999" : r["MAX_AGE"];
    icd10 += icd10_line(c.substr(0, 3) + "." + c.substr(3), asterisk ? "ASTERISK" : "DEFAULT", mask,
                        r["MIN_AGE"], max_age);
  }
  write_text(dir / "ICD10_CodesAndTitlesAndMetadata.txt", icd10);

  std::string opcs4 = "", opcs4_sex = "CODE,SEX\n";
  for (auto& r : read_sample("opcs4")) {
    opcs4 += r["CODE"].substr(0, 3) + "." + r["CODE"].substr(3) + "\tProcedure " + r["CODE"] + "\n";
    if (!r["SEX"].empty()) opcs4_sex += r["CODE"] + "," + r["SEX"] + "\n";
  }
  write_text(dir / "OPCS4_CodesAndTitles.txt", opcs4);
  write_text(dir / "opcs4_sex.csv", opcs4_sex);

  std::string timetable =
      "SUS+ national timetable\nActivity Month,Inclusion Date,Post Reconciliation Inclusion Date\n";
  auto uk = [](const std::string& iso) {
    return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
  };
  for (auto& r : read_sample("calendar"))
    timetable += r["ACTIVITY_MONTH"].substr(0, 4) + r["ACTIVITY_MONTH"].substr(5) + "," +
                 uk(r["INCLUSION_DATE"]) + "," + uk(r["POST_RECONCILIATION_DATE"]) + "\n";
  write_text(dir / "timetable.csv", timetable);
}

TEST(NationalReferenceEndToEnd, PublishedFilesGiveTheSameChallengesAsTheSampleTables) {
  const fs::path dir = temp_dir("end_to_end");
  write_national_files(dir);
  const std::string samples = std::string(RECON_SOURCE_DIR) + "/samples";
  const fs::path ref = dir / "reference";
  recon::test_support::BinaryOutput converted = recon::test_support::run_recon_binary(
      "reference --out " + ref.string() + " --prices " + (dir / "prices.xlsx").string() + " --icd10 " +
      (dir / "ICD10_CodesAndTitlesAndMetadata.txt").string() + " --opcs4 " +
      (dir / "OPCS4_CodesAndTitles.txt").string() + " --opcs4-sex " + (dir / "opcs4_sex.csv").string() +
      " --sus-timetable " + (dir / "timetable.csv").string() + " --table " + samples +
      "/reference/cc_scores.csv --table " + samples + "/reference/qof_map.csv");
  ASSERT_EQ(converted.status, 0) << converted.text;
  EXPECT_NE(converted.text.find("prices.xlsx sheet '1 APC & OPROC': 213 HRGs (header on row 4)"),
            std::string::npos)
      << converted.text;
  EXPECT_NE(converted.text.find("skipped: 0 rows"), std::string::npos) << converted.text;
  EXPECT_NE(converted.text.find("loads as recon run --reference reads it (9 tables)"), std::string::npos)
      << converted.text;

  auto run = [&](const std::string& reference, const fs::path& out) {
    recon::test_support::BinaryOutput o = recon::test_support::run_recon_binary(
        "run --apc " + samples + "/apc.csv --op " + samples + "/op.csv --ae " + samples +
        "/ae.csv --register " + samples + "/register.csv --referrals " + samples +
        "/referrals.csv --conditions " + samples + "/conditions.csv --reference " + reference +
        " --as-of 2026-06-30 --threads 2 --out " + out.string());
    EXPECT_EQ(o.status, 0) << o.text;
  };
  run(samples + "/reference", dir / "out_tables");
  run(ref.string(), dir / "out_national");
  const std::string expected = recon::test_support::read_whole_file(dir / "out_tables" / "challenges.csv");
  EXPECT_GT(expected.size(), 1000u);
  EXPECT_EQ(recon::test_support::read_whole_file(dir / "out_national" / "challenges.csv"), expected);
  EXPECT_EQ(recon::test_support::read_whole_file(dir / "out_national" / "summary_by_rule.csv"),
            recon::test_support::read_whole_file(dir / "out_tables" / "summary_by_rule.csv"));

  // Straight into `recon run`: the national files as published, and a folder with only the tables no
  // national file gives. The same challenges; the run summary names each table by its national file.
  const fs::path rest = dir / "rest";
  fs::create_directories(rest);
  for (const char* table : {"cc_scores.csv", "qof_map.csv"})
    fs::copy_file(samples + "/reference/" + table, rest / table);
  const std::string national_files = " --prices " + (dir / "prices.xlsx").string() + " --icd10 " +
                                     (dir / "ICD10_CodesAndTitlesAndMetadata.txt").string() + " --opcs4 " +
                                     (dir / "OPCS4_CodesAndTitles.txt").string() + " --opcs4-sex " +
                                     (dir / "opcs4_sex.csv").string() + " --sus-timetable " +
                                     (dir / "timetable.csv").string();
  run(rest.string() + national_files, dir / "out_direct");
  EXPECT_EQ(recon::test_support::read_whole_file(dir / "out_direct" / "challenges.csv"), expected);
  const std::string quality = recon::test_support::read_whole_file(dir / "out_direct" / "run_summary.json");
  EXPECT_NE(quality.find((dir / "prices.xlsx").string() + " as tariff_apc"), std::string::npos) << quality;
  EXPECT_NE(quality.find((dir / "timetable.csv").string() + " as calendar"), std::string::npos) << quality;
  // Nothing of the conversion is left in --out.
  for (const auto& entry : fs::recursive_directory_iterator(dir / "out_direct"))
    EXPECT_EQ(entry.path().string().find("national-"), std::string::npos) << entry.path();

  // A national file wins over the folder's table of the same name, and one that cannot be read stops the
  // run naming it.
  run(samples + "/reference" + national_files, dir / "out_both");
  EXPECT_EQ(recon::test_support::read_whole_file(dir / "out_both" / "challenges.csv"), expected);
  recon::test_support::BinaryOutput bad = recon::test_support::run_recon_binary(
      "run --apc " + samples + "/apc.csv --reference " + rest.string() + " --prices " +
      (dir / "no_such_workbook.xlsx").string() + " --as-of 2026-06-30 --out " + (dir / "out_bad").string());
  EXPECT_EQ(bad.status, 1) << bad.text;
  EXPECT_NE(bad.text.find("no_such_workbook.xlsx"), std::string::npos) << bad.text;
}

}  // namespace
