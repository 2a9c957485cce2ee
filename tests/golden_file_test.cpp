// The .test format of the golden rule tests (tests/rules/README.md): parsing, and the rewriting of one case's
// expect section that update mode does, which must keep every other byte of the file.
#include "tests/golden_file.hpp"

#include <gtest/gtest.h>

namespace recon::golden {
namespace {

const char* const kText =
    "# Header comment.\n"
    "\n"
    "case First\n"
    "option readmit-days 20\n"
    "threads 4\n"
    "\n"
    "input apc\n"
    "ID,NHSNUMBER\n"
    "# Near-miss: a comment, not data.\n"
    "S1,{P1}\n"
    "\\#S2,hash\n"
    "\\\n"
    "\\\\S3\n"
    "\n"
    "input reference/cc_scores\n"
    "CODE,SCORE\n"
    "J18,5\n"
    "\n"
    "expect\n"
    "# Before row one.\n"
    "RULE,S1,one\n"
    "\\@RULE,S2\n"
    "# After the rows.\n"
    "\n"
    "# Between the cases.\n"
    "case Second\n"
    "input op\n"
    "ID\n"
    "O1\n"
    "\n"
    "expect none\n";

TEST(GoldenFile, ParsesCasesSettingsBlocksAndEscapes) {
  const File f = parse(kText);
  ASSERT_EQ(f.cases.size(), 2u);
  const Case& first = f.cases[0];
  EXPECT_EQ(first.name, "First");
  EXPECT_EQ(first.line, 3);
  ASSERT_EQ(first.options.size(), 1u);
  EXPECT_EQ(first.options[0].name, "readmit-days");
  EXPECT_EQ(first.options[0].value, "20");
  EXPECT_EQ(first.options[0].line, 4);
  EXPECT_EQ(first.threads, 4);
  ASSERT_EQ(first.inputs.size(), 2u);
  EXPECT_EQ(first.inputs[0].dataset, "apc");
  EXPECT_EQ(first.inputs[0].csv, "ID,NHSNUMBER\nS1,{P1}\n#S2,hash\n\n\\S3\n");
  EXPECT_EQ(first.inputs[1].dataset, "reference/cc_scores");
  EXPECT_EQ(first.inputs[1].csv, "CODE,SCORE\nJ18,5\n");
  EXPECT_FALSE(first.expect_none);
  EXPECT_EQ(first.expect_line, 19);
  EXPECT_EQ(first.expected, (std::vector<std::string>{"RULE,S1,one", "@RULE,S2"}));

  const Case& second = f.cases[1];
  EXPECT_EQ(second.name, "Second");
  EXPECT_EQ(second.threads, 0);
  EXPECT_TRUE(second.expect_none);
  EXPECT_TRUE(second.expected.empty());
}

TEST(GoldenFile, RepeatCountsItsRowsAcrossTheBlock) {
  const File f = parse(
      "case C\n"
      "input apc\n"
      "ID,NHS\n"
      "@repeat 2 S{i},{P{i%2}},{i%3}\n"
      "X,{i}\n"
      "@repeat 3 T{i}\n"
      "\n"
      "expect none\n");
  EXPECT_EQ(f.cases[0].inputs[0].csv, "ID,NHS\nS1,{P1},1\nS2,{P0},2\nX,{i}\nT3\nT4\nT5\n");
}

TEST(GoldenFile, WritingTheSameRowsBackChangesNoByte) {
  for (const std::string& text : {std::string(kText), std::string(kText) + "\n# trailing\n",
                                  std::string(kText).substr(0, std::string(kText).size() - 1)}) {
    for (const Case& c : parse(text).cases)
      EXPECT_EQ(replace_expected(text, c.name, c.expected), text) << c.name;
  }
}

TEST(GoldenFile, NewRowsReplaceOnlyTheExpectSectionAndItsCommentsStay) {
  // Row one kept with its comment, @RULE,S2 removed, two rows added (one needing an escape).
  const std::string updated = replace_expected(kText, "First", {"RULE,S1,one", "RULE,S3", "#RULE,S4"});
  const std::string expected_text =
      std::string(kText).replace(std::string(kText).find("expect\n# Before"),
                                 std::string("expect\n# Before row one.\nRULE,S1,one\n\\@RULE,S2\n").size(),
                                 "expect\n# Before row one.\nRULE,S1,one\nRULE,S3\n\\#RULE,S4\n");
  EXPECT_EQ(updated, expected_text);
  EXPECT_EQ(parse(updated).cases[0].expected,
            (std::vector<std::string>{"RULE,S1,one", "RULE,S3", "#RULE,S4"}));

  // A removed row's comment stays, before what takes its place.
  const std::string without_one = replace_expected(kText, "First", {"X", "@RULE,S2"});
  EXPECT_NE(without_one.find("expect\n# Before row one.\nX\n\\@RULE,S2\n# After the rows.\n\n"),
            std::string::npos)
      << without_one;
}

TEST(GoldenFile, ExpectNoneAndRowsTurnIntoEachOther) {
  const std::string with_rows = replace_expected(kText, "Second", {"RULE,O1"});
  EXPECT_EQ(with_rows,
            std::string(kText).replace(std::string(kText).rfind("expect none\n"), 12, "expect\nRULE,O1\n"));
  EXPECT_EQ(replace_expected(with_rows, "Second", {}), kText);

  // `expect none` followed directly by another line: the new block gets the empty line that ends it.
  const std::string tight = "case A\nexpect none\n# next\ncase B\nexpect none\n";
  const std::string rewritten = replace_expected(tight, "A", {"R"});
  EXPECT_EQ(rewritten, "case A\nexpect\nR\n\n# next\ncase B\nexpect none\n");
  EXPECT_EQ(parse(rewritten).cases.size(), 2u);

  // An expect block whose rows all go but which holds comments keeps them, as a block with no rows.
  const std::string commented = replace_expected(kText, "First", {});
  EXPECT_NE(commented.find("expect\n# Before row one.\n# After the rows.\n\n"), std::string::npos)
      << commented;
  EXPECT_TRUE(parse(commented).cases[0].expected.empty());
}

int error_line(const std::string& text) {
  try {
    parse(text);
  } catch (const ParseError& e) {
    return e.line();
  }
  return 0;
}

TEST(GoldenFile, ErrorsNameTheirLine) {
  EXPECT_EQ(error_line(""), 1);                                               // no case
  EXPECT_EQ(error_line("# c\ninput apc\nA\n"), 2);                            // before the first case
  EXPECT_EQ(error_line("case A\nexpect none\nfrobnicate\n"), 3);              // unknown directive
  EXPECT_EQ(error_line("case A\nexpect none\ncase A\nexpect none\n"), 3);     // duplicate case
  EXPECT_EQ(error_line("case A-B\nexpect none\n"), 1);                        // case name
  EXPECT_EQ(error_line("case A\ninput apc\nX\n\ncase B\nexpect none\n"), 1);  // A has no expect
  EXPECT_EQ(error_line("case A\nexpect none\nexpect none\n"), 3);             // two expects
  EXPECT_EQ(error_line("case A\nexpect some\n"), 2);
  EXPECT_EQ(error_line("case A\ninput pas\nX\n\nexpect none\n"), 2);  // unknown dataset
  EXPECT_EQ(error_line("case A\ninput reference/Tariff\nX\n\nexpect none\n"), 2);
  EXPECT_EQ(error_line("case A\ninput apc\nX\n\ninput apc\nY\n\nexpect none\n"), 5);  // apc twice
  EXPECT_EQ(error_line("case A\ninput apc\n\nexpect none\n"), 2);                     // empty input block
  EXPECT_EQ(error_line("case A\ninput apc\nX\n  \nexpect none\n"), 4);                // only spaces
  EXPECT_EQ(error_line("case A\nexpect none\n \n"), 3);
  EXPECT_EQ(error_line("case A\r\nexpect none\r\n"), 1);      // CRLF
  EXPECT_EQ(error_line("case A\nexpect\n@repeat 2 R\n"), 3);  // @ only in input blocks
  EXPECT_EQ(error_line("case A\ninput apc\n@repeat x R\n\nexpect none\n"), 3);
  EXPECT_EQ(error_line("case A\ninput apc\n@repeat 2\n\nexpect none\n"), 3);
  EXPECT_EQ(error_line("case A\ninput apc\n@loop 2 R\n\nexpect none\n"), 3);
  EXPECT_EQ(error_line("case A\noption as-of\nexpect none\n"), 2);
  EXPECT_EQ(error_line("case A\nthreads 0\nexpect none\n"), 2);
  EXPECT_EQ(error_line("case A\nthreads 2\nthreads 3\nexpect none\n"), 3);
  EXPECT_EQ(error_line("case A\ninput apc\n\\@repeat 2 R\n\nexpect none\n"), 0);  // escaped: data
}

}  // namespace
}  // namespace recon::golden
