#pragma once
// challenges.csv read back as the writer wrote it: the challenge packs are cut from the staged file, so a
// pack's rows are challenges.csv's rows byte for byte, whether the list was held in memory or streamed from
// disk (a spilled list passes the writers once and is gone).
//
// The file is memory-mapped (it may be hundreds of MB; the pages are the page cache's, not the process's)
// and split into records by the RFC 4180 rules the writer follows: a record ends at a newline outside
// quotes; a quoted field may hold commas, newlines and "" pairs.
#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

namespace recon {

class MappedChallengeCsv {
 public:
  explicit MappedChallengeCsv(const std::filesystem::path& path);  // throws FatalError naming the file
  ~MappedChallengeCsv();
  MappedChallengeCsv(const MappedChallengeCsv&) = delete;
  MappedChallengeCsv& operator=(const MappedChallengeCsv&) = delete;

  std::string_view text() const { return {data_, size_}; }

 private:
  const char* data_ = nullptr;
  std::size_t size_ = 0;
};

// The end of the record that starts at `begin`: the position of its closing newline (outside quotes), or
// text.size() when the text ends first.
std::size_t csv_record_end(std::string_view text, std::size_t begin);

// A record's fields, unquoted ("" read as "). `record` is without its newline.
std::vector<std::string> split_csv_record(std::string_view record);

// The `index`th field of a record, unquoted; "" when the record has fewer fields.
std::string csv_field_of(std::string_view record, std::size_t index);

}  // namespace recon
