// The .xlsx reader (parsers/xlsx): workbooks written here with libxlsxwriter (as Excel would write them) and,
// for what libxlsxwriter does not write (error cells, prefixed XML, cells without a reference, damaged
// parts), zipped by hand from XML parts with minizip. Each test reads them back and checks every cell's text.
#include "parsers/xlsx/xlsx_workbook.hpp"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <utility>
#include <vector>

#include "parsers/fatal_error.hpp"

namespace {
namespace fs = std::filesystem;
using recon::xlsx::Rows;
using recon::xlsx::Workbook;

fs::path temp_path(const std::string& name) {
  fs::path dir = fs::temp_directory_path() / ("recon_xlsx_test_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  return dir / name;
}

// The message of the FatalError `f` throws ("" when it throws none).
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const recon::FatalError& e) {
    return e.what();
  }
  return "";
}

// A zip of the given parts, written with minizip (for the layouts libxlsxwriter never writes).
void write_zip(const fs::path& path, const std::vector<std::pair<std::string, std::string>>& parts) {
  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  ASSERT_NE(z, nullptr);
  for (const auto& [name, data] : parts) {
    zip_fileinfo info{};
    ASSERT_EQ(zipOpenNewFileInZip64(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED,
                                    Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    ASSERT_EQ(zipWriteInFileInZip(z, data.data(), static_cast<unsigned>(data.size())), ZIP_OK);
    ASSERT_EQ(zipCloseFileInZip(z), ZIP_OK);
  }
  ASSERT_EQ(zipClose(z, nullptr), ZIP_OK);
}

// The minimal parts of a one-sheet workbook whose sheet XML is `sheet_data` (and shared strings `sst`).
std::vector<std::pair<std::string, std::string>> minimal_parts(const std::string& sheet_xml,
                                                               const std::string& sst_xml = "") {
  std::vector<std::pair<std::string, std::string>> parts = {
      {"_rels/.rels",
       R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>)"},
      {"xl/workbook.xml",
       R"(<?xml version="1.0"?><x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" )"
       R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets>)"
       R"(<x:sheet name="Raw" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
       R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>)"
       R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>)"
       R"(</Relationships>)"},
      {"xl/worksheets/sheet1.xml", sheet_xml},
  };
  if (!sst_xml.empty()) parts.emplace_back("xl/sharedStrings.xml", sst_xml);
  return parts;
}

TEST(XlsxWorkbook, ReadsWhatLibxlsxwriterWrites) {
  const fs::path path = temp_path("written.xlsx");
  lxw_workbook* wb = workbook_new(path.c_str());
  lxw_worksheet* cover = workbook_add_worksheet(wb, "Cover");
  lxw_worksheet* apc = workbook_add_worksheet(wb, "APC & OPROC");
  lxw_format* percent = workbook_add_format(wb);
  format_set_num_format(percent, "0%");
  lxw_format* percent2 = workbook_add_format(wb);
  format_set_num_format_index(percent2, 10);  // built-in 0.00%
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* money = workbook_add_format(wb);
  format_set_num_format(money, "\"£\"#,##0.00");
  worksheet_write_string(cover, 0, 0, "NHS Payment Scheme prices", nullptr);
  worksheet_write_string(apc, 0, 0, "Title row", nullptr);
  worksheet_write_string(apc, 2, 0, "HRG code", nullptr);
  worksheet_write_string(apc, 2, 1, "HRG name", nullptr);
  worksheet_write_string(apc, 2, 3, "Price (£)", nullptr);  // column C left empty
  worksheet_write_string(apc, 3, 0, "EB03C", nullptr);
  worksheet_write_string(apc, 3, 1, "Heart Failure or Shock, with CC Score 4-6", nullptr);
  worksheet_write_number(apc, 3, 3, 2640, money);
  worksheet_write_number(apc, 3, 4, 0.34, percent);
  worksheet_write_number(apc, 3, 5, 0.345, percent2);
  worksheet_write_number(apc, 3, 6, 1234.56, nullptr);
  worksheet_write_boolean(apc, 3, 7, 1, nullptr);
  worksheet_write_boolean(apc, 3, 8, 0, nullptr);
  worksheet_write_number(apc, 3, 9, 45748, date);  // 2025-04-01
  worksheet_write_formula_num(apc, 3, 10, "=D4*2", nullptr, 5280);
  worksheet_write_string(apc, 3, 11, "-", nullptr);
  worksheet_write_string(apc, 3, 12, " spaced ", nullptr);
  worksheet_write_number(apc, 3, 27, 7, nullptr);       // column AB
  worksheet_write_string(apc, 5, 0, "EB03C", nullptr);  // a shared string used twice
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);

  Workbook book(path.string());
  EXPECT_EQ(book.path(), path.string());
  EXPECT_EQ(book.sheet_names(), (std::vector<std::string>{"Cover", "APC & OPROC"}));
  EXPECT_TRUE(book.has_sheet("APC & OPROC"));
  EXPECT_FALSE(book.has_sheet("apc & oproc"));
  EXPECT_EQ(book.read_sheet("Cover"), (Rows{{"NHS Payment Scheme prices"}}));
  Rows rows = book.read_sheet("APC & OPROC");
  ASSERT_EQ(rows.size(), 6u);
  EXPECT_EQ(rows[0], (recon::xlsx::Row{"Title row"}));
  EXPECT_TRUE(rows[1].empty());
  EXPECT_EQ(rows[2], (recon::xlsx::Row{"HRG code", "HRG name", "", "Price (£)"}));
  ASSERT_EQ(rows[3].size(), 28u);
  EXPECT_EQ(rows[3][0], "EB03C");
  EXPECT_EQ(rows[3][1], "Heart Failure or Shock, with CC Score 4-6");
  EXPECT_EQ(rows[3][2], "");
  EXPECT_EQ(rows[3][3], "2640");  // a currency format is still the number
  EXPECT_EQ(rows[3][4], "34%");
  EXPECT_EQ(rows[3][5], "34.5%");
  EXPECT_EQ(rows[3][6], "1234.56");
  EXPECT_EQ(rows[3][7], "TRUE");
  EXPECT_EQ(rows[3][8], "FALSE");
  EXPECT_EQ(rows[3][9], "2025-04-01");
  EXPECT_EQ(rows[3][10], "5280");
  EXPECT_EQ(rows[3][11], "-");
  EXPECT_EQ(rows[3][12], " spaced ");
  EXPECT_EQ(rows[3][26], "");
  EXPECT_EQ(rows[3][27], "7");
  EXPECT_TRUE(rows[4].empty());
  EXPECT_EQ(rows[5], (recon::xlsx::Row{"EB03C"}));
}

TEST(XlsxWorkbook, ReadsInlineStringsAsConstantMemoryModeWritesThem) {
  const fs::path path = temp_path("inline.xlsx");
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  lxw_workbook* wb = workbook_new_opt(path.c_str(), &options);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Sheet1");
  worksheet_write_string(ws, 0, 0, "TRETSPEF", nullptr);
  worksheet_write_string(ws, 0, 2, "First & <follow-up>", nullptr);
  worksheet_write_number(ws, 1, 0, 100, nullptr);
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  EXPECT_EQ(Workbook(path.string()).read_sheet("Sheet1"),
            (Rows{{"TRETSPEF", "", "First & <follow-up>"}, {"100"}}));
}

TEST(XlsxWorkbook, ReadsErrorsRichTextPrefixedXmlAndCellsWithoutAReference) {
  const fs::path path = temp_path("raw.xlsx");
  const std::string sheet =
      R"(<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>)"
      R"(<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="C1" t="e"><x:v>#N/A</x:v></x:c></x:row>)"
      R"(<x:row><x:c t="inlineStr"><x:is><x:t>in</x:t></x:is></x:c><x:c t="str"><x:v>cached</x:v></x:c><x:c/>)"
      R"(<x:c><x:v>3.4E-1</x:v></x:c></x:row>)"
      R"(<x:row r="4"><x:c r="B4" t="s"><x:v>1</x:v></x:c></x:row>)"
      R"(</x:sheetData></x:worksheet>)";
  const std::string sst =
      R"(<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">)"
      R"(<si><r><t>Non-elective </t></r><r><rPr><b/></rPr><t>spell tariff</t></r><rPh><t>ignored</t></rPh></si>)"
      R"(<si><t xml:space="preserve"> </t></si></sst>)";
  write_zip(path, minimal_parts(sheet, sst));
  Rows rows = Workbook(path.string()).read_sheet("Raw");
  EXPECT_EQ(rows,
            (Rows{{"Non-elective spell tariff", "", "#N/A"}, {"in", "cached", "", "3.4E-1"}, {}, {"", " "}}));
}

TEST(XlsxWorkbook, ErrorsNameTheFileTheSheetAndTheCell) {
  const fs::path missing = temp_path("missing.xlsx");
  EXPECT_EQ(error_of([&] { Workbook w(missing.string()); }), missing.string() + ": no such file");

  const fs::path csv = temp_path("export.xlsx");
  std::ofstream(csv) << "HRG code,HRG name\n";
  EXPECT_EQ(error_of([&] { Workbook w(csv.string()); }),
            csv.string() + ": not an .xlsx workbook (not a zip archive); a CSV export is read as CSV");

  const fs::path two = temp_path("two.xlsx");
  lxw_workbook* wb = workbook_new(two.c_str());
  workbook_add_worksheet(wb, "Cover");
  workbook_add_worksheet(wb, "OP");
  ASSERT_EQ(workbook_close(wb), LXW_NO_ERROR);
  EXPECT_EQ(error_of([&] { Workbook(two.string()).read_sheet("A&E"); }),
            two.string() + ": no sheet named 'A&E' (its sheets: 'Cover', 'OP')");

  const fs::path bad_index = temp_path("bad_index.xlsx");
  write_zip(bad_index, minimal_parts(R"(<worksheet><sheetData><row r="2"><c r="D2" t="s"><v>9</v></c></row>)"
                                     R"(</sheetData></worksheet>)",
                                     R"(<sst><si><t>only</t></si></sst>)"));
  EXPECT_EQ(error_of([&] { Workbook(bad_index.string()).read_sheet("Raw"); }),
            bad_index.string() +
                ": sheet 'Raw' cell D2: shared string index '9' is not in the workbook's 1 shared strings");

  const fs::path bad_ref = temp_path("bad_ref.xlsx");
  write_zip(bad_ref, minimal_parts(R"(<worksheet><sheetData><row r="2"><c r="D3"><v>1</v></c></row>)"
                                   R"(</sheetData></worksheet>)"));
  EXPECT_EQ(error_of([&] { Workbook(bad_ref.string()).read_sheet("Raw"); }),
            bad_ref.string() + ": sheet 'Raw': cell reference 'D3' in row 2 is not a cell of that row");

  const fs::path bad_xml = temp_path("bad_xml.xlsx");
  write_zip(bad_xml, minimal_parts("<worksheet><sheetData><row></sheetData>"));
  EXPECT_NE(error_of([&] {
              Workbook(bad_xml.string()).read_sheet("Raw");
            }).find(bad_xml.string() + ": sheet 'Raw': xl/worksheets/sheet1.xml is not well-formed XML"),
            std::string::npos);

  const fs::path no_workbook = temp_path("no_workbook.xlsx");
  write_zip(no_workbook, {{"hello.txt", "hi"}});
  EXPECT_EQ(error_of([&] { Workbook w(no_workbook.string()); }),
            no_workbook.string() + ": not an .xlsx workbook: it has no part xl/workbook.xml");
}

TEST(XlsxWorkbook, ColumnNamesAndIndexes) {
  EXPECT_EQ(recon::xlsx::column_index("A"), 0);
  EXPECT_EQ(recon::xlsx::column_index("z"), 25);
  EXPECT_EQ(recon::xlsx::column_index("AA"), 26);
  EXPECT_EQ(recon::xlsx::column_index("XFD"), 16383);
  EXPECT_EQ(recon::xlsx::column_index("XFE"), -1);
  EXPECT_EQ(recon::xlsx::column_index(""), -1);
  EXPECT_EQ(recon::xlsx::column_index("A1"), -1);
  for (int i : {0, 25, 26, 701, 702, 16383})
    EXPECT_EQ(recon::xlsx::column_index(recon::xlsx::column_name(i)), i) << i;
  EXPECT_EQ(recon::xlsx::column_name(27), "AB");
}

}  // namespace
