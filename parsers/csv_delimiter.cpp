#include "parsers/csv_delimiter.hpp"

#include <string>

namespace recon::csv {

namespace {

std::size_t index_of(char delimiter) {
  for (std::size_t i = 0; i < kCandidateCount; ++i)
    if (kCandidateDelimiters[i] == delimiter) return i;
  return kCandidateCount;
}

std::string columns_text(std::size_t n) { return std::to_string(n) + (n == 1 ? " column" : " columns"); }

// "41 '|'", "1 ','", "41 tabs".
std::string occurrences_text(char delimiter, std::size_t n) {
  if (delimiter == '\t') return std::to_string(n) + (n == 1 ? " tab" : " tabs");
  return std::to_string(n) + " '" + delimiter + "'";
}

}  // namespace

std::string_view delimiter_name(char delimiter) {
  switch (delimiter) {
    case ',':
      return "comma";
    case '|':
      return "pipe";
    case '\t':
      return "tab";
    case kDetectDelimiter:
      return "auto";
  }
  return "other";
}

std::string_view delimited_file_kind(char delimiter) {
  switch (delimiter) {
    case ',':
      return "comma-separated";
    case '|':
      return "pipe-delimited";
    case '\t':
      return "tab-separated";
  }
  return "delimited";
}

std::optional<char> parse_delimiter(std::string_view text) {
  if (text == "auto") return kDetectDelimiter;
  if (text == "comma" || text == ",") return ',';
  if (text == "pipe" || text == "|") return '|';
  if (text == "tab" || text == "\t" || text == "\\t") return '\t';
  return std::nullopt;
}

std::size_t HeaderDelimiters::count_of(char delimiter) const {
  const std::size_t i = index_of(delimiter);
  return i < kCandidateCount ? count[i] : 0;
}

char HeaderDelimiters::detected() const {
  std::size_t best = 0;
  bool tied = false;
  for (std::size_t i = 1; i < kCandidateCount; ++i) {
    if (count[i] > count[best]) {
      best = i;
      tied = false;
    } else if (count[i] == count[best]) {
      tied = true;
    }
  }
  return tied ? ',' : kCandidateDelimiters[best];
}

std::string HeaderDelimiters::describe(char used, std::size_t columns) const {
  std::string text =
      "header read as " + std::string(delimited_file_kind(used)) + ": " + columns_text(columns);
  std::size_t better = kCandidateCount;  // the candidate that would give the most columns, if more
  for (std::size_t i = 0; i < kCandidateCount; ++i)
    if (kCandidateDelimiters[i] != used && count[i] + 1 > columns &&
        (better == kCandidateCount || count[i] > count[better]))
      better = i;
  if (better < kCandidateCount) {
    const char d = kCandidateDelimiters[better];
    text += "; it contains " + occurrences_text(d, count[better]) + ": " +
            std::string(delimited_file_kind(d)) + "? use --delimiter " + std::string(delimiter_name(d));
  }
  return text;
}

std::optional<HeaderDelimiters> count_header_delimiters(std::string_view head, bool at_eof,
                                                        const Dialect& dialect) {
  // Byte by byte: a header is short, and this runs once per file.
  HeaderDelimiters found;
  std::size_t i = 0;
  while (i < head.size() && (head[i] == '\n' || head[i] == '\r')) ++i;  // blank lines hold no header
  for (bool field_start = true; i < head.size(); ++i) {
    const char c = head[i];
    if (c == dialect.newline) return found;
    if (c == '"' && field_start) {  // a quoted name: on to its closing quote
      for (const std::size_t open = i++;; ++i) {
        if (i - open > dialect.max_quoted_bytes) return found;  // a stray quote: counted up to it
        if (i >= head.size()) return at_eof ? std::optional(found) : std::nullopt;
        if (head[i] != '"') continue;
        if (i + 1 == head.size() && !at_eof) return std::nullopt;  // a "" pair, or the closing quote?
        if (i + 1 < head.size() && head[i + 1] == '"') {
          ++i;
          continue;
        }
        break;
      }
      field_start = false;
      continue;
    }
    const std::size_t k = index_of(c);
    if (k < kCandidateCount) ++found.count[k];
    field_start = k < kCandidateCount;
  }
  return at_eof ? std::optional(found) : std::nullopt;
}

char detect_delimiter(std::string_view whole_text, const Dialect& dialect) {
  return count_header_delimiters(whole_text, true, dialect)->detected();
}

}  // namespace recon::csv
