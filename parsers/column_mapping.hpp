#pragma once
// A user's own extract may name columns differently ("Spell_ID" for SUSSPELLID). The mapping file renames
// them: a CSV with header DATASET,FROM,TO; DATASET is a dataset name (apc, op, register, tariff_apc, ...) or
// * for all; names are case-insensitive. Example row: apc,Spell_ID,SUSSPELLID
#include <map>
#include <string>
#include <string_view>

namespace recon {

class ColumnMapping {
 public:
  static ColumnMapping load(const std::string& path);  // throws FatalError on a missing/unreadable file
  void add(std::string dataset, std::string from, std::string to);
  // The contract name for a source column (upper-cased), after any renaming for this dataset.
  std::string resolve(std::string_view dataset, std::string_view source_name) const;

 private:
  std::map<std::pair<std::string, std::string>, std::string> renames_;  // (dataset|*, FROM) -> TO
};

std::string to_upper(std::string_view s);

}  // namespace recon
