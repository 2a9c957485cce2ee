#pragma once
// Finding a national file's header row and its columns by their published headings. Published files put
// title rows above the header, wrap headings over lines, and vary "(£)", "%" and hyphens between years, so
// headings are compared reduced (normalise_heading), and each column is found by the headings it may have.
#include <string>
#include <string_view>
#include <vector>

#include "parsers/national/source_table.hpp"

namespace recon::national {

// Lower case; each run of characters other than ASCII letters and digits (spaces, line breaks, `/`, `-`,
// `(£)`, `%`) becomes one space; trimmed. "Non-elective spell\ntariff (£)" -> "non elective spell tariff".
std::string normalise_heading(std::string_view heading);

struct ColumnSpec {
  std::string field;  // what recon calls it, for messages ("NONELECTIVE")
  // Normalised headings it may have; one ending in '*' matches any heading that starts with the rest.
  std::vector<std::string> headings;
  bool required = false;
};

struct Header {
  std::size_t row = 0;               // index into SourceTable::rows of the header row
  std::vector<int> column;           // by spec: the column it is in, or -1
  std::vector<std::string> heading;  // by spec: the heading as published ("" when absent)
  std::vector<int> unmatched;        // columns with a heading that no spec matches
};

// The header is the first row (of the first 50) where spec[anchor] matches a cell. FatalError, naming file
// and sheet, when there is none, when a required column is absent (listing the headings found), or when two
// columns match one spec (which one holds the price would be a guess).
Header find_header(const SourceTable& table, const std::vector<ColumnSpec>& specs, std::size_t anchor);

}  // namespace recon::national
