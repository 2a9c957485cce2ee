// Buffered writer for one output file in CSV (RFC 4180) or NDJSON. Rows are written field by field in
// column order straight into a large buffer, so millions of rows cost no allocation and no iostream work.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace recon::generate {

enum class OutputFormat : std::uint8_t { csv, ndjson };

class RecordWriter {
 public:
  // Opens (truncates) `path` and writes the CSV header; throws std::runtime_error on failure. `delimiter`
  // separates CSV fields (',' or '|', as the national HES delivery is pipe-delimited); a value holding it
  // is quoted.
  RecordWriter(const std::filesystem::path& path, OutputFormat format,
               std::span<const std::string_view> columns, char delimiter = ',');
  ~RecordWriter();
  RecordWriter(const RecordWriter&) = delete;
  RecordWriter& operator=(const RecordWriter&) = delete;

  void begin_row();
  // Next column's value; empty = missing (an empty CSV field, an omitted NDJSON key).
  void field(std::string_view value);
  // Like field(), but NDJSON writes it as a bare JSON number (the value must be a valid number).
  void number_field(std::string_view value);
  // Fast path for values known to hold no delimiter, quote, backslash or control character (codes, dates,
  // numbers): nothing to scan or escape.
  void plain_field(std::string_view value) {
    if (format_ == OutputFormat::csv) {
      if (column_ > 0) put_char(delimiter_);
      put(value);
      ++column_;
    } else {
      field(value);
    }
  }
  void integer_field(std::int64_t value);
  void end_row();
  // Ends a deliberately malformed row after the fields written so far: a CSV record with too few fields,
  // or an NDJSON line whose object is never closed.
  void end_truncated_row();

  void close();  // flushes; throws on a write error
  std::uint64_t rows() const { return rows_; }
  OutputFormat format() const { return format_; }

 private:
  void put(std::string_view text) {
    if (text.empty()) return;
    if (used_ + text.size() <= buffer_.size()) {
      std::memcpy(buffer_.data() + used_, text.data(), text.size());
      used_ += text.size();
    } else {
      put_slow(text);
    }
  }
  void put_slow(std::string_view text);
  void put_char(char c) {
    if (used_ == buffer_.size()) flush();
    buffer_[used_++] = c;
  }
  void flush();
  void write_csv_value(std::string_view value);
  void write_json_string(std::string_view value);
  void next_key(bool& wrote_any);

  std::filesystem::path path_;
  std::FILE* file_ = nullptr;
  OutputFormat format_;
  char delimiter_;
  std::vector<std::string> columns_;
  std::vector<char> buffer_;
  std::size_t used_ = 0;
  std::size_t column_ = 0;
  bool wrote_key_ = false;
  std::uint64_t rows_ = 0;
};

}  // namespace recon::generate
