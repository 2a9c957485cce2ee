#pragma once
// A national reference file as rows of cell text, whatever form it was published in: a sheet of an .xlsx
// workbook (parsers/xlsx), or delimited text (a workbook's CSV export, TRUD's tab-separated files). The
// form is told from the file's first bytes, never from its name: TRUD's .txt files renamed to .csv, and a
// CSV export saved as .xlsx, are still read as what they are.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace recon::national {

struct SourceRow {
  std::uint64_t number = 0;                   // the sheet's row number, or the file's line number (1-based)
  std::vector<std::string> cells;             // trimmed of spaces; a missing cell is ""
  const std::string& cell(int column) const;  // "" beyond the row's end
};

struct SourceTable {
  std::string file;
  std::string sheet;            // empty for a text file
  std::vector<SourceRow> rows;  // rows with at least one non-empty cell, in order

  // "prices.xlsx sheet 'APC' row 12" or "codes.txt line 12": where a message points.
  std::string where(const SourceRow& row) const;
  // ... and the column: "prices.xlsx sheet 'APC' row 12 column D ('Non-elective spell tariff (£)')".
  std::string where(const SourceRow& row, int column, std::string_view heading) const;
};

// Whether the file is a zip archive (an .xlsx workbook), from its first bytes. False when unreadable.
bool is_zip_file(const std::string& path);

// A sheet of a workbook, chosen by its exact name. FatalError (naming the file and its sheets) if absent.
SourceTable read_workbook_sheet(const std::string& path, std::string_view sheet);

// A delimited text file: tab-separated when its first line holds a tab (split on tabs alone: TRUD's files
// are not quoted), comma-separated otherwise (CSV quoting); UTF-8 byte-order mark dropped, LF, CRLF or CR
// line ends. FatalError when the file cannot be read or a CSV record is malformed (naming its line).
SourceTable read_delimited_file(const std::string& path);

// A sheet of an .xlsx, or a delimited file: `sheet` is used only for a workbook, where it must be given.
SourceTable read_source_table(const std::string& path, std::string_view sheet);

}  // namespace recon::national
