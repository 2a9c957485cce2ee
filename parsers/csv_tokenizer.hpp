#pragma once
// RFC 4180 tokenizer that works in place on a mutable buffer holding whole records: quoted fields (with ""
// escapes) are unescaped where they lie, so fields are string_views into the buffer and nothing is copied.
// Why not a library: the parallel ingest hands each thread a buffer of whole records; a tokenizer that works
// in place on such a buffer is ~100 lines, whereas callback/stream CSV libraries copy every field and own
// their input. Embedded commas, quotes and newlines, CRLF and LF are handled.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace recon::csv {

struct Record {
  std::vector<std::string_view> fields;
  std::uint64_t line = 0;  // physical line the record starts on
  std::string_view error;  // non-empty: the record is malformed (reason)
};

class Tokenizer {
 public:
  // [data, data+size) must start at a record boundary; `first_line` is the line number of data[0].
  Tokenizer(char* data, std::size_t size, std::uint64_t first_line)
      : p_(data), end_(data + size), line_(first_line) {}
  // Fills `rec` with the next record; false at the end. Blank lines are skipped (they hold no row).
  bool next(Record& rec);
  std::uint64_t line() const { return line_; }
  const char* position() const { return p_; }

 private:
  char* p_;
  char* end_;
  std::uint64_t line_;
};

// Where to cut a buffer so that the first part holds only whole records: one past the '\n' that ends the last
// complete record, or 0 if there is none. A quoted field still open after `max_quoted_bytes` is taken as a
// broken quote: the cut is then placed after that record's first physical line, so a single stray quote costs
// one rejected row instead of swallowing the rest of the file. Uses the same state machine as Tokenizer.
std::size_t find_cut(const char* data, std::size_t size, std::size_t max_quoted_bytes);

}  // namespace recon::csv
