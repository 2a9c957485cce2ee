#pragma once
// The property that keeps rows from vanishing at chunk boundaries: tokenizing a buffer whole gives exactly
// the records (fields, line numbers, errors) that the ingest's read stage gives when it reads the same bytes
// in blocks of any size and cuts each where csv::find_cut says. The whole buffer is read with the
// tokenizer's byte loop, the blocks with the SIMD field-end index, so the same check also holds the two
// ways of finding a field's end to each other. Shared by the unit tests and the fuzzer.
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "parsers/csv_tokenizer.hpp"

namespace recon::csv::check {

struct Row {
  std::vector<std::string> fields;
  std::uint64_t line = 0;
  std::string error;
  bool operator==(const Row&) const = default;
};

// With `indexed`, unquoted fields' ends come from a FieldEnds index, as in the ingest; without, from the
// tokenizer's byte loop. The two must give the same records.
inline std::vector<Row> tokenize_whole(std::string text, std::uint64_t first_line, Dialect dialect,
                                       bool indexed = false) {
  Tokenizer tok(text.data(), text.size(), first_line, dialect);
  FieldEnds ends;
  if (indexed) {
    ends.build(text.data(), text.size(), dialect.delimiter, dialect.newline);
    tok.use_field_ends(&ends);
  }
  std::vector<Row> rows;
  Record rec;
  while (tok.next(rec))
    rows.push_back({{rec.fields.begin(), rec.fields.end()}, rec.line, std::string(rec.error)});
  return rows;
}

// As parsers/ingest.cpp's ChunkReader and CsvParser do: hold `block` bytes (more while no whole record
// fits), cut at find_cut unless the data ends there, tokenize the chunk with its field-end index, carry the
// rest over.
inline std::vector<Row> tokenize_in_blocks(const std::string& text, std::size_t block, Dialect dialect) {
  std::vector<Row> rows;
  std::size_t done = 0, want = std::max<std::size_t>(block, 1);
  std::uint64_t line = 1;
  while (done < text.size()) {
    const std::size_t have = std::min(text.size() - done, want);
    const bool at_end = done + have == text.size();
    const std::size_t cut = at_end ? have : find_cut(text.data() + done, have, dialect);
    if (cut == 0) {
      want = have * 2;
      continue;
    }
    const std::string chunk = text.substr(done, cut);
    for (Row& r : tokenize_whole(chunk, line, dialect, true)) rows.push_back(std::move(r));
    line += static_cast<std::uint64_t>(std::count(chunk.begin(), chunk.end(), dialect.newline));
    done += cut;
    want = std::max<std::size_t>(block, 1);
  }
  return rows;
}

}  // namespace recon::csv::check
