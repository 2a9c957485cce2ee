#pragma once
// One challenge pack as an Excel workbook (libxlsxwriter, Debian's libxlsxwriter-dev), for the provider or
// practice to answer in the spreadsheet they work in (docs/challenge_packs.md):
//   Summary      who the pack is for, the run id and date, then per rule: title, severity in force (as its
//                rows carry it: the configured one, not the catalogue's), challenges and the
//                sum of their CHALLENGED amounts, and a total row; how to answer.
//   Challenges   challenges.csv's columns and then RESPONSE and COMMENT (empty, to fill in): a frozen
//                header row, an autofilter, money as numbers in a #,##0.00 format, ACTIVITY_DATE as a date,
//                NHSNUMBER and ids as text, and RESPONSE restricted to a list (kPackResponses). More rows
//                than a sheet holds continue on "Challenges 2", "Challenges 3", ..., each with the header.
// Text cells hold the same text as the pack's CSV (a formula-looking value keeps the CSV's leading quote,
// and is a string cell in any case: never a formula).
//
// Reproducible: the workbook's created/modified time is the run's as-of date (midnight UTC), and
// libxlsxwriter stamps every zip entry 1980-01-01, so the same run gives byte-identical workbooks.
// Written in libxlsxwriter's constant-memory mode (a row at a time; strings inline), with its temporary
// files in `tmpdir` (the run's private staging directory), the file itself created 0600.
#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/day.hpp"

namespace recon {

// What a provider may answer in RESPONSE (`recon responses import` reads them back).
inline constexpr std::array<const char*, 3> kPackResponses = {"ACCEPTED", "DISPUTED", "QUERY"};
// Challenge rows per sheet: Excel's 1,048,576 rows less the header.
inline constexpr std::size_t kMaxRowsPerSheet = 1048575;

struct PackWorkbookInfo {
  std::string for_whom;  // "provider RTH", "practice B81001", "challenges with no practice"
  std::string run_id;
  Day as_of = kNoDay;
  std::vector<std::string> columns;  // challenges.csv's header, in order
  std::size_t max_rows_per_sheet = kMaxRowsPerSheet;
  // The pack's size as challenges.csv text (bytes, rows): a pack whose XML could pass 4 GB is written with
  // ZIP64 extensions, which some readers handle less well, so only then.
  std::uint64_t text_bytes = 0, rows = 0;
};

// Hands each challenge row (challenges.csv's fields, in the columns' order) to `emit`, in list order.
using PackRowSource = std::function<void(const std::function<void(const std::vector<std::string>&)>& emit)>;

// Throws FatalError naming `path` when libxlsxwriter reports an error.
void write_pack_workbook(const std::filesystem::path& path, const std::filesystem::path& tmpdir,
                         const PackWorkbookInfo& info, const PackRowSource& rows);

}  // namespace recon
