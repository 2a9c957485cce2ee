#pragma once
// Which delimiter a CSV file uses: comma, pipe (the national HES delivery) or tab (some warehouse exports).
//
// Detected from the header row, per file: each candidate (',', '|', tab) is counted in the file's first
// record outside quotes, and the one that splits it into the most columns (occurs most often) wins. A tie
// for the most, or a header with none of them, is read as comma-separated. Quotes are those of the CSV
// rules, whichever candidate it turns out to be: a quote at the start of the record or just after any
// candidate opens a quoted name, "" inside it is a quote, and the next lone quote closes it; so a pipe file
// whose column names hold quoted commas is still a pipe file. The record ends at the first line end outside
// quotes (blank lines before it are skipped); a quote still open after `max_quoted_bytes` is a stray one,
// and counting stops there. The user can force the delimiter (`recon run --delimiter`).
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "parsers/csv_tokenizer.hpp"

namespace recon::csv {

inline constexpr char kCandidateDelimiters[] = {',', '|', '\t'};
inline constexpr std::size_t kCandidateCount = sizeof kCandidateDelimiters;
// As a delimiter option: no delimiter given, detect it from each file's header.
inline constexpr char kDetectDelimiter = '\0';

// "comma", "pipe", "tab": the name --delimiter takes.
std::string_view delimiter_name(char delimiter);
// "comma-separated", "pipe-delimited", "tab-separated": what a file is, in messages.
std::string_view delimited_file_kind(char delimiter);
// --delimiter's value: comma, pipe, tab or auto (kDetectDelimiter), or the character itself: `,`, `|`, a
// tab, or `\t` as typed; nullopt for anything else.
std::optional<char> parse_delimiter(std::string_view text);

// How often each candidate occurs, outside quotes, in a file's header row.
struct HeaderDelimiters {
  std::size_t count[kCandidateCount] = {};  // by position in kCandidateDelimiters

  std::size_t count_of(char delimiter) const;
  // The delimiter the header says (the rule at the top of this file).
  char detected() const;
  // For a message about a header that `used` split into `columns`: "header read as comma-separated: 1
  // column", and if another candidate would split it into more, "; it contains 41 '|': pipe-delimited? use
  // --delimiter pipe". Counts and delimiters only, never a column name (a data row may stand where the
  // header should be).
  std::string describe(char used, std::size_t columns) const;
};

// Counts the candidates in the header row at the start of `head` (a file's first bytes, BOM removed, line
// ending known). nullopt while the row may go on past `head`: read more and ask again. At the end of the file
// (`at_eof`: `head` is all of it) there is always an answer, so what is detected never depends on how much
// was read before asking.
std::optional<HeaderDelimiters> count_header_delimiters(std::string_view head, bool at_eof,
                                                        const Dialect& dialect);

// The delimiter of a CSV text held whole in memory (a small file such as the column-mapping file).
char detect_delimiter(std::string_view whole_text, const Dialect& dialect = {});

}  // namespace recon::csv
