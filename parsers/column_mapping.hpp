#pragma once
// A user's own extract may name columns differently ("Spell_ID" for SUSSPELLID). The mapping file renames
// them: a CSV with header DATASET,FROM,TO; DATASET is a dataset name (apc, op, register, tariff_apc, ...) or
// * for all; names are case-insensitive. Example row: apc,Spell_ID,SUSSPELLID
// A rename that cannot be what the user meant is an error naming its line, never a silent guess: an unknown
// dataset, a target that is not a column of the contract, a source column mapped twice for one dataset. A
// dataset's own row overrides a * row for the same source; several sources may map to one target (one
// mapping file serving extracts that spell a column differently).
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

namespace recon {

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

 private:
  struct Rename {
    std::string to;
    std::uint64_t line = 0;
  };
  std::map<std::pair<std::string, std::string>, Rename> renames_;  // (dataset|*, FROM) -> TO
};

std::string to_upper(std::string_view s);

}  // namespace recon
