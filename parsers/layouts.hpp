#pragma once
// Named input layouts: how the activity extracts people actually hold are read onto the contract's columns
// (docs/data_contract.md). A layout says, for each dataset (apc, op, ae), which of the file's columns feeds
// each contract column, with alternatives in order of preference (HES: NEWNHSNO, else PSEUDO_HESID) and
// derived columns where an extract splits a contract column in two (SUS: the month and year of birth).
//
//   contract  the contract's own names (every column under its own name)
//   hes       Hospital Episode Statistics extracts (HES APC, OP, A&E)
//   sus       SUS commissioner extracts as held in commissioning data warehouses (APCS, OPA, ECDS tables)
//
// A layout is a built-in column mapping: for one file it becomes a ColumnMapping (renames, and derived
// columns read by parsers/derived_columns.hpp) made from the columns that file has, with the user's own
// --column-map renames on top. docs/layouts.md is generated from these definitions (`recon layouts
// --markdown`). Layouts map columns only: what a value means (a month-and-year date of birth, a list of
// codes in one field, a pseudonym where an NHS number should be) is the value parser's business.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/column_mapping.hpp"
#include "parsers/ingest.hpp"
#include "parsers/schema.hpp"

namespace recon {

// One way to fill a contract column from a file's columns.
struct LayoutSource {
  struct Part {
    std::string_view column;
    std::size_t width = 0;  // a derived column's part is left-padded with zeros to this width
  };
  std::vector<Part> parts;  // one: that column, renamed; several: a derived column joining them
};

struct LayoutColumn {
  // A contract column, or a numbered run: "DIAG_##20" is DIAG_01 .. DIAG_20, and "##" in a source column
  // stands for the same number (DIAG_4_## feeds DIAG_01 from DIAG_4_01, ...).
  std::string_view target;
  std::vector<LayoutSource> sources;  // in order of preference: the first the file has is used
  std::string_view note;              // what the value holds, and what the value parser must make of it
};

struct DatasetLayout {
  std::string_view dataset;  // apc, op, ae
  std::string_view extract;  // what the extract is called in this layout
  std::vector<LayoutColumn> columns;
};

struct Layout {
  std::string_view name;  // the --layout value
  std::string_view title;
  std::string_view description;
  // --layout auto takes a file for this layout when its header has at least one column of each group.
  std::vector<std::vector<std::string_view>> markers;
  std::vector<DatasetLayout> datasets;       // none for the contract's own layout
  std::vector<std::string_view> references;  // where the column names come from
  const DatasetLayout* dataset(std::string_view name) const;
};

// contract, hes, sus, in that order.
const std::vector<Layout>& all_layouts();
const Layout& contract_layout();
const Layout* find_layout(std::string_view name);  // nullptr for an unknown name

// --layout auto for one file, from its column names: the contract's when the file has every column the
// contract requires for its dataset (after the user's renames), so any file recon read before layouts
// existed is read exactly as before; otherwise the first other layout whose markers the header has;
// otherwise the contract's (and the ingest names the missing columns).
const Layout& detect_layout(const Schema& schema, const std::vector<std::string>& columns,
                            const ColumnMapping* user);

// The mapping to read one file of `schema`'s dataset with, made from the columns it has:
//   1. the user's renames (--column-map) of its columns, first: the user's word wins;
//   2. a column already named as the contract's is read as that column;
//   3. for every other contract column, the layout's first source whose columns the file has (and the user
//      has not renamed): a rename, or a derived column.
ColumnMapping layout_mapping(const Layout& layout, const Schema& schema,
                             const std::vector<std::string>& columns, const ColumnMapping* user);

// How one file is read.
struct FileLayout {
  const Layout* layout = nullptr;
  bool detected = false;                 // chosen by --layout auto
  std::optional<ColumnMapping> mapping;  // none for the contract's layout: the user's mapping as it is
  // The mapping to hand the ingest (IngestOptions::mapping).
  const ColumnMapping* mapping_or(const ColumnMapping* user) const { return mapping ? &*mapping : user; }
};

// `requested`: "auto" or a layout's name (FatalError otherwise). Reads the file's header unless the
// contract's layout is asked for. When the layout is not the contract's, tells options.on_notice which
// (the file's name and the layout's; never its data).
FileLayout choose_file_layout(const InputFile& file, const Schema& schema, std::string_view requested,
                              const ColumnMapping* user, const IngestOptions& options);

}  // namespace recon
