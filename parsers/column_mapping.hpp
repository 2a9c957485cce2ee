#pragma once
// A user's own extract may name columns differently ("Spell_ID" for SUSSPELLID). The mapping file renames
// them: a CSV with header DATASET,FROM,TO; DATASET is a dataset name (apc, op, register, tariff_apc, ...) or
// * for all; names are case-insensitive. Example row: apc,Spell_ID,SUSSPELLID
// A rename that cannot be what the user meant is an error naming its line, never a silent guess: an unknown
// dataset, a target that is not a column of the contract, a source column mapped twice for one dataset. A
// dataset's own row overrides a * row for the same source; several sources may map to one target (one
// mapping file serving extracts that spell a column differently).
//
// A rename moves one source column onto one contract column. Some extracts split a contract column in two
// (SUS gives the month and the year of birth as separate columns): a derived column joins several source
// columns into one contract column. Derived columns are added in code (the named layouts of
// parsers/layouts.hpp), not from the mapping file; parsers/derived_columns.hpp reads them.
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace recon {

// A contract column built from several source columns: each part's value, left-padded with zeros to its
// width (a month "3" becomes "03"), joined in order; empty when any part is empty. E.g. DOB as MMYYYY from
// Month_of_Birth_SUS (width 2) and Year_of_Birth_SUS (width 4). What the joined value means is the value
// parser's business, exactly as if the file had held it in one column.
struct DerivedColumn {
  struct Part {
    std::string source;  // upper case
    std::size_t width = 0;
  };
  std::string target;  // upper case, an optional column of the contract
  std::vector<Part> parts;
};

class ColumnMapping {
 public:
  // Throws FatalError on a missing/unreadable file or a bad row ("<path> line N: ...").
  static ColumnMapping load(const std::string& path);
  // Adds one rename; throws FatalError, prefixed with `where`, on a bad one (see above). `line` is the row's
  // line in the mapping file (0 when built in code), quoted when a later row maps the same source again.
  void add(std::string dataset, std::string from, std::string to, const std::string& where = "column mapping",
           std::uint64_t line = 0);
  // The contract name for a source column (upper-cased), after any renaming for this dataset.
  std::string resolve(std::string_view dataset, std::string_view source_name) const;

  // Adds a derived column for one dataset (not *); throws FatalError, prefixed with `where`, when the target
  // is not an optional column of that dataset, already derived, or a part names no source.
  void add_derived(std::string dataset, DerivedColumn column, const std::string& where = "column mapping");
  // The dataset's derived columns, in the order added.
  const std::vector<DerivedColumn>& derived(std::string_view dataset) const;

 private:
  struct Rename {
    std::string to;
    std::uint64_t line = 0;
  };
  std::map<std::pair<std::string, std::string>, Rename> renames_;           // (dataset|*, FROM) -> TO
  std::map<std::string, std::vector<DerivedColumn>, std::less<>> derived_;  // dataset -> its derived columns
};

std::string to_upper(std::string_view s);

}  // namespace recon
