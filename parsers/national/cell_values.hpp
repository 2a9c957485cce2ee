#pragma once
// The values of a published prices file as the NHS Payment Scheme writes them, read exactly or not at all:
// a cell that cannot be read as what its column holds is a FatalError naming file, sheet, row and column
// (a wrong price must never be written quietly).
#include <string_view>

#include "core/money.hpp"
#include "parsers/national/source_table.hpp"

namespace recon::national {

// A cell meaning "no value": empty, `-` (or an en/em dash, as Excel autocorrects it), `n/a`.
bool is_no_value(std::string_view cell);

// One cell of one row, for reading and for messages.
struct CellRef {
  const SourceTable& table;
  const SourceRow& row;
  int column;
  std::string_view heading;
  std::string_view text() const { return row.cell(column); }
  [[noreturn]] void fail(std::string_view why) const;
};

// A price in pounds: `2640`, `2640.5`, `£2,640.00`; kNoPrice for "no value". A number as Excel stores it
// (`1234.5600000000001`) is the pence it is within a millionth of a penny of; anything finer is an error.
// Negative or above kMaxPrice is an error.
Pence read_price(const CellRef& cell);

// A whole number of days (trim points): `5`, `5.0`; -1 for "no value".
int read_days(const CellRef& cell);

// A percentage of a price, as a whole percentage 0..100; -1 for "no value". `34%` is 34. A number without
// `%` is read as Excel stores a percentage cell, a fraction, when it is above 0 and below 1 (`0.34` is 34,
// and `from_fraction` is set); a number from 2 to 100 is a whole percentage; `0` is 0. `1` (100% or 1%?)
// and anything that is not a whole percentage after that are errors.
int read_percentage(const CellRef& cell, bool& from_fraction);

}  // namespace recon::national
