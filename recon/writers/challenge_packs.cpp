#include "recon/writers/challenge_packs.hpp"

#include <tbb/parallel_for.h>

#include <algorithm>
#include <cstdint>
#include <map>

#include "parsers/fatal_error.hpp"
#include "recon/files/private_files.hpp"
#include "recon/writers/atomic_file.hpp"
#include "recon/writers/challenge_csv_rows.hpp"

namespace recon {
namespace fs = std::filesystem;
namespace {

// A record of challenges.csv: where it is in the mapped file (without its newline).
struct RecordSpan {
  std::size_t offset = 0, length = 0;
};

struct Pack {
  std::string stem;
  std::string for_whom;
  std::vector<RecordSpan> records;  // in list order
};

bool plain_code(std::string_view code) {
  return std::all_of(code.begin(), code.end(), [](char ch) {
    return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
  });
}

std::string describe(std::string_view code, PackGrouping grouping) {
  if (grouping == PackGrouping::kPractice)
    return code.empty() ? "challenges with no GP practice" : "GP practice " + std::string(code);
  return code.empty() ? "challenges with no provider" : "provider " + std::string(code);
}

// One pass over the list: each record to its pack, by the PROCODE3 or GPPRAC field.
std::vector<Pack> group_records(std::string_view text, std::size_t first_record, std::size_t key_column,
                                PackGrouping grouping) {
  std::map<std::string, Pack> packs;  // by code: packs come out in code order
  for (std::size_t pos = first_record; pos < text.size();) {
    const std::size_t end = csv_record_end(text, pos);
    const std::string_view record = text.substr(pos, end - pos);
    if (!record.empty()) {
      const std::string code = csv_field_of(record, key_column);
      auto [it, added] = packs.try_emplace(code);
      if (added) {
        it->second.stem = pack_file_stem(code, grouping);
        it->second.for_whom = describe(code, grouping);
      }
      it->second.records.push_back({pos, end - pos});
    }
    pos = end + 1;
  }
  std::vector<Pack> list;
  for (auto& [code, pack] : packs) list.push_back(std::move(pack));
  return list;
}

// With --history, challenges.csv already ends with RESPONSE and COMMENT (an ANSWERED challenge's latest
// answer, for the provider to keep or change): its rows are the pack's as they are.
bool has_answer_columns(std::string_view header) { return header.ends_with(",RESPONSE,COMMENT"); }

void write_pack_csv(const fs::path& path, std::string_view header, std::string_view text, const Pack& pack) {
  AtomicFile f(path.string());
  const bool answered = has_answer_columns(header);
  f << header << (answered ? "\n" : ",RESPONSE,COMMENT\n");
  for (const RecordSpan& r : pack.records) f << text.substr(r.offset, r.length) << (answered ? "\n" : ",,\n");
  f.commit();
}

}  // namespace

std::optional<PackGrouping> parse_pack_grouping(std::string_view text) {
  if (text == "provider") return PackGrouping::kProvider;
  if (text == "practice") return PackGrouping::kPractice;
  return std::nullopt;
}

std::string pack_file_stem(std::string_view code, PackGrouping grouping) {
  if (code.empty())
    return std::string(grouping == PackGrouping::kPractice ? kNoPracticePack : kNoProviderPack);
  if (plain_code(code)) return std::string(code);
  std::string stem;
  for (const char ch : code) {
    if (plain_code(std::string_view(&ch, 1))) {
      stem += ch;
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(ch);
      stem += '_';
      stem += kHex[byte >> 4];
      stem += kHex[byte & 15];
    }
  }
  return stem;
}

std::vector<std::string> write_challenge_packs(const fs::path& challenges_csv, const fs::path& staging_dir,
                                               const PackOptions& options) {
  if (options.grouping == PackGrouping::kNone) return {};
  const MappedChallengeCsv mapped(challenges_csv);
  const std::string_view text = mapped.text();
  const std::size_t header_end = csv_record_end(text, 0);
  const std::string_view header = text.substr(0, header_end);
  const std::vector<std::string> columns = split_csv_record(header);
  const std::string key_name = options.grouping == PackGrouping::kPractice ? "GPPRAC" : "PROCODE3";
  const auto key = std::find(columns.begin(), columns.end(), key_name);
  if (key == columns.end())
    throw FatalError("internal error: " + challenges_csv.string() + " has no " + key_name + " column");
  const std::vector<Pack> packs =
      group_records(text, std::min(header_end + 1, text.size()),
                    static_cast<std::size_t>(key - columns.begin()), options.grouping);

  const fs::path folder = staging_dir / kPacksFolder;
  create_private_dir(folder);
  // Each pack's two files are its own: packs are written in parallel, and each file is the same whatever
  // the order they are written in.
  tbb::parallel_for(std::size_t{0}, packs.size(), [&](std::size_t i) {
    const Pack& pack = packs[i];
    write_pack_csv(folder / (pack.stem + ".csv"), header, text, pack);
    PackWorkbookInfo info;
    info.for_whom = pack.for_whom;
    info.run_id = options.run_id;
    info.as_of = options.as_of;
    info.columns = columns;
    info.max_rows_per_sheet = std::max<std::size_t>(1, options.max_rows_per_sheet);
    info.rows = pack.records.size();
    for (const RecordSpan& r : pack.records) info.text_bytes += r.length;
    write_pack_workbook(folder / (pack.stem + ".xlsx"), folder, info, [&](const auto& emit) {
      for (const RecordSpan& r : pack.records) emit(split_csv_record(text.substr(r.offset, r.length)));
    });
  });
  std::vector<std::string> names;
  for (const Pack& pack : packs)
    for (const char* extension : {".csv", ".xlsx"})
      names.push_back(std::string(kPacksFolder) + '/' + pack.stem + extension);
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace recon
