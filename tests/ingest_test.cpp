// The streaming readers on tricky inputs: quoting, CRLF, BOM, column order, extra columns, renamed columns,
// NDJSON value types, chunk boundaries, and the fatal set-up errors.
#include "parsers/ingest.hpp"

#include <gtest/gtest.h>
#include <xxhash.h>

#include <filesystem>
#include <fstream>
#include <mutex>

#include "parsers/fatal_error.hpp"
#include "recon/files/file_digest.hpp"
#include "tests/collecting_sink.hpp"

namespace recon {
namespace {
namespace fs = std::filesystem;

using test_support::Collect;

class IngestTest : public ::testing::Test {
 protected:
  fs::path dir = fs::temp_directory_path() / ("recon_ingest_test_" + std::to_string(::getpid()));
  void SetUp() override { fs::create_directories(dir); }
  void TearDown() override { fs::remove_all(dir); }
  std::string file(const std::string& name, const std::string& text) {
    std::ofstream(dir / name, std::ios::binary) << text;
    return (dir / name).string();
  }
  Collect ingest(const std::string& path, const Schema& schema, IngestOptions o = {},
                 IngestResult* res = nullptr) {
    Collect c(schema);
    InputFile f{path, 0, format_from_path(path)};
    IngestResult r = ingest_file(f, schema, c, o);
    EXPECT_EQ(r.rows, c.rows.size() + c.bad.size()) << "rows in = accepted + rejected";
    if (res) *res = r;
    return c;
  }
  // The FatalError's message when reading `path` stops the run, else "".
  std::string fatal_of(const std::string& path, const Schema& schema, std::size_t chunk_bytes = 4u << 20) {
    IngestOptions o;
    o.chunk_bytes = chunk_bytes;
    Collect c(schema);
    try {
      ingest_file({path, 0, format_from_path(path)}, schema, c, o);
    } catch (const FatalError& e) {
      return e.what();
    }
    return "";
  }
};

TEST_F(IngestTest, CsvAnyColumnOrderExtraColumnsBomCrlfAndQuotes) {
  std::string p = file("ref.csv",
                       "\xEF\xBB\xBF"
                       "Extra,CODE_PREFIX,register\r\n"
                       "\"x,y\",E11,DM\r\n"
                       "\"multi\nline\",\"J44\",\"CO\"\"PD\"\r\n");
  IngestResult r;
  Collect c = ingest(p, qof_map_schema(), {}, &r);
  EXPECT_EQ(c.rows, (std::vector<std::string>{"2:CODE_PREFIX=E11|REGISTER=DM|",
                                              "3:CODE_PREFIX=J44|REGISTER=CO\"PD|"}));
  EXPECT_TRUE(c.bad.empty());
  EXPECT_EQ(r.ignored_columns, (std::vector<std::string>{"Extra"}));
}

// With IngestOptions::digest the file's XXH64 comes back, as digest_file (a second read) would take it:
// every byte, the BOM and a record cut across chunks included; without it, none.
TEST_F(IngestTest, TheDigestIsTheWholeFilesXxh64TakenOnTheWay) {
  std::string text =
      "\xEF\xBB\xBF"
      "CODE_PREFIX,REGISTER\r\n";
  for (int i = 0; i < 400; ++i) text += "E" + std::to_string(10 + i % 80) + ",\"D,M\"\r\n";
  const std::string p = file("digest.csv", text);
  for (const std::size_t chunk : {std::size_t{64}, std::size_t{4} << 20}) {
    IngestOptions o;
    o.chunk_bytes = chunk;
    o.digest = true;
    IngestResult r;
    ingest(p, qof_map_schema(), o, &r);
    ASSERT_TRUE(r.xxh64) << chunk;
    EXPECT_EQ(*r.xxh64, XXH64(text.data(), text.size(), 0)) << chunk;
    EXPECT_EQ(*r.xxh64, digest_file(p).xxh64) << chunk;
    EXPECT_EQ(r.bytes, text.size()) << chunk;
  }
  IngestResult plain;
  ingest(p, qof_map_schema(), {}, &plain);
  EXPECT_FALSE(plain.xxh64);
}

TEST_F(IngestTest, MalformedCsvRowsAreRejectedWithLineAndReason) {
  std::string p = file("ref.csv", "CODE_PREFIX,REGISTER\nE11,DM\nE12\n\"bad\"x,DM\nI10,HYP,extra\nN18,CKD\n");
  Collect c = ingest(p, qof_map_schema());
  EXPECT_EQ(c.rows,
            (std::vector<std::string>{"2:CODE_PREFIX=E11|REGISTER=DM|", "6:CODE_PREFIX=N18|REGISTER=CKD|"}));
  EXPECT_EQ(c.bad, (std::vector<std::string>{"3:has 1 fields, header has 2",
                                             "4:unexpected character after closing quote",
                                             "5:has 3 fields, header has 2"}));
}

TEST_F(IngestTest, ColumnMappingRenamesUserColumns) {
  std::string p = file("ref.csv", "Prefix,QOF_Register\nE11,DM\n");
  ColumnMapping m;
  m.add("qof_map", "prefix", "CODE_PREFIX");
  m.add("*", "QOF_REGISTER", "REGISTER");
  IngestOptions o;
  o.mapping = &m;
  Collect c = ingest(p, qof_map_schema(), o);
  EXPECT_EQ(c.rows, (std::vector<std::string>{"2:CODE_PREFIX=E11|REGISTER=DM|"}));
}

TEST_F(IngestTest, MissingRequiredColumnIsFatalAndNamesIt) {
  std::string p = file("ref.csv", "CODE_PREFIX,SOMETHING\nE11,DM\n");
  Collect c(qof_map_schema());
  try {
    ingest_file({p, 0, Format::kCsv}, qof_map_schema(), c, {});
    FAIL() << "expected FatalError";
  } catch (const FatalError& e) {
    EXPECT_NE(std::string(e.what()).find("missing required column(s) REGISTER"), std::string::npos)
        << e.what();
  }
}

TEST_F(IngestTest, MissingFileIsFatal) {
  Collect c(qof_map_schema());
  EXPECT_THROW(ingest_file({(dir / "nope.csv").string(), 0, Format::kCsv}, qof_map_schema(), c, {}),
               FatalError);
}

TEST_F(IngestTest, NdjsonValueTypesUnknownKeysAndBadLines) {
  std::string p = file("ref.ndjson",
                       "{\"code_prefix\":\"E11\",\"REGISTER\":\"DM\",\"other\":{\"a\":[1,2]}}\n"
                       "\n"
                       "{\"CODE_PREFIX\":123,\"REGISTER\":null}\r\n"
                       "{\"CODE_PREFIX\":\"x\\\"y\",\"REGISTER\":\"a\\u00e9\"}\n"
                       "not json\n"
                       "[1,2]\n"
                       "{\"CODE_PREFIX\":[1],\"REGISTER\":\"DM\"}\n"
                       "{\"CODE_PREFIX\":\"N18\",\"REGISTER\":\"CKD\"}");
  Collect c = ingest(p, qof_map_schema());
  EXPECT_EQ(c.rows, (std::vector<std::string>{"1:CODE_PREFIX=E11|REGISTER=DM|", "3:CODE_PREFIX=123|",
                                              "4:CODE_PREFIX=x\"y|REGISTER=a\xC3\xA9|",
                                              "8:CODE_PREFIX=N18|REGISTER=CKD|"}));
  ASSERT_EQ(c.bad.size(), 3u);
  EXPECT_EQ(c.bad[0].substr(0, 15), "5:invalid JSON:");
  EXPECT_EQ(c.bad[1], "6:line is not a JSON object");
  EXPECT_EQ(c.bad[2], "7:field CODE_PREFIX is not a single value");
}

// Keys move from line to line (fields left out, other orders, unknown keys): the per-position key cache
// (more keys at a position than it keeps, so it replaces some) must still map each key to its field, and
// tell apart keys of the same length (MIN_SCORE, MAX_SCORE).
TEST_F(IngestTest, NdjsonKeysThatMoveFromLineToLineEachFindTheirField) {
  std::string text;
  std::vector<std::string> expected;
  for (int i = 0; i < 300; ++i) {
    const std::string unknown = "\"x" + std::to_string(i % 13) + "\":1,";  // 13 keys at position 0
    const std::string hrg = "\"HRG\":\"H" + std::to_string(i) + "\"";
    const std::string min = "\"MIN_SCORE\":\"" + std::to_string(i % 5) + "\"";
    const std::string max = "\"MAX_SCORE\":\"" + std::to_string(10 + i % 7) + "\"";
    switch (i % 4) {
      case 0:
        text += "{" + unknown + hrg + "," + min + "," + max + "}\n";
        break;
      case 1:
        text += "{" + max + "," + unknown + min + "," + hrg + "}\n";
        break;
      case 2:
        text += "{" + hrg + "," + max + "}\n";  // MIN_SCORE left out
        break;
      default:
        text += "{" + unknown + min + "," + max + "," + hrg + "}\n";
    }
    expected.push_back(std::to_string(i + 1) + ":HRG=H" + std::to_string(i) + "|" +
                       (i % 4 == 2 ? "" : "MIN_SCORE=" + std::to_string(i % 5) + "|") +
                       "MAX_SCORE=" + std::to_string(10 + i % 7) + "|");
  }
  Collect c = ingest(file("moving.ndjson", text), hrg_cc_bands_schema());
  EXPECT_TRUE(c.bad.empty());
  EXPECT_EQ(c.rows, expected);
}

// The key cache compares keys of 4-16 bytes as two words that overlap: keys that share their first bytes,
// or their last, and take one position in turn must each still find their own field (or none). Unknown
// keys one byte off a field's name are cached too, so a compare that looked at only one of the two words
// would give a field's value to an unknown key or drop it.
TEST_F(IngestTest, NdjsonKeysThatShareTheirFirstOrLastBytesAreTold) {
  std::string bands, codes;
  std::vector<std::string> bands_expected, codes_expected;
  for (int i = 0; i < 60; ++i) {
    const std::string n = std::to_string(i);
    // 9-byte keys: MIN_SCORX shares MIN_SCORE's first 8 bytes, XIN_SCORE its last 8.
    const char* decoy = i % 3 == 0 ? "MIN_SCORX" : i % 3 == 1 ? "XIN_SCORE" : "MAX_SCORX";
    bands += std::string("{\"") + (i % 2 ? decoy : "MIN_SCORE") + "\":\"" + n + "\",\"HRG\":\"H" + n + "\"," +
             (i % 2 ? "\"MIN_SCORE\":\"7\"," : std::string("\"") + decoy + "\":\"8\",") +
             "\"MAX_SCORE\":\"9\"}\n";
    bands_expected.push_back(std::to_string(i + 1) + ":HRG=H" + n + "|MIN_SCORE=" + (i % 2 ? "7" : n) +
                             "|MAX_SCORE=9|");
    // 7-byte keys: MIN_AGX shares MIN_AGE's first 4 bytes, XIN_AGE its last 4.
    const char* short_decoy = i % 2 == 0 ? "MIN_AGX" : "XIN_AGE";
    codes += std::string("{\"") + (i % 4 < 2 ? short_decoy : "MIN_AGE") + "\":\"" + n + "\",\"CODE\":\"C" +
             n + "\"," + (i % 4 < 2 ? "\"MIN_AGE\":\"5\"" : std::string("\"") + short_decoy + "\":\"6\"") +
             "}\n";
    codes_expected.push_back(std::to_string(i + 1) + ":CODE=C" + n + "|MIN_AGE=" + (i % 4 < 2 ? "5" : n) +
                             "|");
  }
  Collect b = ingest(file("bands.ndjson", bands), hrg_cc_bands_schema());
  EXPECT_TRUE(b.bad.empty());
  EXPECT_EQ(b.rows, bands_expected);
  Collect c = ingest(file("codes.ndjson", codes), icd10_schema());
  EXPECT_TRUE(c.bad.empty());
  EXPECT_EQ(c.rows, codes_expected);
}

TEST_F(IngestTest, NdjsonMissingRequiredKeyInFirstObjectIsFatal) {
  std::string p = file("ref.ndjson", "{\"CODE_PREFIX\":\"E11\"}\n");
  Collect c(qof_map_schema());
  EXPECT_THROW(ingest_file({p, 0, Format::kNdjson}, qof_map_schema(), c, {}), FatalError);
}

// Tiny chunks force records (and quoted newlines) across every possible chunk boundary; the result must be
// identical to a single-chunk parse, whatever the thread count.
TEST_F(IngestTest, ChunkBoundariesAndThreadsDoNotChangeTheResult) {
  std::string text = "CODE_PREFIX,REGISTER\n";
  for (int i = 0; i < 500; ++i) {
    text +=
        (i % 7 == 0) ? "\"E1\n" + std::to_string(i) + "\",\"D,M\"\r\n" : "E" + std::to_string(i) + ",DM\n";
    if (i % 50 == 0) text += "broken\n";
  }
  std::string csv = file("many.csv", text);
  IngestOptions big;
  big.threads = 1;
  Collect expected = ingest(csv, qof_map_schema(), big);
  ASSERT_EQ(expected.rows.size(), 500u);
  ASSERT_EQ(expected.bad.size(), 10u);
  for (std::size_t chunk : {1u, 7u, 64u, 1000u}) {
    for (int threads : {1, 4}) {
      IngestOptions o;
      o.chunk_bytes = chunk;
      o.threads = threads;
      Collect got = ingest(csv, qof_map_schema(), o);
      EXPECT_EQ(got.rows, expected.rows) << "chunk " << chunk << " threads " << threads;
      EXPECT_EQ(got.bad, expected.bad) << "chunk " << chunk << " threads " << threads;
    }
  }
}

TEST_F(IngestTest, StrayQuoteCostsOneRowNotTheRestOfTheFile) {
  std::string text = "CODE_PREFIX,REGISTER\nE11,DM\n\"E12,DM\n";
  for (int i = 0; i < 200; ++i) text += "N" + std::to_string(i) + ",CKD\n";
  std::string p = file("stray.csv", text);
  IngestOptions o;
  o.chunk_bytes = 256;
  o.max_quoted_bytes = 64;
  Collect c = ingest(p, qof_map_schema(), o);
  ASSERT_EQ(c.bad.size(), 1u);
  EXPECT_EQ(c.bad[0].substr(0, 2), "3:");
  EXPECT_NE(c.bad[0].find("stray quote"), std::string::npos) << c.bad[0];
  EXPECT_EQ(c.rows.size(), 201u);
}

}  // namespace
}  // namespace recon

namespace recon {
namespace {

// The header object of an NDJSON file is the first line that holds an object, wherever the first chunk
// ends; a fuzzer found that a tiny chunk skipped the required-column check that a large one made.
TEST_F(IngestTest, NdjsonHeaderObjectIsFoundWhateverTheChunkSize) {
  const std::string p =
      file("ref.ndjson", "{bad\n[1]\n{\"CODE_PREFIX\":\"E11\"}\n{\"CODE_PREFIX\":\"E12\"}\n");
  for (std::size_t chunk : {1u, 3u, 1000u}) {
    const std::string error = fatal_of(p, qof_map_schema(), chunk);
    EXPECT_NE(error.find("REGISTER"), std::string::npos)
        << "chunk " << chunk << ": REGISTER is missing from the first object: " << error;
  }
}

TEST_F(IngestTest, NdjsonFileWithNoObjectAtAllIsFatal) {
  const std::string p = file("ref.ndjson", "CODE_PREFIX,REGISTER\nE11,DM\n");
  const std::string error = fatal_of(p, qof_map_schema());
  EXPECT_NE(error.find("expected NDJSON"), std::string::npos) << error;
}

// The header row is read whole whatever the chunk size, after a BOM and blank lines, and when it is longer
// than a chunk (a fuzzer found a BOM, a blank line and a small chunk that cut the header short).
TEST_F(IngestTest, HeaderIsReadWholeWhateverTheChunkSize) {
  const std::string p = file("ref.csv",
                             "\xEF\xBB\xBF\n\nCODE_PREFIX,\"REG\nISTER\",REGISTER,A_LONG_EXTRA_COLUMN_NAME\n"
                             "E11,x,DM,y\n");
  for (std::size_t chunk : {1u, 2u, 5u, 1000u}) {
    IngestOptions o;
    o.chunk_bytes = chunk;
    IngestResult r;
    Collect c = ingest(p, qof_map_schema(), o, &r);
    EXPECT_EQ(c.rows, (std::vector<std::string>{"5:CODE_PREFIX=E11|REGISTER=DM|"})) << "chunk " << chunk;
    EXPECT_EQ(r.ignored_columns, (std::vector<std::string>{"REG?ISTER", "A_LONG_EXTRA_COLUMN_NAME"}))
        << "chunk " << chunk;
  }
}

// Whether a file is empty is judged by its header record, not by the bytes read so far: a small chunk
// once called "\n\r\r\n\x0f" empty where a large one found a header (found by ingest_csv_fuzzer).
TEST_F(IngestTest, AnEmptyFileIsToldFromItsHeaderWhateverTheChunkSize) {
  const std::string p = file("apc.csv", std::string("\n\r\r\n\x0f", 5));
  const std::string small_chunk = fatal_of(p, apc_schema(), 1);
  EXPECT_NE(small_chunk.find("missing required column"), std::string::npos) << small_chunk;
  EXPECT_EQ(small_chunk, fatal_of(p, apc_schema(), 1u << 20));
  const std::string blank = fatal_of(file("blank.csv", "\n\r\n\n"), apc_schema());
  EXPECT_NE(blank.find("file is empty"), std::string::npos) << blank;
}

}  // namespace
}  // namespace recon
