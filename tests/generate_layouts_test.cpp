// Tests of `recon generate --layout hes|sus`: the files carry the same records as the contract layout (same
// seed), in the layout's columns and value formats; HES admitted patient care is written as consultant
// episodes that group back into the contract's spells; truth.csv holds the contract's truth less what a
// month-only date of birth hides; and `recon run` detects the layouts and rejects only the planted
// malformed rows.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "recon/cli/generate_command.hpp"
#include "recon/generate/generator.hpp"
#include "tests/recon_binary.hpp"

namespace fs = std::filesystem;
using namespace recon::generate;
using recon::test_support::read_whole_file;
using recon::test_support::run_recon_binary;

namespace {

// A minimal RFC 4180 reader with a chosen delimiter: quoted fields may hold it, doubled quotes and newlines.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t col(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("no column " + name);
    return static_cast<std::size_t>(it - header.begin());
  }
  const std::string& at(std::size_t row, const std::string& name) const { return rows[row].at(col(name)); }
};

Table read_table(const fs::path& path, char delimiter = ',') {
  const std::string text = read_whole_file(path);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter) {
      record.push_back(field);
      field.clear();
    } else if (c == '\n') {
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
    } else {
      field += c;
    }
  }
  Table table;
  if (!records.empty()) {
    table.header = records.front();
    table.rows.assign(records.begin() + 1, records.end());
  }
  return table;
}

std::vector<std::string> lines_of(const fs::path& path) {
  std::vector<std::string> lines;
  std::stringstream in(read_whole_file(path));
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() /
              ("recon_generate_layouts_" + std::to_string(::getpid()) + "_" + name)) {
    fs::remove_all(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

GenerateOptions options(const fs::path& out, OutputLayout layout, std::uint64_t spells = 3000) {
  GenerateOptions o;
  o.out_dir = out;
  o.seed = 7;
  o.apc_rows = spells;
  o.op_rows = 2 * spells;
  o.ae_rows = spells;
  o.patients = spells / 2;
  o.layout = layout;
  return o;
}

// One generated set per layout, shared by the tests (generating is the slow part). Its patients are kept
// few, so that most of them have a last spell near the period's end and the HES set has open spells.
struct Sets {
  TempDir contract{"contract"}, hes{"hes"}, sus{"sus"};
  Sets() {
    run_generator(options(contract.path(), OutputLayout::contract));
    run_generator(options(hes.path(), OutputLayout::hes));
    run_generator(options(sus.path(), OutputLayout::sus));
  }
};

const Sets& sets() {
  static const Sets s;
  return s;
}

// Each row of `table` by its record id (the first of `key`), in file order.
std::map<std::string, std::vector<std::size_t>> rows_by(const Table& table, const std::string& key) {
  std::map<std::string, std::vector<std::size_t>> rows;
  for (std::size_t r = 0; r < table.rows.size(); ++r) rows[table.at(r, key)].push_back(r);
  return rows;
}

std::string month_year(const std::string& iso) { return iso.substr(5, 2) + iso.substr(0, 4); }

std::set<std::string> truth_lines(const fs::path& dir) {
  std::vector<std::string> lines = lines_of(dir / "truth.csv");
  return {lines.begin() + 1, lines.end()};
}

// The ANOMALY kind of a truth line (DATASET,ID,KIND[:detail]).
std::string kind_of(const std::string& line) {
  const std::string anomaly = line.substr(line.find(',', line.find(',') + 1) + 1);
  return anomaly.substr(0, anomaly.find(':'));
}

}  // namespace

TEST(GenerateLayouts, SameSeedGivesByteIdenticalFilesInEveryLayout) {
  for (OutputLayout layout : {OutputLayout::hes, OutputLayout::sus}) {
    TempDir a("same_a"), b("same_b");
    GenerateOptions o = options(a.path(), layout, 1000);
    o.delimiter = '|';
    run_generator(o);
    o.out_dir = b.path();
    run_generator(o);
    for (const char* name : {"apc.csv", "op.csv", "ae.csv", "register.csv", "truth.csv"})
      EXPECT_EQ(read_whole_file(a.path() / name), read_whole_file(b.path() / name)) << name;
    o.seed = 8;
    o.out_dir = b.path();
    run_generator(o);
    EXPECT_NE(read_whole_file(a.path() / "apc.csv"), read_whole_file(b.path() / "apc.csv"));
  }
}

TEST(GenerateLayouts, HesHeadersHoldTheHesColumns) {
  const Table apc = read_table(sets().hes.path() / "apc.csv");
  for (const char* column :
       {"EPIKEY", "SUSSPELLID", "PSEUDO_HESID", "NEWNHSNO", "PROCODE3", "PROCODE5", "MYDOB", "ADMIDATE",
        "EPIORDER", "EPISTART", "EPIEND", "DISDATE", "SUSHRG", "DIAG_4_01", "DIAG_4_20", "OPERTN_4_24"})
    EXPECT_NO_THROW(apc.col(column)) << column;
  EXPECT_THROW(apc.col("NHSNUMBER"), std::runtime_error);
  EXPECT_THROW(apc.col("DOB"), std::runtime_error);
  const Table op = read_table(sets().hes.path() / "op.csv");
  for (const char* column : {"ATTENDKEY", "APPTDATE", "ATTENDED", "FIRSTATT", "OPERTN_4_01"})
    EXPECT_NO_THROW(op.col(column)) << column;
  const Table ae = read_table(sets().hes.path() / "ae.csv");
  for (const char* column : {"AEKEY", "ARRIVALDATE", "AEATTENDCAT"})
    EXPECT_NO_THROW(ae.col(column)) << column;
}

// HES APC: each contract spell is 1..4 episode rows under its SUSSPELLID, in order, chained day to day,
// with the admission on every episode and the discharge on the last only (none on an open spell's).
TEST(GenerateLayouts, HesSpellsAreWrittenAsTheirEpisodes) {
  const Table spells = read_table(sets().contract.path() / "apc.csv");
  const Table episodes = read_table(sets().hes.path() / "apc.csv");
  const auto by_spell = rows_by(episodes, "SUSSPELLID");
  std::set<std::string> open, malformed;
  for (const std::string& line : truth_lines(sets().hes.path())) {
    const std::string id = line.substr(4, line.find(',', 4) - 4);
    if (line.starts_with("apc,") && line.ends_with(",note:open_spell")) open.insert(id);
    if (line.starts_with("apc,") && line.ends_with(",malformed")) malformed.insert(id);
  }
  EXPECT_GE(open.size(), 1u);
  EXPECT_LT(open.size(), spells.rows.size() / 100);

  ASSERT_EQ(by_spell.size(), spells.rows.size());
  std::map<std::size_t, std::size_t> spells_with;  // episode count -> spells
  std::set<std::string> epikeys;
  std::size_t next_row = 0, short_rows = 0;
  for (std::size_t s = 0; s < spells.rows.size(); ++s) {
    const std::string& id = spells.at(s, "SUSSPELLID");
    ASSERT_TRUE(by_spell.count(id)) << id;
    const std::vector<std::size_t>& rows = by_spell.at(id);
    ++spells_with[rows.size()];
    const bool is_open = open.count(id) > 0;
    for (std::size_t k = 0; k < rows.size(); ++k) {
      const std::size_t r = rows[k];
      EXPECT_EQ(r, next_row++) << id << ": episodes of a spell are consecutive rows, in spell order";
      const std::vector<std::string>& row = episodes.rows[r];
      if (row.size() < episodes.header.size()) {
        EXPECT_EQ(rows.size(), 1u) << id << ": a malformed spell is one row";
        ++short_rows;
        continue;
      }
      epikeys.insert(episodes.at(r, "EPIKEY"));
      EXPECT_EQ(episodes.at(r, "EPIORDER"), std::to_string(k + 1)) << id;
      for (const char* same : {"PROCODE3", "ADMIDATE", "ADMIMETH", "ADMISORC", "CLASSPAT", "SUSHRG"})
        EXPECT_EQ(episodes.at(r, same), spells.at(s, same)) << id << ' ' << same;
      EXPECT_EQ(episodes.at(r, "NEWNHSNO"), spells.at(s, "NHSNUMBER")) << id;
      EXPECT_EQ(episodes.at(r, "MYDOB"), month_year(spells.at(s, "DOB"))) << id;
      EXPECT_EQ(episodes.at(r, "PROCODE5").substr(0, 3), spells.at(s, "PROCODE3")) << id;
      EXPECT_EQ(episodes.at(r, "PROCODE5").size(), 5u) << id;
      // (A planted unreadable ADMIDATE is in ADMIDATE only: EPISTART, which recon does not read, is the day.)
      if (k == 0 && !malformed.count(id)) {
        EXPECT_EQ(episodes.at(r, "EPISTART"), spells.at(s, "ADMIDATE")) << id;
      }
      if (k > 0) {
        EXPECT_EQ(episodes.at(r, "EPISTART"), episodes.at(rows[k - 1], "EPIEND")) << id;
      }
      const bool last = k + 1 == rows.size();
      if (!last) {
        EXPECT_EQ(episodes.at(r, "DISDATE"), "") << id;
        EXPECT_EQ(episodes.at(r, "DISMETH"), "8") << id;
      } else if (is_open) {
        EXPECT_EQ(episodes.at(r, "DISDATE"), "") << id;
        EXPECT_EQ(episodes.at(r, "EPIEND"), "") << id;
        EXPECT_EQ(episodes.at(r, "EPISTAT"), "1") << id;
      } else {
        EXPECT_EQ(episodes.at(r, "DISDATE"), spells.at(s, "DISDATE")) << id;
        EXPECT_EQ(episodes.at(r, "EPIEND"), spells.at(s, "DISDATE")) << id;
        EXPECT_EQ(episodes.at(r, "DISMETH"), spells.at(s, "DISMETH")) << id;
      }
      // Every episode has the spell's diagnoses (undotted, as HES writes them).
      std::string dotless = spells.at(s, "DIAG_01");
      dotless.erase(std::remove(dotless.begin(), dotless.end(), '.'), dotless.end());
      EXPECT_EQ(episodes.at(r, "DIAG_4_01"), dotless) << id;
    }
  }
  EXPECT_EQ(next_row, episodes.rows.size());
  EXPECT_GT(spells_with[1], spells.rows.size() / 2);  // most spells have one episode
  EXPECT_GT(spells_with[2], 0u);
  EXPECT_GT(spells_with[3], 0u);
  EXPECT_EQ(spells_with.rbegin()->first, 4u);
  EXPECT_EQ(epikeys.size(), episodes.rows.size() - short_rows);  // every episode has its own EPIKEY
}

TEST(GenerateLayouts, SusRowsCarryTheContractsRecordsInSusFormats) {
  const Table spells = read_table(sets().contract.path() / "apc.csv");
  const Table apcs = read_table(sets().sus.path() / "apc.csv");
  ASSERT_EQ(apcs.rows.size(), spells.rows.size());
  std::size_t with_lists = 0;
  for (std::size_t s = 0; s < spells.rows.size(); ++s) {
    if (apcs.rows[s].size() < apcs.header.size()) continue;  // a planted short row
    EXPECT_EQ(apcs.at(s, "APCS_Ident"), spells.at(s, "SUSSPELLID"));
    EXPECT_EQ(apcs.at(s, "Der_Provider_Code"), spells.at(s, "PROCODE3"));
    EXPECT_EQ(apcs.at(s, "NHS_Number"), spells.at(s, "NHSNUMBER"));
    EXPECT_EQ(apcs.at(s, "Der_Pseudo_NHS_Number").size(), 12u);
    const std::string dob = spells.at(s, "DOB");
    EXPECT_EQ(apcs.at(s, "Year_of_Birth_SUS"), dob.substr(0, 4));
    EXPECT_EQ(apcs.at(s, "Month_of_Birth_SUS"), std::to_string(std::stoi(dob.substr(5, 2))));
    EXPECT_EQ(apcs.at(s, "Discharge_Date"), spells.at(s, "DISDATE") + " 00:00:00.000");
    EXPECT_EQ(apcs.at(s, "Spell_Core_HRG_SUS"), spells.at(s, "SUSHRG"));
    EXPECT_EQ(apcs.at(s, "Tariff_Total_Payment"), spells.at(s, "PRICE"));
    // Der_Diagnosis_All: "||" then every DIAG_nn, undotted, each with its trailing pad.
    std::string expected;
    for (int i = 1; i <= 20; ++i) {
      std::string code = spells.at(s, std::string("DIAG_") + (i < 10 ? "0" : "") + std::to_string(i));
      if (code.empty()) break;
      code.erase(std::remove(code.begin(), code.end(), '.'), code.end());
      expected += (i == 1 ? "||" : ",") + code + ' ';
    }
    EXPECT_EQ(apcs.at(s, "Der_Diagnosis_All"), expected);
    with_lists += expected.find(',') != std::string::npos;
  }
  EXPECT_GT(with_lists, spells.rows.size() / 4);
  // The activity date of a readable row is a SQL Server datetime.
  const Table opa = read_table(sets().sus.path() / "op.csv");
  const Table op = read_table(sets().contract.path() / "op.csv");
  ASSERT_EQ(opa.rows.size(), op.rows.size());
  EXPECT_EQ(opa.at(0, "Appointment_Date"), op.at(0, "APPTDATE") + " 00:00:00.000");
  EXPECT_EQ(opa.at(0, "OPA_Ident"), op.at(0, "ATTENDKEY"));
}

// The same seed plants the same anomalies in every layout: truth.csv is the contract's, less the anomalies
// a date of birth known to the month cannot show, plus the HES open spells.
TEST(GenerateLayouts, TruthIsTheContractsLessWhatTheMonthOfBirthHides) {
  const std::set<std::string> contract = truth_lines(sets().contract.path());
  for (const TempDir* dir : {&sets().hes, &sets().sus}) {
    const std::set<std::string> layout = truth_lines(dir->path());
    std::map<std::string, std::size_t> hidden;
    for (const std::string& line : contract)
      if (!layout.count(line)) ++hidden[kind_of(line)];
    for (const std::string& line : layout) {
      if (!contract.count(line)) {
        EXPECT_TRUE(line.ends_with(",note:open_spell")) << line;
      }
    }
    for (const auto& [kind, count] : hidden) {
      EXPECT_TRUE(kind == "dob_mismatch" || kind == "activity_before_birth" ||
                  kind == "age_impossible_code" || kind == "readmission_after")
          << kind << " x" << count;
    }
    EXPECT_GT(hidden["dob_mismatch"], 0u);  // most are a few days out, within the month
  }
}

// recon itself reads the generated files: each activity file detected in its layout, and only the planted
// malformed rows rejected.
TEST(GenerateLayouts, ReconDetectsTheLayoutsAndRejectsOnlyThePlantedMalformedRows) {
  struct Case {
    OutputLayout layout;
    char delimiter;
    std::string name;
  };
  for (const Case& c : {Case{OutputLayout::hes, ',', "hes"}, Case{OutputLayout::hes, '|', "hes"},
                        Case{OutputLayout::sus, ',', "sus"}}) {
    TempDir dir("run_" + c.name);
    GenerateOptions o = options(dir.path(), c.layout, 1500);
    o.delimiter = c.delimiter;
    run_generator(o);
    const fs::path d = dir.path();
    const auto out =
        run_recon_binary("run --apc " + (d / "apc.csv").string() + " --op " + (d / "op.csv").string() +
                         " --ae " + (d / "ae.csv").string() + " --register " + (d / "register.csv").string() +
                         " --referrals " + (d / "referrals.csv").string() + " --conditions " +
                         (d / "conditions.csv").string() + " --reference " + (d / "reference").string() +
                         " --as-of 2026-06-30 --no-progress --out " + (d / "out").string());
    ASSERT_EQ(out.status, 0) << out.text;
    for (const char* file : {"apc.csv", "op.csv", "ae.csv"}) {
      EXPECT_NE(out.text.find((d / file).string() + ": read in the " + c.name +
                              " layout (detected from its header)"),
                std::string::npos)
          << out.text;
    }
    std::map<std::string, std::size_t> malformed, rejected;
    for (const std::string& line : truth_lines(d))
      if (kind_of(line).starts_with("malformed")) ++malformed[line.substr(0, line.find(','))];
    const Table rejects = read_table(d / "out" / "rejects.csv");
    for (std::size_t i = 0; i < rejects.rows.size(); ++i) {
      const std::string& reason = rejects.at(i, "REASON");
      // A planted malformed row: too few fields, or an activity date that is no date.
      EXPECT_TRUE(reason.find("fields") != std::string::npos || reason.find("DATE") != std::string::npos)
          << reason;
      EXPECT_EQ(reason.find("DOB"), std::string::npos) << reason;
      ++rejected[rejects.at(i, "DATASET")];
    }
    EXPECT_EQ(rejected, malformed) << c.name << " delimiter " << c.delimiter;
  }
}

TEST(GenerateLayouts, CommandTakesLayoutAndDelimiter) {
  TempDir dir("command");
  const std::string out = dir.path().string();
  auto run = [](std::vector<const char*> args) {
    return recon::generate_command(static_cast<int>(args.size()), args.data());
  };
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--layout", "cds"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--delimiter", "tab"}), 2);
  EXPECT_EQ(
      run({"generate", "--out", out.c_str(), "--apc-rows", "300", "--layout", "hes", "--delimiter", "pipe"}),
      0);
  const std::string said = testing::internal::GetCapturedStdout();
  testing::internal::GetCapturedStderr();
  EXPECT_NE(said.find("(300 spells)"), std::string::npos) << said;
  EXPECT_EQ(lines_of(dir.path() / "apc.csv").front().substr(0, 18), "EPIKEY|SUSSPELLID|");
  EXPECT_EQ(lines_of(dir.path() / "register.csv").front(), "NHSNUMBER|GPPRAC|DOB|SEX|REGDATE|DEREGDATE|DOD");
  EXPECT_EQ(lines_of(dir.path() / "truth.csv").front(), "DATASET,RECORD_ID,ANOMALY");
}
