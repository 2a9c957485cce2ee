#include "parsers/csv_tokenizer.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "parsers/count_byte.hpp"
#include "tests/csv_split_check.hpp"

namespace recon::csv {
namespace {

std::vector<Record> tokenize(std::string& text, std::uint64_t first_line = 1) {
  Tokenizer tok(text.data(), text.size(), first_line);
  std::vector<Record> out;
  Record rec;
  while (tok.next(rec)) out.push_back(rec);
  return out;
}

std::vector<std::string> strings(const Record& r) { return {r.fields.begin(), r.fields.end()}; }

TEST(CsvTokenizer, PlainFieldsLfAndCrlf) {
  std::string text = "a,b,c\r\n1,2,3\n";
  auto recs = tokenize(text);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(strings(recs[0]), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(strings(recs[1]), (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_EQ(recs[1].line, 2u);
}

TEST(CsvTokenizer, QuotedFieldsWithCommasQuotesAndNewlines) {
  std::string text = "\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\r\nnext,\"\",end";
  auto recs = tokenize(text, 10);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(strings(recs[0]), (std::vector<std::string>{"x, y", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(recs[0].line, 10u);
  EXPECT_EQ(strings(recs[1]), (std::vector<std::string>{"next", "", "end"}));
  EXPECT_EQ(recs[1].line, 12u) << "the embedded newline counts as a physical line";
}

TEST(CsvTokenizer, EmptyFieldsAndTrailingComma) {
  std::string text = ",a,,\n";
  auto recs = tokenize(text);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(strings(recs[0]), (std::vector<std::string>{"", "a", "", ""}));
}

TEST(CsvTokenizer, BlankLinesAreSkippedButCounted) {
  std::string text = "a\n\n\r\nb\n";
  auto recs = tokenize(text);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[1].line, 4u);
}

TEST(CsvTokenizer, UnterminatedQuoteIsAnError) {
  std::string text = "a,\"never closed";
  auto recs = tokenize(text);
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_EQ(recs[0].error, "unterminated quoted field");
  std::string over_lines = "a,\"never closed\nb\n";
  recs = tokenize(over_lines);
  ASSERT_EQ(recs.size(), 2u) << "the line after the stray quote is read";
  EXPECT_NE(recs[0].error.find("stray quote"), std::string_view::npos);
  EXPECT_EQ(recs[1].line, 2u);
  EXPECT_EQ(strings(recs[1]), (std::vector<std::string>{"b"}));
}

// The example: one stray quote on S2's line used to swallow S3 and S4 (2 rows in, not 4).
TEST(CsvTokenizer, StrayQuoteCostsItsOwnRecordOnly) {
  std::string text =
      "S1,RTH,9434765919,2025-10-01,2025-10-02,FE20A\n"
      "\"S2,RTH,9434765919,2025-10-05,2025-10-06,FE20A\n"
      "S3,RTH,9434765919,2025-11-01,2025-11-02,FE20A\n"
      "S4,RTH,9434765919,2025-12-01,2025-12-02,FE20A\n";
  auto recs = tokenize(text, 2);
  ASSERT_EQ(recs.size(), 4u);
  EXPECT_TRUE(recs[0].error.empty());
  EXPECT_EQ(recs[1].line, 3u);
  EXPECT_FALSE(recs[1].error.empty());
  EXPECT_EQ(recs[2].line, 4u);
  EXPECT_EQ(recs[2].fields[0], "S3");
  EXPECT_EQ(recs[3].line, 5u);
  EXPECT_EQ(recs[3].fields[0], "S4");
}

// A broken record must leave the bytes after it as they were: "" pairs are unescaped only once a record is
// known to be good (an early in-place unescape shifted the next lines and garbled them).
TEST(CsvTokenizer, BrokenRecordWithEscapesLeavesTheNextLinesIntact) {
  std::string text = "\"a\nb\"\",1\nnext,2\n";
  auto recs = tokenize(text);
  ASSERT_EQ(recs.size(), 3u);
  EXPECT_FALSE(recs[0].error.empty());
  EXPECT_EQ(recs[1].line, 2u);
  EXPECT_EQ(strings(recs[1]), (std::vector<std::string>{"b\"\"", "1"}));
  EXPECT_EQ(strings(recs[2]), (std::vector<std::string>{"next", "2"}));
}

TEST(CsvTokenizer, CrOnlyLineEndings) {
  std::string text = "a,b\r\"x\ry\",2\r\rc,3";
  Tokenizer tok(text.data(), text.size(), 1, Dialect{'\r'});
  Record rec;
  ASSERT_TRUE(tok.next(rec));
  EXPECT_EQ(strings(rec), (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(tok.next(rec));
  EXPECT_EQ(strings(rec), (std::vector<std::string>{"x\ry", "2"}));
  EXPECT_EQ(rec.line, 2u);
  ASSERT_TRUE(tok.next(rec));
  EXPECT_EQ(strings(rec), (std::vector<std::string>{"c", "3"}));
  EXPECT_EQ(rec.line, 5u);
  EXPECT_FALSE(tok.next(rec));
}

TEST(CsvTokenizer, LineEndingIsDetectedFromTheFirstLine) {
  EXPECT_EQ(detect_newline("a,b\nc\r", false), '\n');
  EXPECT_EQ(detect_newline("a,b\r\nc", false), '\n');
  EXPECT_EQ(detect_newline("a,b\rc,d\r", false), '\r');
  EXPECT_EQ(detect_newline("a,b\r", false), '\n') << "undecided until the next byte is read";
  EXPECT_EQ(detect_newline("a,b\r", true), '\r');
  EXPECT_EQ(detect_newline("a,b", true), '\n');
}

// Whole versus read in blocks, on random text over the bytes that matter (separators, quotes, both line
// ends) with a small stray-quote limit, in both dialects, for many block sizes. Before the fix a fuzzer
// found counter-examples within a minute; this checks a few thousand cases on every test run.
TEST(CsvProperty, ReadingInBlocksGivesTheSameRecordsAsReadingWhole) {
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  const char alphabet[] = {'a', 'b', ',', '"', '"', '\n', '\r', ' '};
  for (int c = 0; c < 3000; ++c) {
    std::string text(next() % 80, ' ');
    for (char& ch : text) ch = alphabet[next() % sizeof alphabet];
    const Dialect dialect{c % 3 == 0 ? '\r' : '\n', 1 + next() % 24};
    const auto whole = check::tokenize_whole(text, 1, dialect);
    for (std::size_t block : {1u, 2u, 3u, 5u, 8u, 13u, 40u}) {
      ASSERT_EQ(check::tokenize_in_blocks(text, block, dialect), whole)
          << "case " << c << " block " << block << " text [" << text << "]";
    }
  }
}

TEST(CsvTokenizer, TextAfterClosingQuoteIsAnErrorAndResynchronises) {
  std::string text = "\"a\"b,c\nok,1\n";
  auto recs = tokenize(text);
  ASSERT_EQ(recs.size(), 2u);
  EXPECT_EQ(recs[0].error, "unexpected character after closing quote");
  EXPECT_TRUE(recs[1].error.empty());
  EXPECT_EQ(strings(recs[1]), (std::vector<std::string>{"ok", "1"}));
}

TEST(CsvFindCut, CutsAfterLastCompleteRecord) {
  std::string text = "a,b\nc,d\ne,f";
  EXPECT_EQ(find_cut(text.data(), text.size(), 1000), 8u);
}

TEST(CsvFindCut, NewlineInsideQuotesIsNotABoundary) {
  std::string text = "a,\"b\nc\"\nd,\"e\nf";
  EXPECT_EQ(find_cut(text.data(), text.size(), 1000), 8u);
}

TEST(CsvFindCut, NoCompleteRecordGivesZero) {
  std::string text = "a,\"b\nc";
  EXPECT_EQ(find_cut(text.data(), text.size(), 1000), 0u);
}

TEST(CsvFindCut, BrokenQuoteIsCutAfterItsFirstLine) {
  std::string text = "ok\nx,\"stray\nmore\nmore\nmore\n";
  EXPECT_EQ(find_cut(text.data(), text.size(), 8), 27u)
      << "the lines after the stray quote are whole records";
  std::string open_end = "ok\nx,\"stray\nmore\nmo";
  EXPECT_EQ(find_cut(open_end.data(), open_end.size(), 8), 17u);
  EXPECT_EQ(find_cut(open_end.data(), open_end.size(), 100), 3u)
      << "within the limit the quote may still close";
}

}  // namespace
}  // namespace recon::csv

namespace recon {
namespace {

// The read stage's newline count must equal std::count for every length and alignment, including runs of
// more than 255 words (where the byte counters are summed) and buffers full of the byte.
TEST(CountByte, AgreesWithStdCount) {
  std::string text;
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  for (int i = 0; i < 5000; ++i) {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    text.push_back(x % 7 == 0 ? '\n' : static_cast<char>('a' + x % 26));
  }
  for (std::size_t start : {0u, 1u, 3u, 7u})
    for (std::size_t len : {0u, 1u, 7u, 8u, 9u, 63u, 2039u, 2040u, 2041u, 4000u}) {
      const std::string_view s = std::string_view(text).substr(start, len);
      EXPECT_EQ(count_byte(s.data(), s.size(), '\n'),
                static_cast<std::uint64_t>(std::count(s.begin(), s.end(), '\n')))
          << start << "+" << len;
    }
  const std::string all(3000, '\n');
  EXPECT_EQ(count_byte(all.data(), all.size(), '\n'), 3000u);
  EXPECT_EQ(count_byte(all.data(), all.size(), 'x'), 0u);
  const std::string high(100, '\xff');
  EXPECT_EQ(count_byte(high.data(), high.size(), '\xff'), 100u);
}

}  // namespace
}  // namespace recon

namespace recon::csv {
namespace {

// Unquoted fields are scanned eight bytes at a time: fields of every length around the word size, with the
// comma or newline at every offset, must split exactly as a plain split would.
TEST(Tokenizer, UnquotedFieldsOfEveryLengthAroundTheWordSize) {
  std::string text;
  std::vector<std::vector<std::string>> expected;
  std::uint64_t x = 12345;
  for (int r = 0; r < 300; ++r) {
    std::vector<std::string> row;
    const int width = 1 + r % 9;
    for (int f = 0; f < width; ++f) {
      x ^= x << 13, x ^= x >> 7, x ^= x << 17;
      std::string field(x % 20 + (width == 1), static_cast<char>('A' + x % 26));  // no blank lines
      if (!field.empty()) field[field.size() / 2] = '\x80';  // a high byte must not look like a separator
      text += (f ? "," : "") + field;
      row.push_back(field);
    }
    text += '\n';
    expected.push_back(row);
  }
  std::vector<Record> got = tokenize(text);
  ASSERT_EQ(got.size(), expected.size());
  for (std::size_t r = 0; r < got.size(); ++r) {
    ASSERT_EQ(got[r].fields.size(), expected[r].size()) << "row " << r;
    for (std::size_t f = 0; f < got[r].fields.size(); ++f)
      EXPECT_EQ(got[r].fields[f], expected[r][f]) << "row " << r << " field " << f;
    EXPECT_EQ(got[r].line, r + 1);
  }
}

}  // namespace
}  // namespace recon::csv
