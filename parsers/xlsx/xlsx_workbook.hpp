#pragma once
// Reads an Excel .xlsx workbook (Office Open XML, a zip of XML parts) as rows of cell text, with minizip for
// the zip and pugixml for the XML: the national prices workbook is published as .xlsx, and users should not
// have to export it first. Read-only and whole-sheet: the sheets recon reads are a few thousand rows.
//
// What a cell reads as (the text a user sees, as far as recon needs it):
//   - shared strings and inline strings: their text (rich-text runs joined; phonetic runs left out);
//   - numbers: the number as stored ("3630", "0.34", "1234.5600000000001" -- Excel keeps binary doubles),
//     except a number whose style is a percentage format (built-in 0% / 0.00%, or a custom format with `%`):
//     that reads as Excel shows it, the value times 100 with a `%` ("34%"; the decimal point is moved in the
//     text, no floating-point arithmetic), and a number whose style is a date format: "YYYY-MM-DD" when it is
//     a whole day (1900 or 1904 date system as the workbook says), the stored number otherwise;
//   - booleans: "TRUE" / "FALSE"; errors: their code ("#N/A"); formulas: their cached value;
//   - an empty or absent cell: "".
// Cells are placed at the column their reference names (B7 is rows[6][1]), so a sparse row keeps its columns,
// and rows[i] is the sheet's row i + 1 (absent rows are empty). A row is as long as its last cell present.
//
// Every error is a FatalError naming the file (and the sheet, and the cell where there is one).
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace recon::xlsx {

using Row = std::vector<std::string>;
using Rows = std::vector<Row>;

class Workbook {
 public:
  // Opens the workbook and reads its sheet list, shared strings and styles. Throws FatalError when the file
  // cannot be opened, is not a zip, or lacks the parts every workbook has.
  explicit Workbook(const std::string& path);
  ~Workbook();
  Workbook(Workbook&&) noexcept;
  Workbook& operator=(Workbook&&) noexcept;

  const std::string& path() const;
  // Sheet names in workbook order (the tabs, left to right).
  const std::vector<std::string>& sheet_names() const;
  // Whether a sheet of this name exists (names compared exactly, as Excel shows them).
  bool has_sheet(std::string_view name) const;
  // The named sheet's rows. Throws FatalError naming the file and listing the sheets when there is no such
  // sheet, and naming file, sheet and cell when a part cannot be read.
  Rows read_sheet(std::string_view name) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "A" -> 0, "Z" -> 25, "AA" -> 26, ... "XFD" -> 16383; -1 when `letters` is not a column name.
int column_index(std::string_view letters);
// 0 -> "A", 26 -> "AA": for messages naming a cell.
std::string column_name(int index);

}  // namespace recon::xlsx
