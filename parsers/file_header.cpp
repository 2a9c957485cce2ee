#include "parsers/file_header.hpp"

#include <simdjson.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "parsers/csv_delimiter.hpp"
#include "parsers/csv_tokenizer.hpp"
#include "parsers/fatal_error.hpp"

namespace recon {
namespace {

constexpr std::size_t kBlock = 64 * 1024;

// The file's first bytes, read on in blocks as asked.
class Head {
 public:
  explicit Head(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw FatalError("cannot open " + path + ": " + std::strerror(errno));
  }
  std::string_view text() const { return std::string_view(bytes_).substr(skipped_); }
  bool at_eof() const { return eof_; }
  // One more block; false at the end of the file.
  bool read_more() {
    if (eof_) return false;
    const std::size_t had = bytes_.size();
    bytes_.resize(had + kBlock);
    in_.read(bytes_.data() + had, static_cast<std::streamsize>(kBlock));
    bytes_.resize(had + static_cast<std::size_t>(in_.gcount()));
    if (in_.bad()) throw FatalError("cannot read " + path_ + ": " + std::strerror(errno));
    eof_ = in_.eof();
    if (had < 3 && std::string_view(bytes_).starts_with("\xEF\xBB\xBF")) skipped_ = 3;  // UTF-8 BOM
    return true;
  }

 private:
  std::string path_;
  std::ifstream in_;
  std::string bytes_;
  std::size_t skipped_ = 0;
  bool eof_ = false;
};

std::string trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

// As the ingest reads a CSV header: the line ending from the first line, the delimiter from the header
// row (options.delimiter, or detected), then the first record with both.
std::vector<std::string> csv_column_names(Head& head, const IngestOptions& options) {
  csv::Dialect dialect{'\n', options.max_quoted_bytes, ','};
  // The first line's end and the byte after it tell CR-only files from CRLF ones (csv::detect_newline).
  for (;;) {
    const std::size_t end = head.text().find_first_of("\r\n");
    if (head.at_eof() || (end != std::string_view::npos && end + 1 < head.text().size())) break;
    head.read_more();
  }
  dialect.newline = csv::detect_newline(head.text(), head.at_eof());
  if (options.delimiter == csv::kDetectDelimiter) {
    std::optional<csv::HeaderDelimiters> counts;
    while (!(counts = csv::count_header_delimiters(head.text(), head.at_eof(), dialect))) head.read_more();
    dialect.delimiter = counts->detected();
  } else {
    dialect.delimiter = options.delimiter;
  }
  csv::FirstRecord first;
  while (!csv::read_first_record(head.text(), head.at_eof(), dialect, first)) head.read_more();
  std::vector<std::string> names;
  if (!first.found || !first.record.error.empty()) return names;
  for (std::string_view field : first.record.fields) names.push_back(trimmed(field));
  return names;
}

// As the ingest reads an NDJSON file's stand-in for a header: the keys of the first line that holds a JSON
// object, among its first 1,000 non-blank lines.
std::vector<std::string> ndjson_column_names(Head& head) {
  constexpr int kHeaderSearchLines = 1000;
  simdjson::dom::parser parser;
  std::size_t start = 0;
  for (int searched = 0; searched < kHeaderSearchLines;) {
    const std::size_t nl = head.text().find('\n', start);
    if (nl == std::string_view::npos && head.read_more()) continue;  // a whole line first
    const std::string line =
        trimmed(head.text().substr(start, nl == std::string_view::npos ? nl : nl - start));
    if (!line.empty()) {
      ++searched;
      simdjson::dom::object object;
      if (!parser.parse(simdjson::padded_string(line)).get_object().get(object)) {
        std::vector<std::string> keys;
        for (simdjson::dom::key_value_pair kv : object) keys.push_back(trimmed(kv.key));
        return keys;
      }
    }
    if (nl == std::string_view::npos) break;
    start = nl + 1;
  }
  return {};
}

}  // namespace

std::vector<std::string> read_column_names(const InputFile& file, const IngestOptions& options) {
  Head head(file.path);
  head.read_more();
  return file.format == Format::kCsv ? csv_column_names(head, options) : ndjson_column_names(head);
}

}  // namespace recon
