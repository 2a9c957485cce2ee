#pragma once
// Challenge packs (`recon run --packs`, docs/challenge_packs.md): the challenge list cut into one pack per
// provider (PROCODE3), or with --packs-by practice one per GP practice (GPPRAC), each as
// packs/<CODE>.csv and packs/<CODE>.xlsx in the output set. A pack holds that provider's (practice's)
// challenges and nobody else's, as challenges.csv has them (the same rows, in the same order, with the same
// CHALLENGE_IDs), plus the empty RESPONSE and COMMENT columns the provider fills in; the .xlsx adds a summary
// sheet (recon/writers/pack_workbook.hpp). Challenges with no practice go to NO_PRACTICE (no provider:
// NO_PROVIDER). Packs are cut from the staged challenges.csv, so they exist for a list streamed from disk as
// for one in memory, and together they are exactly its rows.
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"
#include "recon/writers/pack_workbook.hpp"

namespace recon {

enum class PackGrouping { kNone, kProvider, kPractice };
// "provider" or "practice" (--packs-by); nullopt for anything else.
std::optional<PackGrouping> parse_pack_grouping(std::string_view text);

inline constexpr std::string_view kPacksFolder = "packs";
inline constexpr std::string_view kNoPracticePack = "NO_PRACTICE";
inline constexpr std::string_view kNoProviderPack = "NO_PROVIDER";

// The file name (without extension) of the pack for `code`: the code itself when it is letters and digits
// only (RTH, B81001), each other byte as _XX in hex ('&' is "_26"), so that a name is always a plain file
// name and never the same for two codes; an empty code gives NO_PRACTICE / NO_PROVIDER, which no code can.
std::string pack_file_stem(std::string_view code, PackGrouping grouping);

struct PackOptions {
  PackGrouping grouping = PackGrouping::kNone;
  std::string run_id;
  Day as_of = kNoDay;  // the workbooks' creation date
  std::size_t max_rows_per_sheet = kMaxRowsPerSheet;
};

// Writes every pack of `challenges_csv` (the staged challenges.csv) into `staging_dir`/packs/ (created
// 0700), packs in parallel. Returns the files written, as names in the set ("packs/RTH.csv",
// "packs/RTH.xlsx", ...), sorted. Nothing for PackGrouping::kNone. Throws FatalError.
std::vector<std::string> write_challenge_packs(const std::filesystem::path& challenges_csv,
                                               const std::filesystem::path& staging_dir,
                                               const PackOptions& options);

}  // namespace recon
