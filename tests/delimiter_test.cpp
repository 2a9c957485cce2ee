// Comma, pipe and tab delimiters: the tokenizer and the cut-finder with each, detection from the header row,
// the error that names the delimiter used, and the recon binary giving the same challenges for the samples
// whichever delimiter they are written with.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "parsers/csv_delimiter.hpp"
#include "parsers/csv_tokenizer.hpp"
#include "parsers/fatal_error.hpp"
#include "parsers/ingest.hpp"
#include "tests/csv_split_check.hpp"
#include "tests/recon_binary.hpp"

namespace recon::csv {
namespace {

Dialect with(char delimiter) {
  Dialect d;
  d.delimiter = delimiter;
  return d;
}

std::vector<check::Row> read(std::string text, char delimiter) {
  return check::tokenize_whole(std::move(text), 1, with(delimiter));
}

using Fields = std::vector<std::string>;

TEST(DelimiterTokenizer, PipeAndTabSplitFieldsAndACommaIsText) {
  auto rows = read("A|B,C|D\n1|2|3\n", '|');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"A", "B,C", "D"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2", "3"}));
  rows = read("A\tB,C|D\r\n1\t\t3\r\n", '\t');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].fields, (Fields{"A", "B,C|D"}));
  EXPECT_EQ(rows[1].fields, (Fields{"1", "", "3"}));
  EXPECT_EQ(rows[1].line, 2u);
}

TEST(DelimiterTokenizer, QuotedFieldsHoldTheDelimiterQuotesAndLineEnds) {
  for (char d : kCandidateDelimiters) {
    const std::string s(1, d);
    auto rows =
        read("\"x" + s + "y\"" + s + "\"say \"\"hi\"\"\"" + s + "\"two\nlines\"\nnext" + s + "row\n", d);
    ASSERT_EQ(rows.size(), 2u) << delimiter_name(d);
    EXPECT_EQ(rows[0].fields, (Fields{"x" + s + "y", "say \"hi\"", "two\nlines"})) << delimiter_name(d);
    EXPECT_EQ(rows[1].fields, (Fields{"next", "row"}));
    EXPECT_EQ(rows[1].line, 3u) << "the quoted line end counts";
    rows = read("a" + s + "b" + s, d);
    EXPECT_EQ(rows[0].fields, (Fields{"a", "b", ""})) << "a trailing delimiter ends with an empty field";
  }
}

TEST(DelimiterTokenizer, OnlyTheDelimiterMayFollowAClosingQuote) {
  auto rows = read("\"a\",b|c\nok|1\n", '|');
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].error, "unexpected character after closing quote");
  EXPECT_EQ(rows[1].fields, (Fields{"ok", "1"}));
  rows = read("\"a\"|b\n", '|');
  EXPECT_TRUE(rows[0].error.empty());
  EXPECT_EQ(rows[0].fields, (Fields{"a", "b"}));
}

TEST(DelimiterFindCut, AQuoteOpensAFieldOnlyAfterTheDelimiter) {
  // With commas the quote opens a field that never closes, so no record is known to be whole; with pipes
  // it is a literal quote inside "a,\"b", and both lines are whole records.
  const std::string text = "a,\"b\nc,d\n";
  EXPECT_EQ(find_cut(text.data(), text.size(), with(',')), 0u);
  EXPECT_EQ(find_cut(text.data(), text.size(), with('|')), text.size());
  EXPECT_EQ(read(text, '|').size(), 2u);
  const std::string piped = "a|\"b\nc\"\nd|\"e\nf";
  EXPECT_EQ(find_cut(piped.data(), piped.size(), with('|')), 8u) << "a line end inside quotes is no cut";
  const std::string tabbed = "a\t\"b\tc\"\t\"d";
  EXPECT_EQ(find_cut(tabbed.data(), tabbed.size(), with('\t')), 0u) << "the last field may go on";
}

// tests/csv_split_check.hpp's property for each delimiter, on random text over the bytes that matter: every
// candidate delimiter (so the other two are plain text), quotes and both line ends.
TEST(DelimiterProperty, ReadingInBlocksGivesTheSameRecordsAsReadingWhole) {
  std::uint64_t x = 0x9E3779B97F4A7C15ull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  const char alphabet[] = {'a', ',', '|', '\t', '"', '"', '\n', '\r'};
  for (int c = 0; c < 3000; ++c) {
    std::string text(next() % 80, ' ');
    for (char& ch : text) ch = alphabet[next() % sizeof alphabet];
    Dialect dialect{c % 3 == 0 ? '\r' : '\n', 1 + next() % 24, kCandidateDelimiters[c % kCandidateCount]};
    const auto whole = check::tokenize_whole(text, 1, dialect);
    for (std::size_t block : {1u, 2u, 3u, 5u, 8u, 13u, 40u})
      ASSERT_EQ(check::tokenize_in_blocks(text, block, dialect), whole)
          << "case " << c << " delimiter " << delimiter_name(dialect.delimiter) << " block " << block;
  }
}

char detected(const std::string& text) { return detect_delimiter(text); }

TEST(DelimiterDetection, TheCandidateThatSplitsTheHeaderIntoTheMostColumns) {
  EXPECT_EQ(detected("A,B,C\n1|2|3|4|5\n"), ',') << "only the header counts";
  EXPECT_EQ(detected("A|B|C\n"), '|');
  EXPECT_EQ(detected("A\tB\tC\r\n"), '\t');
  EXPECT_EQ(detected("A,B|C|D\n"), '|');
  EXPECT_EQ(detected("\n\r\nA|B\n"), '|') << "blank lines before the header";
}

TEST(DelimiterDetection, TiesAndNoCandidateAreComma) {
  EXPECT_EQ(detected("A|B,C\n"), ',');
  EXPECT_EQ(detected("A|B\tC\n"), ',') << "pipe and tab tie";
  EXPECT_EQ(detected("ABC\n"), ',');
  EXPECT_EQ(detected(""), ',');
}

TEST(DelimiterDetection, OnlyDelimitersOutsideQuotesCount) {
  EXPECT_EQ(detected("ID|\"SURNAME, FORENAME, TITLE\"|\"TOWN, COUNTY\"|DOB\n"), '|');
  EXPECT_EQ(detected("\"A, B, C, D, E\"|F|G\n"), '|');
  EXPECT_EQ(detected("\"say \"\"a,b,c\"\"\"|B|C\n"), '|') << "\"\" pairs stay inside the quotes";
  EXPECT_EQ(detected("\"A,\nB,C,D\"|E\nF,G,H,I,J\n"), '|') << "a quoted line end does not end the header";
  EXPECT_EQ(detected("NAME\"S|X,Y,Z\n"), ',') << "a quote inside a name is a character";
}

TEST(DelimiterDetection, AnswersOnlyOnceTheHeaderIsWhole) {
  const Dialect d;
  EXPECT_FALSE(count_header_delimiters("A|B", false, d)) << "the header may go on";
  EXPECT_FALSE(count_header_delimiters("\"A,B\"", false, d)) << "a \"\" pair or the closing quote?";
  EXPECT_EQ(count_header_delimiters("A|B", true, d)->detected(), '|');
  Dialect small;
  small.max_quoted_bytes = 4;
  const auto stray = count_header_delimiters("X|Y|\"ABCDEFG,,,,,,", false, small);
  ASSERT_TRUE(stray) << "a quote open past the limit is a stray one: counting stops there";
  EXPECT_EQ(stray->count_of('|'), 2u);
  EXPECT_EQ(stray->count_of(','), 0u);
}

// Detection must not depend on how much of the file was read when it was asked: any prefix either has no
// answer yet or the whole file's answer.
TEST(DelimiterDetection, APrefixGivesNoAnswerOrTheWholeFilesAnswer) {
  std::uint64_t x = 0x2545F4914F6CDD1Dull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  const char alphabet[] = {'a', ',', '|', '\t', '"', '\n', '\r'};
  for (int c = 0; c < 2000; ++c) {
    std::string text(next() % 40, ' ');
    for (char& ch : text) ch = alphabet[next() % sizeof alphabet];
    Dialect dialect{c % 3 == 0 ? '\r' : '\n', 1 + next() % 12, ','};
    const auto whole = count_header_delimiters(text, true, dialect);
    ASSERT_TRUE(whole);
    for (std::size_t n = 0; n <= text.size(); ++n) {
      const auto part = count_header_delimiters(std::string_view(text).substr(0, n), false, dialect);
      if (!part) continue;
      for (char d : kCandidateDelimiters)
        ASSERT_EQ(part->count_of(d), whole->count_of(d)) << "case " << c << " prefix " << n;
    }
  }
}

TEST(DelimiterMessages, TheHeaderAsReadAndABetterCandidate) {
  HeaderDelimiters pipes;
  pipes.count[1] = 41;
  EXPECT_EQ(
      pipes.describe(',', 1),
      "header read as comma-separated: 1 column; it contains 41 '|': pipe-delimited? use --delimiter pipe");
  EXPECT_EQ(pipes.describe('|', 42), "header read as pipe-delimited: 42 columns");
  HeaderDelimiters tabs;
  tabs.count[2] = 5;
  tabs.count[0] = 1;
  EXPECT_EQ(
      tabs.describe(',', 2),
      "header read as comma-separated: 2 columns; it contains 5 tabs: tab-separated? use --delimiter tab");
}

TEST(DelimiterOption, NamesAndCharacters) {
  EXPECT_EQ(parse_delimiter("comma"), ',');
  EXPECT_EQ(parse_delimiter(","), ',');
  EXPECT_EQ(parse_delimiter("pipe"), '|');
  EXPECT_EQ(parse_delimiter("|"), '|');
  EXPECT_EQ(parse_delimiter("tab"), '\t');
  EXPECT_EQ(parse_delimiter("\t"), '\t');
  EXPECT_EQ(parse_delimiter("\\t"), '\t');
  EXPECT_EQ(parse_delimiter("auto"), kDetectDelimiter);
  EXPECT_FALSE(parse_delimiter(";"));
  EXPECT_FALSE(parse_delimiter("Pipe"));
}

}  // namespace
}  // namespace recon::csv

namespace recon {
namespace {
namespace fs = std::filesystem;
using test_support::read_whole_file;
using test_support::write_whole_file;

// Rows as "line:CODE_PREFIX=..|REGISTER=..", malformed ones as "line:!reason".
class Rows : public RowSink {
 public:
  struct Work : ChunkWork {
    std::vector<std::string> rows;
  };
  std::unique_ptr<ChunkWork> begin_chunk() override { return std::make_unique<Work>(); }
  void row(ChunkWork& w, const FieldRow& r) override {
    static_cast<Work&>(w).rows.push_back(std::to_string(r.pos.line) + ":" + std::string(r[0]) + "|" +
                                         std::string(r[1]));
  }
  void malformed(ChunkWork& w, SourcePos pos, std::string reason) override {
    static_cast<Work&>(w).rows.push_back(std::to_string(pos.line) + ":!" + reason);
  }
  void end_chunk(std::unique_ptr<ChunkWork> w) override {
    auto& rows = static_cast<Work&>(*w).rows;
    seen.insert(seen.end(), rows.begin(), rows.end());
  }
  std::vector<std::string> seen;
};

class DelimiterIngest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_delimiter_test_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string file(const std::string& name, const std::string& text) {
    write_whole_file(dir / name, text);
    return (dir / name).string();
  }
};

TEST_F(DelimiterIngest, APipeFileIsDetectedAndSaidSoWhateverTheChunkSize) {
  const std::string p = file("qof.txt",
                             "EXTRA|CODE_PREFIX|REGISTER\n"
                             "x,y|E11|DM\n"
                             "\"a|\nb\"|J45|\"AST|HMA\"\n");
  for (std::size_t chunk : {1u, 2u, 5u, 1000u}) {
    IngestOptions o;
    o.chunk_bytes = chunk;
    std::vector<std::string> notices;
    o.on_notice = [&](const std::string& line) { notices.push_back(line); };
    Rows rows;
    const IngestResult r = ingest_file({p, 0, Format::kCsv}, qof_map_schema(), rows, o);
    EXPECT_EQ(r.delimiter, '|');
    EXPECT_EQ(rows.seen, (std::vector<std::string>{"2:E11|DM", "3:J45|AST|HMA"})) << "chunk " << chunk;
    EXPECT_EQ(notices, (std::vector<std::string>{p + ": pipe-delimited (detected from the header)"}));
  }
}

TEST_F(DelimiterIngest, ACommaFileIsReadAsBeforeAndSaysNothing) {
  const std::string p = file("qof.csv", "CODE_PREFIX,REGISTER\nE11,DM|X\n");
  IngestOptions o;
  bool told = false;
  o.on_notice = [&](const std::string&) { told = true; };
  Rows rows;
  EXPECT_EQ(ingest_file({p, 0, Format::kCsv}, qof_map_schema(), rows, o).delimiter, ',');
  EXPECT_EQ(rows.seen, (std::vector<std::string>{"2:E11|DM|X"}));
  EXPECT_FALSE(told);
}

TEST_F(DelimiterIngest, AForcedDelimiterIsUsedAsGiven) {
  const std::string p = file("qof.tsv", "CODE_PREFIX\tREGISTER\tNOTE,A,B,C\nE11\tDM\tx\n");
  IngestOptions o;
  o.delimiter = '\t';
  Rows rows;
  EXPECT_EQ(ingest_file({p, 0, Format::kCsv}, qof_map_schema(), rows, o).delimiter, '\t');
  EXPECT_EQ(rows.seen, (std::vector<std::string>{"2:E11|DM"}));
}

std::string fatal_of(const std::string& path, char delimiter) {
  IngestOptions o;
  o.delimiter = delimiter;
  Rows rows;
  try {
    ingest_file({path, 0, Format::kCsv}, qof_map_schema(), rows, o);
  } catch (const FatalError& e) {
    return e.what();
  }
  return "";
}

TEST_F(DelimiterIngest, MissingColumnsNameTheDelimiterUsedAndABetterOne) {
  const std::string p = file("qof.txt", "\nCODE_PREFIX|REGISTER|A|B\nE11|DM|1|2\n");
  EXPECT_EQ(fatal_of(p, ','),
            p + " line 2: missing required column(s) CODE_PREFIX, REGISTER for dataset "
                "'qof_map' (header read as comma-separated: 1 column; it contains 3 '|': "
                "pipe-delimited? use --delimiter pipe; see docs/data_contract.md, or rename "
                "columns with --column-map)");
  const std::string wrong = file("wrong.csv", "CODE,REG,A\tB\nE11,DM,1\t2\n");
  const std::string error = fatal_of(wrong, csv::kDetectDelimiter);
  EXPECT_NE(error.find("(header read as comma-separated: 3 columns; see docs/data_contract.md"),
            std::string::npos)
      << error;
}

// challenges.csv is the same, byte for byte, whichever delimiter the samples are written with.
class DelimiterEndToEnd : public DelimiterIngest {
 protected:
  const std::string samples = std::string(RECON_SOURCE_DIR) + "/samples";
  // A copy of a comma-separated sample with each comma outside quotes replaced (RFC 4180 quoting: a quote
  // toggles, and a "" pair toggles twice).
  std::string convert(const std::string& from, const fs::path& to, char delimiter) {
    std::string text = read_whole_file(from);
    bool quoted = false;
    for (char& c : text) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) c = delimiter;
    }
    write_whole_file(to, text);
    return to.string();
  }
  // `activity`: the three activity files; the practice files and reference tables are passed as given.
  std::string run(const std::string& activity, const std::string& practice_and_reference,
                  const std::string& out, const std::string& extra = "") {
    const test_support::BinaryOutput o = test_support::run_recon_binary(
        "run " + activity + practice_and_reference + " --as-of 2026-06-30 --no-progress --quiet --out " +
        (dir / out).string() + extra);
    EXPECT_EQ(o.status, 0) << o.text;
    return o.text;
  }
  std::string sample_practice() const {
    return " --register " + samples + "/register.csv --referrals " + samples +
           "/referrals.csv --conditions " + samples + "/conditions.csv --reference " + samples + "/reference";
  }
};

TEST_F(DelimiterEndToEnd, PipeAndTabCopiesOfTheSamplesGiveTheSameChallenges) {
  const std::string comma =
      " --apc " + samples + "/apc.csv --op " + samples + "/op.csv --ae " + samples + "/ae.csv";
  run(comma, sample_practice(), "comma");
  const std::string expected = read_whole_file(dir / "comma" / "challenges.csv");
  ASSERT_FALSE(expected.empty());

  // Pipe: activity files detected one by one (each says so); a pipe copy of the reference tables too.
  std::string pipe_activity;
  for (const char* f : {"apc", "op", "ae"})
    pipe_activity += std::string(" --") + f + " " +
                     convert(samples + "/" + f + ".csv", dir / (std::string(f) + ".txt"), '|');
  fs::create_directories(dir / "reference_pipe");
  for (const auto& entry : fs::directory_iterator(samples + "/reference"))
    convert(entry.path().string(), dir / "reference_pipe" / entry.path().filename(), '|');
  const std::string pipe_practice = " --register " + samples + "/register.csv --referrals " + samples +
                                    "/referrals.csv --conditions " + samples +
                                    "/conditions.csv --reference " + (dir / "reference_pipe").string();
  const std::string told = run(pipe_activity, pipe_practice, "pipe");
  EXPECT_EQ(read_whole_file(dir / "pipe" / "challenges.csv"), expected);
  EXPECT_NE(told.find("recon: " + (dir / "apc.txt").string() + ": pipe-delimited (detected from the header)"),
            std::string::npos)
      << told;
  EXPECT_NE(told.find((dir / "reference_pipe" / "tariff_apc.csv").string() + ": pipe-delimited"),
            std::string::npos)
      << told;

  // Tab, forced: activity and practice files all tab-separated, reference tables as they are (detected).
  std::string tab_activity, tab_practice;
  for (const char* f : {"apc", "op", "ae"})
    tab_activity += std::string(" --") + f + " " +
                    convert(samples + "/" + f + ".csv", dir / (std::string(f) + ".tsv"), '\t');
  for (const char* f : {"register", "referrals", "conditions"})
    tab_practice += std::string(" --") + f + " " +
                    convert(samples + "/" + f + ".csv", dir / (std::string(f) + ".tsv"), '\t');
  run(tab_activity, tab_practice + " --reference " + samples + "/reference", "tab", " --delimiter tab");
  EXPECT_EQ(read_whole_file(dir / "tab" / "challenges.csv"), expected);
}

TEST_F(DelimiterEndToEnd, AWrongForcedDelimiterIsOneErrorThatSaysWhichWouldDo) {
  const std::string apc = convert(samples + "/apc.csv", dir / "apc.txt", '|');
  const test_support::BinaryOutput o = test_support::run_recon_binary(
      "run --apc " + apc + " --delimiter comma --no-progress --out " + (dir / "out").string());
  EXPECT_EQ(o.status, 1);
  EXPECT_EQ(std::count(o.text.begin(), o.text.end(), '\n'), 1) << o.text;
  EXPECT_NE(o.text.find(apc + " line 1: missing required column(s) SUSSPELLID"), std::string::npos) << o.text;
  EXPECT_NE(o.text.find("(header read as comma-separated: 1 column; it contains "), std::string::npos)
      << o.text;
  EXPECT_NE(o.text.find("'|': pipe-delimited? use --delimiter pipe"), std::string::npos) << o.text;
  EXPECT_EQ(test_support::run_recon_binary("run --apc " + apc + " --delimiter semicolon --out x").status, 2);
}

}  // namespace
}  // namespace recon
