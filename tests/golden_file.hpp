#pragma once
// The golden rule test format (tests/rules/README.md): a .test file parsed into cases, and the expected rows
// of one case rewritten while every other byte of the file is kept. This file knows nothing of rules or NHS
// numbers: inputs and rows are the text as written, placeholders such as {P1} not expanded.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace recon::golden {

struct Setting {  // option NAME VALUE
  std::string name, value;
  int line = 0;
};

struct Input {  // input DATASET, then the CSV text of the file (header row included, '\n' after each line)
  std::string dataset;  // apc, op, ae, register, referrals, conditions, invoice or reference/<table>
  std::string csv;
  int line = 0;
};

struct Case {
  std::string name;
  int line = 0;  // line numbers are 1-based
  std::vector<Setting> options;
  int threads = 0;  // 0: the harness's default
  int threads_line = 0;
  std::vector<Input> inputs;
  bool expect_none = false;                      // `expect none`
  std::vector<std::string> expected;             // the expected rows, one per line, escapes removed
  std::vector<std::string> expected_as_written;  // the same lines as written in the file
  int expect_line = 0;                           // the line of `expect`
  // Where the expect section lies, for rewriting it: lines [expect_begin, expect_end), 0-based, from the
  // `expect` line to the last line of its block; and the comment lines of the block as written, those before
  // expected row i in comments[i] and those after the last row in comments.back().
  std::size_t expect_begin = 0, expect_end = 0;
  std::vector<std::vector<std::string>> comments;
};

struct File {
  std::vector<Case> cases;
};

class ParseError : public std::runtime_error {
 public:
  ParseError(int line, const std::string& message)
      : std::runtime_error("line " + std::to_string(line) + ": " + message), line_(line) {}
  int line() const { return line_; }

 private:
  int line_;
};

// The cases of a .test file; throws ParseError on anything the format does not allow.
File parse(std::string_view text);

// `text` with the expected rows of case `case_name` replaced by `rows` (as they are to be written, e.g. with
// placeholders): the rest of the file, and the comments of the expect block, kept byte for byte. A comment
// stays before the row it preceded if that row is kept, else before whatever now takes its place.
std::string replace_expected(std::string_view text, std::string_view case_name,
                             const std::vector<std::string>& rows);

}  // namespace recon::golden
