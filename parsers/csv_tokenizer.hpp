#pragma once
// RFC 4180 tokenizer that works in place on a mutable buffer holding whole records: quoted fields (with ""
// escapes) are unescaped where they lie, so fields are string_views into the buffer and nothing is copied.
// Why not a library: the parallel ingest hands each thread a buffer of whole records; a tokenizer that works
// in place on such a buffer is ~100 lines, whereas callback/stream CSV libraries copy every field and own
// their input. Embedded delimiters, quotes and newlines; LF, CRLF and CR-only line endings. The delimiter
// is the Dialect's (comma, pipe or tab; parsers/csv_delimiter.hpp picks it): the quoting rules are the same
// for every delimiter, and nothing here treats a comma specially.
//
// Broken quoting costs one record, never the rest of the file. A record is malformed when a quoted field
// never closes, closes more than `max_quoted_bytes` after it opened (taken as a stray quote), or is followed
// by text other than the delimiter or the line end. Such a record is rejected with the line it starts on, and
// reading goes on from the next physical line after that start, so every later line is still read.
//
// The tokenizer and find_cut share these rules exactly, so tokenizing a buffer whole gives the same records
// (fields, lines and errors) as tokenizing it in two parts split where find_cut says. A fuzzer checks this
// (tests/fuzz/csv_split_fuzzer.cpp) and so do tests/csv_tokenizer_test.cpp's property tests.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parsers/csv_field_ends.hpp"

namespace recon::csv {

struct Dialect {
  char newline =
      '\n';  // '\r' for CR-only files (old Mac "Save as CSV"); with '\n', a CR before it is dropped
  std::size_t max_quoted_bytes = std::size_t{1} << 20;  // a quoted field longer than this is a stray quote
  char delimiter = ',';  // between fields: ',', '|' or '\t' (any byte but the quote, CR and LF would do)
};

// The line ending of a file from its first bytes: CR-only when the first line ends in a CR that is not
// followed by LF. `at_eof`: `head` is the whole file (a final lone CR then also means CR-only).
char detect_newline(std::string_view head, bool at_eof);

struct Record {
  std::vector<std::string_view> fields;
  std::uint64_t line = 0;  // physical line the record starts on
  std::string_view error;  // non-empty: the record is malformed (reason; never quotes the data)
};

class Tokenizer {
 public:
  // [data, data+size) must start at a record boundary and ends the data (a chunk ends after a whole record);
  // `first_line` is the line number of data[0].
  Tokenizer(char* data, std::size_t size, std::uint64_t first_line, Dialect dialect = {})
      : p_(data), end_(data + size), line_(first_line), dialect_(dialect) {}
  // Finds unquoted fields' ends with `ends`, built over exactly this tokenizer's data with its dialect's
  // delimiter and line end (parsers/csv_field_ends.hpp), instead of a loop over their bytes. Same records.
  void use_field_ends(const FieldEnds* ends) { ends_ = ends; }
  // Fills `rec` with the next record; false at the end. Blank lines are skipped (they hold no row).
  bool next(Record& rec);
  std::uint64_t line() const { return line_; }
  const char* position() const { return p_; }

 private:
  // What follows a field: another field, the end of the record, or a malformed record (`fail` has filled
  // the Record and moved on).
  enum class FieldEnd { kNextField, kRecordEnd, kMalformed };
  // What the record being read has met so far in its quoted fields.
  struct RecordScan {
    const char* start;                    // the record's first byte
    const char* first_newline = nullptr;  // the first line end inside its quoted fields
    std::uint64_t quoted_lines = 0;       // line ends inside its quoted fields (counted once there is one)
  };

  template <char kDelimiter>
  bool next_record(Record& rec);                   // next() for one delimiter
  bool at_line_end(const char* p) const;           // p starts a line terminator
  const char* past_line_end(const char* p) const;  // p at a terminator: one past it
  // The steps of next_record(), the hot path of parsing: inline, defined beside it in csv_tokenizer.cpp.
  inline void skip_blank_lines();
  inline FieldEnd quoted_field(Record& rec, RecordScan& scan, char nl);
  inline FieldEnd after_closing_quote(Record& rec, const RecordScan& scan);
  inline void unescape_quoted_fields(Record& rec) const;
  bool indexed_fields(Record& rec, RecordScan& scan, char nl);  // the fields, with ends_
  bool fail(Record& rec, const char* record_start, const char* first_newline, std::string_view reason);

  char* p_;
  char* end_;
  std::uint64_t line_;
  Dialect dialect_;
  const FieldEnds* ends_ = nullptr;
  std::vector<std::uint32_t> escaped_;  // this record's fields that hold "" pairs, unescaped at its end
};

// Where to cut a buffer that is *not* the end of the data so that the first part holds only whole records
// (as Tokenizer reads them): one past the line end of the last record that is complete and whose fate is
// known from the bytes present, or 0 if there is none (read more and ask again). At the end of the data the
// whole rest is one chunk and no cut is needed.
std::size_t find_cut(const char* data, std::size_t size, Dialect dialect);
// A file's first record (blank lines before it skipped; the header row), read from the file's first bytes.
struct FirstRecord {
  std::string storage;      // a copy of the bytes the record needed: the tokenizer unescapes in place
  Record record;            // its fields view `storage`
  bool found = false;       // false: the data holds no record at all
  std::size_t end = 0;      // one past the record, in the bytes read from
  std::uint64_t lines = 0;  // line ends before `end`
};
// Reads it from `head` into `out`; false while the record may go on past `head` (read more and ask again).
// `at_eof`: `head` is all the data, and there is always an answer. Looks at and copies only about as many
// bytes as the record needs, however long `head` is.
bool read_first_record(std::string_view head, bool at_eof, const Dialect& dialect, FirstRecord& out);

inline std::size_t find_cut(const char* data, std::size_t size, std::size_t max_quoted_bytes) {
  return find_cut(data, size, Dialect{'\n', max_quoted_bytes, ','});
}

}  // namespace recon::csv
