#pragma once
// What converting a national file gives: one of recon's reference tables (docs/data_contract.md "Reference
// data"), and an account of the conversion for the user: what was read, what was derived and how, and every
// row left out with the reason. A row is left out only when it holds nothing recon could use (a note,
// a sub-heading, a category code with no code of its own); anything that could change a price or a check
// and cannot be read is a FatalError naming file, sheet, row and column instead.
#include <string>
#include <vector>

namespace recon::national {

struct OutputTable {
  std::string name;  // "tariff_apc", "icd10", ...: written as <name>.csv
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::string source{};  // the national file it was read from (convert_national_files sets it)
};

struct SkippedRow {
  std::string where;  // file, sheet and row
  std::string reason;
};

struct ConversionReport {
  std::vector<std::string> read;     // "prices.xlsx sheet 'APC': 213 HRGs (header on row 4)"
  std::vector<std::string> derived;  // "DAYCASE and ELECTIVE from the combined price: 200 HRGs"
  std::vector<SkippedRow> skipped;
};

// The table as CSV: the header, then each row; a field holding a comma, quote or line end is quoted.
std::string to_csv(const OutputTable& table);

}  // namespace recon::national
