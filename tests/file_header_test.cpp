// A file's column names read ahead of the ingest (for choosing its layout) are the names the ingest reads:
// BOM, line endings, delimiters, quoting, NDJSON's stand-in header, and files with no header at all.
#include "parsers/file_header.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "parsers/fatal_error.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

class FileHeader : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_file_header_test_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::vector<std::string> names(const std::string& name, const std::string& text, IngestOptions o = {}) {
    std::ofstream(dir / name, std::ios::binary) << text;
    const std::string path = (dir / name).string();
    return read_column_names({path, 0, format_from_path(path)}, o);
  }
  using Names = std::vector<std::string>;
};

TEST_F(FileHeader, CsvHeaderAsTheIngestReadsIt) {
  EXPECT_EQ(names("a.csv", "\xEF\xBB\xBF\n\n EPIKEY ,\"PSEUDO,HESID\",\"A\"\"B\"\r\n1,2,3\r\n"),
            (Names{"EPIKEY", "PSEUDO,HESID", "A\"B"}))
      << "BOM, blank lines, spaces, quotes";
  EXPECT_EQ(names("cr.csv", "A,B\rx,y\r"), (Names{"A", "B"})) << "CR-only line endings";
  EXPECT_EQ(names("one.csv", "A,B"), (Names{"A", "B"})) << "no line end at all";
}

TEST_F(FileHeader, TheDelimiterIsDetectedOrGiven) {
  EXPECT_EQ(names("pipe.txt", "FYEAR|PSEUDO_HESID|EPIKEY\n0102|x|1\n"),
            (Names{"FYEAR", "PSEUDO_HESID", "EPIKEY"}));
  EXPECT_EQ(names("tab.txt", "A\tB\n1\t2\n"), (Names{"A", "B"}));
  IngestOptions comma;
  comma.delimiter = ',';
  EXPECT_EQ(names("forced.txt", "A|B\n1|2\n", comma), (Names{"A|B"})) << "--delimiter comma is obeyed";
}

TEST_F(FileHeader, ALongHeaderIsReadWhole) {
  std::string header;
  for (int i = 0; i < 20000; ++i) header += (i ? "," : "") + std::string("COLUMN_") + std::to_string(i);
  const Names got = names("long.csv", header + "\n1\n");
  ASSERT_EQ(got.size(), 20000u);
  EXPECT_EQ(got.back(), "COLUMN_19999");
}

TEST_F(FileHeader, NdjsonKeysOfTheFirstObject) {
  EXPECT_EQ(names("a.ndjson", "\nnot json\n[1,2]\n{\"APCS_Ident\":1,\" Sex \":\"1\"}\n{\"Other\":2}\n"),
            (Names{"APCS_Ident", "Sex"}));
  EXPECT_EQ(names("none.ndjson", "1\n2\n"), Names{});
}

TEST_F(FileHeader, NoHeaderGivesNoNamesAndAMissingFileIsFatal) {
  EXPECT_EQ(names("empty.csv", ""), Names{});
  EXPECT_EQ(names("blank.csv", "\n\n"), Names{});
  EXPECT_EQ(names("broken.csv", "\"A,B\n"), Names{}) << "a header that cannot be read: the ingest says so";
  EXPECT_THROW(read_column_names({(dir / "absent.csv").string(), 0, Format::kCsv}, {}), FatalError);
}

}  // namespace
}  // namespace recon
