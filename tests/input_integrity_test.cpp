// Nothing lost: every physical record of every input is counted and either accepted or rejected with its
// line, whatever the chunk size, the line endings or the quoting; and no data row is ever printed.
#include <gtest/gtest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "tests/recon_binary.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;
using test_support::read_whole_file;
using test_support::run_recon_binary;
using test_support::write_whole_file;

const std::string kSamples = std::string(RECON_SOURCE_DIR) + "/samples";
const std::string kApcHeader = "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG\n";

class InputIntegrity : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_integrity_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string file(const std::string& name, const std::string& text) {
    write_whole_file(dir / name, text);
    return (dir / name).string();
  }
  test_support::BinaryOutput run_apc(const std::string& apc, const std::string& extra = "") {
    return run_recon_binary("run --apc " + apc + " --as-of 2026-06-30 --no-progress --out " +
                            (dir / "out").string() + " " + extra);
  }
  // "N rows in = A accepted + R rejected" from the terminal summary.
  static std::string counts_line(const std::string& text) {
    std::smatch m;
    return std::regex_search(text, m, std::regex(R"(\d+ rows in = \d+ accepted \+ \d+ rejected)")) ? m.str()
                                                                                                   : "";
  }
};

TEST_F(InputIntegrity, StrayQuoteCostsOneRowAtEveryChunkSize) {
  const std::string apc = file("apc.csv", kApcHeader +
                                              "S1,RTH,9434765919,2025-10-01,2025-10-02,FE20A\n"
                                              "\"S2,RTH,9434765919,2025-10-05,2025-10-06,FE20A\n"
                                              "S3,RTH,9434765919,2025-11-01,2025-11-02,FE20A\n"
                                              "S4,RTH,9434765919,2025-12-01,2025-12-02,FE20A\n");
  for (const char* chunk : {"1", "64"}) {
    const auto out = run_apc(apc, std::string("--chunk-mb ") + chunk);
    ASSERT_EQ(out.status, 0) << out.text;
    EXPECT_EQ(counts_line(out.text), "4 rows in = 3 accepted + 1 rejected") << "chunk " << chunk;
    const std::string rejects = read_whole_file(dir / "out" / "rejects.csv");
    EXPECT_NE(rejects.find(",3,apc,"), std::string::npos) << rejects;
    EXPECT_EQ(rejects.find(",4,apc,"), std::string::npos) << "S3 is read, not rejected";
  }
}

// One quote added to one line of the samples used to turn 3,000 APC rows into 2,082.
TEST_F(InputIntegrity, OneQuoteInTheSamplesCostsOneRow) {
  std::string text = read_whole_file(kSamples + "/apc.csv");
  std::size_t line_start = 0;
  for (int line = 1; line < 100; ++line) line_start = text.find('\n', line_start) + 1;
  text.insert(line_start, "\"");
  const std::string apc = file("apc.csv", text);
  for (const char* chunk : {"1", "64"}) {
    const auto out = run_apc(apc, std::string("--chunk-mb ") + chunk);
    ASSERT_EQ(out.status, 0) << out.text;
    EXPECT_NE(out.text.find("3000 rows in"), std::string::npos) << out.text;
    const std::string rejects = read_whole_file(dir / "out" / "rejects.csv");
    EXPECT_NE(rejects.find(",100,apc,"), std::string::npos) << rejects;
  }
}

// Old Mac "Save as CSV" ends lines with CR alone; such a file used to read as 0 rows in, and the "ignored
// columns" message then printed every data row (NHS numbers, dates of birth) to the terminal.
TEST_F(InputIntegrity, CrOnlyLineEndingsAreReadAndNoDataIsPrinted) {
  std::string text = read_whole_file(kSamples + "/apc.csv");
  std::string crlf = text, cr = text;
  for (std::size_t i = crlf.find('\n'); i != std::string::npos; i = crlf.find('\n', i + 2))
    crlf.replace(i, 1, "\r\n");
  for (char& c : cr)
    if (c == '\n') c = '\r';
  for (const auto& [name, body] : {std::pair{"lf.csv", text}, {"crlf.csv", crlf}, {"cr.csv", cr}}) {
    const auto out = run_apc(file(name, body));
    ASSERT_EQ(out.status, 0) << name << "\n" << out.text;
    EXPECT_NE(out.text.find("3000 rows in = "), std::string::npos) << name << "\n" << out.text;
    EXPECT_FALSE(std::regex_search(out.text, std::regex(R"(\d{10})")))
        << name << ": a 10-digit number printed";
    EXPECT_FALSE(std::regex_search(out.text, std::regex(R"(\d{4}-\d\d-\d\d)"))) << name << ": a date printed";
  }
}

TEST_F(InputIntegrity, AHeaderThatLooksLikeDataIsAnErrorThatQuotesNoneOfIt) {
  const auto out = run_apc(file("apc.csv",
                                "S1,RTH,9434765919,2025-10-01,2025-10-02,FE20A\n"
                                "S2,RTH,9434765919,2025-10-05,2025-10-06,FE20A\n"));
  EXPECT_EQ(out.status, 1) << out.text;
  EXPECT_NE(out.text.find("looks like data"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("9434765919"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find("2025-10-01"), std::string::npos) << out.text;
}

TEST_F(InputIntegrity, IgnoredColumnNamesAreCutAndCleaned) {
  const std::string long_name(300, 'X');
  const auto out =
      run_apc(file("apc.csv", "SUSSPELLID,PROCODE3,NHSNUMBER,ADMIDATE,DISDATE,SUSHRG,Note\x01," + long_name +
                                  "\nS1,RTH,9434765919,2025-10-01,2025-10-02,FE20A,a,b\n"));
  ASSERT_EQ(out.status, 0) << out.text;
  EXPECT_NE(out.text.find("Note?"), std::string::npos) << out.text;
  EXPECT_EQ(out.text.find(long_name), std::string::npos) << "a 300-character name is cut";
  EXPECT_NE(out.text.find(std::string(48, 'X') + "..."), std::string::npos) << out.text;
}

// A reject reason quotes the field it could not read, but never an NHS number, even one in the wrong column.
// (An unreadable optional field such as SUSHRG is blanked, not a reject, so a required one is used here.)
TEST_F(InputIntegrity, RejectReasonsNeverQuoteAnNhsNumber) {
  const auto out =
      run_apc(file("apc.csv", kApcHeader + "S1,9434765919,9434765919,2025-10-01,2025-10-02,FE20A\n"));
  ASSERT_EQ(out.status, 0) << out.text;
  const std::string rejects = read_whole_file(dir / "out" / "rejects.csv");
  EXPECT_NE(rejects.find("PROCODE3 '##########' is longer than 8 characters"), std::string::npos) << rejects;
  EXPECT_EQ(rejects.find("9434765919"), std::string::npos) << rejects;
}

// A broken first NDJSON line was fatal ("missing required column(s)"); it is a reject like any other, and
// the first valid object stands in for the header.
TEST_F(InputIntegrity, MalformedFirstNdjsonLineIsARejectNotFatal) {
  const std::string row =
      R"({"SUSSPELLID":"S%","PROCODE3":"RTH","NHSNUMBER":"9434765919","ADMIDATE":"2025-10-01",)"
      R"("DISDATE":"2025-10-02","SUSHRG":"FE20A"})";
  auto with_id = [&](const std::string& id) { return std::regex_replace(row, std::regex("%"), id); };
  std::string first = with_id("1");
  first.insert(first.size() - 1, ",");  // {"...": "...",}
  const std::string apc = file("apc.ndjson", first + "\n" + with_id("2") + "\n" + with_id("3") + "\n");
  const auto out = run_apc(apc);
  ASSERT_EQ(out.status, 0) << out.text;
  EXPECT_EQ(counts_line(out.text), "3 rows in = 2 accepted + 1 rejected") << out.text;
  EXPECT_NE(read_whole_file(dir / "out" / "rejects.csv").find(",1,apc,\"invalid JSON"), std::string::npos);
}

}  // namespace
}  // namespace recon
