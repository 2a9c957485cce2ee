// Tests of `recon generate`: determinism, requested sizes, contract columns, and that truth.csv is exact:
// the rules are re-derived here independently from the written files and must find precisely the
// planted anomalies.
#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "recon/cli/generate_command.hpp"
#include "recon/generate/civil_date.hpp"
#include "recon/generate/generator.hpp"
#include "recon/generate/nhs_number.hpp"

namespace fs = std::filesystem;
using namespace recon::generate;

namespace {

std::string slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A minimal RFC 4180 reader: quoted fields may hold commas, doubled quotes and newlines.
struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::size_t col(const std::string& name) const {
    const auto it = std::find(header.begin(), header.end(), name);
    if (it == header.end()) throw std::runtime_error("no column " + name);
    return static_cast<std::size_t>(it - header.begin());
  }
};

Table read_csv(const fs::path& path) {
  const std::string text = slurp(path);
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false;
  bool any = false;
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
      continue;
    }
    any = true;
    if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      record.push_back(field);
      field.clear();
    } else if (c == '\n') {
      record.push_back(field);
      records.push_back(record);
      record.clear();
      field.clear();
      any = false;
    } else if (c != '\r') {
      field += c;
    }
  }
  if (any) {
    record.push_back(field);
    records.push_back(record);
  }
  Table table;
  if (!records.empty()) {
    table.header = records.front();
    table.rows.assign(records.begin() + 1, records.end());
  }
  return table;
}

class TempDir {
 public:
  explicit TempDir(const std::string& name)
      : path_(fs::temp_directory_path() /
              ("recon_generate_test_" + std::to_string(::getpid()) + "_" + name)) {
    fs::remove_all(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

GenerateOptions small_options(const fs::path& out, std::uint64_t seed = 7) {
  GenerateOptions o;
  o.out_dir = out;
  o.seed = seed;
  o.apc_rows = 3000;
  o.op_rows = 6000;
  o.ae_rows = 3000;
  o.patients = 1500;
  return o;
}

// truth.csv as (dataset, record id) -> anomaly texts.
std::map<std::pair<std::string, std::string>, std::set<std::string>> read_truth(const fs::path& dir) {
  std::map<std::pair<std::string, std::string>, std::set<std::string>> truth;
  const Table t = read_csv(dir / "truth.csv");
  for (const auto& row : t.rows) truth[{row[0], row[1]}].insert(row[2]);
  return truth;
}

bool has_kind(const std::set<std::string>& anomalies, const std::string& kind) {
  for (const auto& a : anomalies) {
    if (a == kind || a.rfind(kind + ":", 0) == 0) return true;
  }
  return false;
}

Day day_of(const std::string& text) {
  const auto day = parse_iso_date(text);
  if (!day) throw std::runtime_error("bad date " + text);
  return *day;
}

std::string strip_dot(std::string code) {
  code.erase(std::remove(code.begin(), code.end(), '.'), code.end());
  return code;
}

// The project headers a source file includes, as "path" (quoted) or <path> (angle brackets, only when the
// path names a file of this repository, i.e. a project header reached through the include path).
std::vector<std::string> project_includes(const fs::path& file) {
  std::vector<std::string> found;
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    std::size_t at = line.find_first_not_of(" \t");
    if (at == std::string::npos || line[at] != '#') continue;
    at = line.find_first_not_of(" \t", at + 1);
    if (at == std::string::npos || line.compare(at, 7, "include") != 0) continue;
    at = line.find_first_of("\"<", at + 7);
    if (at == std::string::npos) continue;
    const char close = line[at] == '"' ? '"' : '>';
    const std::size_t end = line.find(close, at + 1);
    if (end == std::string::npos) continue;
    const std::string path = line.substr(at + 1, end - at - 1);
    if (close == '"' || fs::exists(fs::path(RECON_SOURCE_DIR) / path)) found.push_back(path);
  }
  return found;
}

// What the independent generator may include of the project (see recon/generate/generator.hpp).
bool generator_may_include(const std::string& path) {
  return path.rfind("recon/generate/", 0) == 0 || path == "core/dataset.hpp";
}

}  // namespace

TEST(GeneratorNhsNumber, Modulus11) {
  EXPECT_TRUE(is_valid_nhs_number("9434765919"));   // the NHS's published example
  EXPECT_FALSE(is_valid_nhs_number("9434765918"));  // wrong check digit
  EXPECT_FALSE(is_valid_nhs_number("943476591"));   // too short
  EXPECT_FALSE(is_valid_nhs_number("94347659A9"));
  // Every same-digit number passes Modulus 11 yet is not a real NHS number.
  EXPECT_EQ(nhs_check_digit(444444444), 4);
  EXPECT_FALSE(is_valid_nhs_number("4444444444"));
  EXPECT_EQ(nhs_check_digit(400001000), 10);  // a body that has no valid number
}

TEST(GeneratorNhsNumber, AllocatorGivesDistinctValidNumbers) {
  NhsNumberAllocator numbers(3);
  std::set<std::uint64_t> seen;
  for (int i = 0; i < 20000; ++i) {
    const std::uint64_t n = numbers.next();
    ASSERT_TRUE(is_valid_nhs_number(format_nhs_number(n).view())) << n;
    ASSERT_TRUE(seen.insert(n).second) << "duplicate " << n;
  }
}

TEST(GeneratorCivilDate, RoundTripAndStrictParse) {
  for (Day d = days_from_civil(1900, 1, 1); d < days_from_civil(2101, 1, 5); d += 17) {
    char text[10];
    format_iso_date(text, d);
    ASSERT_EQ(parse_iso_date(std::string_view(text, 10)), d);
  }
  EXPECT_FALSE(parse_iso_date("2025-02-30"));
  EXPECT_FALSE(parse_iso_date("2025-13-01"));
  EXPECT_TRUE(parse_iso_date("2024-02-29"));
  EXPECT_EQ(age_in_years(days_from_civil(2000, 6, 15), days_from_civil(2025, 6, 14)), 24);
  EXPECT_EQ(age_in_years(days_from_civil(2000, 6, 15), days_from_civil(2025, 6, 15)), 25);
}

TEST(Generate, SameSeedGivesByteIdenticalFiles) {
  TempDir a("same_a"), b("same_b");
  run_generator(small_options(a.path()));
  run_generator(small_options(b.path()));
  std::size_t files = 0;
  for (const auto& entry : fs::recursive_directory_iterator(a.path())) {
    if (!entry.is_regular_file()) continue;
    const fs::path other = b.path() / fs::relative(entry.path(), a.path());
    ASSERT_TRUE(fs::exists(other)) << other;
    EXPECT_EQ(slurp(entry.path()), slurp(other)) << entry.path();
    ++files;
  }
  EXPECT_EQ(files, 16u);  // 6 activity/practice files, truth.csv, 9 reference files
}

TEST(Generate, DifferentSeedGivesDifferentData) {
  TempDir a("seed_a"), b("seed_b");
  run_generator(small_options(a.path(), 1));
  run_generator(small_options(b.path(), 2));
  EXPECT_NE(slurp(a.path() / "apc.csv"), slurp(b.path() / "apc.csv"));
  EXPECT_EQ(slurp(a.path() / "reference" / "tariff_apc.csv"),
            slurp(b.path() / "reference" / "tariff_apc.csv"));
}

TEST(Generate, RowCountsAsRequested) {
  TempDir dir("counts");
  GenerateOptions o = small_options(dir.path());
  o.apc_rows = 1234;
  o.op_rows = 2345;
  o.ae_rows = 777;
  o.patients = 600;
  const GenerateSummary s = run_generator(o);
  EXPECT_EQ(s.apc_rows, 1234u);
  EXPECT_EQ(s.op_rows, 2345u);
  EXPECT_EQ(s.ae_rows, 777u);
  // Records, not lines: valid quoted newlines make some records span two lines.
  EXPECT_EQ(read_csv(dir.path() / "apc.csv").rows.size(), 1234u);
  EXPECT_EQ(read_csv(dir.path() / "op.csv").rows.size(), 2345u);
  EXPECT_EQ(read_csv(dir.path() / "ae.csv").rows.size(), 777u);
  const Table reg = read_csv(dir.path() / "register.csv");
  std::set<std::string> patients;
  for (const auto& row : reg.rows) patients.insert(row[reg.col("NHSNUMBER")]);
  EXPECT_EQ(patients.size(), 600u);
}

TEST(Generate, NdjsonHasOneObjectPerRow) {
  TempDir dir("ndjson");
  GenerateOptions o = small_options(dir.path());
  o.format = OutputFormat::ndjson;
  run_generator(o);
  const auto truth = read_truth(dir.path());
  for (const char* name : {"apc", "op", "ae"}) {
    std::ifstream in(dir.path() / (std::string(name) + ".ndjson"));
    std::string line;
    std::uint64_t lines = 0;
    while (std::getline(in, line)) {
      ++lines;
      ASSERT_EQ(line.front(), '{');
      if (line.back() != '}') {
        // Only the planted truncated objects are unterminated; their id is the first value.
        const auto start = line.find(":\"") + 2;
        const std::string id = line.substr(start, line.find('"', start) - start);
        EXPECT_TRUE(truth.count({name, id}) && truth.at({name, id}).count("malformed")) << line;
      }
      EXPECT_EQ(line.find("\"\""), std::string::npos) << "empty values are omitted: " << line;
    }
    EXPECT_EQ(lines, std::string(name) == "op" ? 6000u : 3000u);
  }
  EXPECT_TRUE(fs::exists(dir.path() / "register.ndjson"));
  EXPECT_TRUE(fs::exists(dir.path() / "reference" / "calendar.csv"));  // reference files stay CSV
}

TEST(Generate, HeadersHoldTheContractColumns) {
  TempDir dir("headers");
  run_generator(small_options(dir.path()));
  const std::map<std::string, std::vector<std::string>> contains = {
      {"apc.csv", {"SUSSPELLID", "PROCODE3", "NHSNUMBER", "DOB",       "SEX",      "GPPRAC",   "ADMIDATE",
                   "DISDATE",    "ADMIMETH", "ADMISORC",  "DISMETH",   "CLASSPAT", "TRETSPEF", "SUSHRG",
                   "DIAG_01",    "DIAG_20",  "OPERTN_01", "OPERTN_24", "SUBDATE",  "PRICE"}},
      {"op.csv",
       {"ATTENDKEY", "PROCODE3", "NHSNUMBER", "DOB", "SEX", "GPPRAC", "APPTDATE", "ATTENDED", "FIRSTATT",
        "REFSOURC", "TRETSPEF", "SUSHRG", "OPERTN_01", "OPERTN_24", "SUBDATE", "PRICE"}},
      {"ae.csv",
       {"AEKEY", "PROCODE3", "NHSNUMBER", "DOB", "SEX", "GPPRAC", "ARRIVALDATE", "AEATTENDCAT",
        "AEATTENDDISP", "SUSHRG", "SUBDATE", "PRICE"}},
  };
  for (const auto& [file, columns] : contains) {
    const Table t = read_csv(dir.path() / file);
    for (const auto& c : columns) EXPECT_NO_THROW(t.col(c)) << file << " lacks " << c;
  }
  const std::map<std::string, std::vector<std::string>> exact = {
      {"register.csv", {"NHSNUMBER", "GPPRAC", "DOB", "SEX", "REGDATE", "DEREGDATE", "DOD"}},
      {"referrals.csv", {"NHSNUMBER", "GPPRAC", "REFDATE", "PROCODE3", "TRETSPEF"}},
      {"conditions.csv", {"NHSNUMBER", "GPPRAC", "REGISTER", "FROMDATE"}},
      {"truth.csv", {"DATASET", "RECORD_ID", "ANOMALY"}},
      {"reference/tariff_apc.csv",
       {"HRG", "NAME", "DAYCASE", "ELECTIVE", "NONELECTIVE", "EL_TRIM", "NEL_TRIM", "EXCESS_BED_DAY",
        "SSEM"}},
      {"reference/tariff_op.csv", {"TRETSPEF", "FIRST", "FOLLOWUP"}},
      {"reference/tariff_ae.csv", {"HRG", "PRICE"}},
      {"reference/icd10.csv", {"CODE", "SEX", "MIN_AGE", "MAX_AGE", "PRIMARY_OK", "CHAPTER"}},
      {"reference/opcs4.csv", {"CODE", "SEX"}},
      {"reference/cc_scores.csv", {"CODE", "SCORE"}},
      {"reference/hrg_cc_bands.csv", {"HRG", "MIN_SCORE", "MAX_SCORE"}},
      {"reference/qof_map.csv", {"CODE_PREFIX", "REGISTER"}},
      {"reference/calendar.csv", {"ACTIVITY_MONTH", "INCLUSION_DATE", "POST_RECONCILIATION_DATE"}},
  };
  for (const auto& [file, columns] : exact) EXPECT_EQ(read_csv(dir.path() / file).header, columns) << file;
}

TEST(Generate, NhsNumbersValidExceptPlanted) {
  TempDir dir("nhs");
  run_generator(small_options(dir.path()));
  const auto truth = read_truth(dir.path());
  std::size_t planted = 0;
  for (const auto& [name, id_col] : std::vector<std::pair<std::string, std::string>>{
           {"apc", "SUSSPELLID"}, {"op", "ATTENDKEY"}, {"ae", "AEKEY"}}) {
    const Table t = read_csv(dir.path() / (name + ".csv"));
    for (const auto& row : t.rows) {
      if (row.size() <= t.col("NHSNUMBER")) continue;
      const std::string& id = row[t.col(id_col)];
      const auto it = truth.find({name, id});
      const bool invalid_planted = it != truth.end() && has_kind(it->second, "invalid_nhs_number");
      EXPECT_EQ(is_valid_nhs_number(row[t.col("NHSNUMBER")]), !invalid_planted) << name << " " << id;
      planted += invalid_planted;
    }
  }
  EXPECT_GT(planted, 0u);
  const Table reg = read_csv(dir.path() / "register.csv");
  for (const auto& row : reg.rows) EXPECT_TRUE(is_valid_nhs_number(row[0])) << row[0];
}

TEST(Generate, CleanWhenAnomalyRateIsZero) {
  TempDir dir("clean");
  GenerateOptions o = small_options(dir.path());
  o.anomaly_rate = 0;
  run_generator(o);
  EXPECT_EQ(read_csv(dir.path() / "truth.csv").rows.size(), 0u);
  for (const char* name : {"apc.csv", "op.csv", "ae.csv"}) {
    const Table t = read_csv(dir.path() / name);
    for (const auto& row : t.rows) ASSERT_EQ(row.size(), t.header.size()) << name;
    for (const auto& row : t.rows) EXPECT_TRUE(is_valid_nhs_number(row[t.col("NHSNUMBER")]));
  }
}

TEST(Generate, EveryAnomalyKindIsPlanted) {
  TempDir dir("kinds");
  GenerateOptions o = small_options(dir.path());
  o.apc_rows = 20000;
  o.op_rows = 40000;
  o.ae_rows = 20000;
  o.patients = 10000;
  run_generator(o);
  std::map<std::string, std::set<std::string>> kinds;  // dataset -> kinds
  for (const auto& [key, anomalies] : read_truth(dir.path())) {
    for (const auto& a : anomalies) kinds[key.first].insert(a.substr(0, a.find(':')));
  }
  const std::map<std::string, std::vector<std::string>> expected = {
      {"apc",
       {"duplicate_of",
        "overlaps",
        "split_spell",
        "readmission_after",
        "invalid_nhs_number",
        "invalid_icd10",
        "sex_impossible_code",
        "age_impossible_code",
        "primary_not_allowed",
        "hrg_not_in_tariff",
        "discharge_before_admission",
        "late_submission",
        "late_inclusion",
        "not_registered",
        "activity_after_death",
        "dob_mismatch",
        "sex_mismatch",
        "no_referral",
        "cc_split_unsupported",
        "upcoded",
        "upcoding_provider",
        "cc_register_missing",
        "malformed",
        "note"}},
      {"op",
       {"duplicate_of", "repeat_first_attendance", "invalid_nhs_number", "sex_impossible_code",
        "late_submission", "late_inclusion", "not_registered", "activity_before_birth",
        "activity_after_death", "dob_mismatch", "sex_mismatch", "no_referral", "charged_not_attended",
        "private_patient", "out_of_scope", "malformed"}},
      {"ae",
       {"duplicate_of", "invalid_nhs_number", "hrg_not_in_tariff", "late_submission", "late_inclusion",
        "not_registered", "activity_before_birth", "activity_after_death", "dob_mismatch", "sex_mismatch",
        "private_patient", "malformed"}},
      {"conditions", {"register_missing"}},
  };
  for (const auto& [dataset, names] : expected) {
    for (const auto& name : names) EXPECT_TRUE(kinds[dataset].count(name)) << dataset << " has no " << name;
  }
}

// Re-derives the record-level rules from the files and checks they find exactly what truth.csv lists.
TEST(Generate, TruthIsExactForApcRules) {
  TempDir dir("oracle");
  GenerateOptions o = small_options(dir.path(), 11);
  o.apc_rows = 8000;
  o.patients = 4000;
  o.op_rows = 8000;
  o.ae_rows = 4000;
  o.anomaly_rate = 0.1;
  run_generator(o);
  const fs::path ref = dir.path() / "reference";
  const auto truth = read_truth(dir.path());
  const Table apc = read_csv(dir.path() / "apc.csv");
  const Table reg = read_csv(dir.path() / "register.csv");
  const Table refs = read_csv(dir.path() / "referrals.csv");
  const Table cal = read_csv(ref / "calendar.csv");
  const Table icd = read_csv(ref / "icd10.csv");
  const Table bands = read_csv(ref / "hrg_cc_bands.csv");
  const Table scores = read_csv(ref / "cc_scores.csv");
  const Table tariff = read_csv(ref / "tariff_apc.csv");
  std::set<std::string> priced;
  for (const auto& r : tariff.rows) priced.insert(r[0]);

  std::map<std::string, Day> inclusion, reconciliation;
  for (const auto& r : cal.rows) inclusion[r[0]] = day_of(r[1]);
  for (const auto& r : cal.rows) reconciliation[r[0]] = day_of(r[2]);
  std::map<std::string, std::vector<std::string>> icd_info;
  for (const auto& r : icd.rows) icd_info[r[0]] = r;
  std::map<std::string, std::pair<int, int>> band;
  for (const auto& r : bands.rows) band[r[0]] = {std::stoi(r[1]), std::stoi(r[2])};
  std::map<std::string, std::vector<const std::vector<std::string>*>> registrations;
  for (const auto& r : reg.rows) registrations[r[0]].push_back(&r);
  std::map<std::pair<std::string, std::string>, std::vector<Day>> referral_days;
  for (const auto& r : refs.rows) referral_days[{r[0], r[4]}].push_back(day_of(r[2]));

  auto col = [&](const char* name) { return apc.col(name); };
  std::map<std::string, std::set<std::string>> found;  // record id -> kinds
  struct Spell {
    std::string id, provider, hrg;
    Day admit, disch;
    int method;
  };
  std::map<std::string, std::vector<Spell>> spells_by_patient;
  std::size_t checked = 0;
  for (const auto& row : apc.rows) {
    const std::string& id = row[0];
    if (truth.count({"apc", id}) && truth.at({"apc", id}).count("malformed")) continue;
    ++checked;
    const Day admit = day_of(row[col("ADMIDATE")]);
    const Day disch = day_of(row[col("DISDATE")]);
    const std::string& nhs = row[col("NHSNUMBER")];
    auto flag = [&](const std::string& kind) { found[id].insert(kind); };
    if (!is_valid_nhs_number(nhs)) {
      flag("invalid_nhs_number");
      continue;
    }
    const auto& regs = registrations.at(nhs);
    const auto& person = *regs.front();
    if (row[col("DOB")] != person[2]) flag("dob_mismatch");
    if (row[col("SEX")] != person[3]) flag("sex_mismatch");
    if (!person[6].empty() && admit > day_of(person[6])) flag("activity_after_death");
    bool registered = false;
    for (const auto* r : regs) {
      registered |= (*r)[1] == row[col("GPPRAC")] && day_of((*r)[4]) <= admit &&
                    ((*r)[5].empty() || admit < day_of((*r)[5]));
    }
    if (!registered) flag("not_registered");
    if (disch < admit) flag("discharge_before_admission");
    const Ymd month = civil_from_days(disch);
    char key[32];
    std::snprintf(key, sizeof key, "%04d-%02d", month.year, month.month);
    const Day subdate = day_of(row[col("SUBDATE")]);
    if (subdate > reconciliation.at(key)) {
      flag("late_submission");
    } else if (subdate > inclusion.at(key)) {
      flag("late_inclusion");
    }

    const Day dob = day_of(row[col("DOB")]);
    const int age = age_in_years(dob, admit);
    const std::string sex = row[col("SEX")] == "1" ? "M" : "F";
    int score = 0;
    for (int i = 1; i <= 20; ++i) {
      char name[8];
      std::snprintf(name, sizeof name, "DIAG_%02d", i);
      const std::string code = strip_dot(row[col(name)]);
      if (code.empty()) continue;
      const auto it = icd_info.find(code);
      if (it == icd_info.end()) {
        flag("invalid_icd10");
        continue;
      }
      const auto& info = it->second;
      if (!info[1].empty() && info[1] != sex) flag("sex_impossible_code");
      if (age < std::stoi(info[2]) || age > std::stoi(info[3])) flag("age_impossible_code");
      if (i == 1 && info[4] == "N") flag("primary_not_allowed");
      if (i > 1) {
        for (const auto& s : scores.rows) {
          if (code.rfind(s[0], 0) == 0) score += std::stoi(s[1]);
        }
      }
    }
    const std::string hrg = row[col("SUSHRG")];
    if (!priced.count(hrg)) flag("hrg_not_in_tariff");
    if (band.count(hrg)) {
      // The split letter the score supports: split letters are ordered A (highest band) onwards.
      for (char letter = 'A'; letter <= 'E'; ++letter) {
        const std::string candidate = hrg.substr(0, 4) + letter;
        if (band.count(candidate) && score >= band[candidate].first && score <= band[candidate].second) {
          if (candidate[4] > hrg[4]) flag("cc_claim_too_high");
        }
      }
    }
    const int method = std::stoi(row[col("ADMIMETH")]);
    if (method >= 11 && method <= 13) {
      bool referred = false;
      for (Day d : referral_days[{nhs, row[col("TRETSPEF")]}]) referred |= admit - d >= 1 && admit - d <= 90;
      if (!referred) flag("no_referral");
    }
    spells_by_patient[nhs].push_back({id, row[col("PROCODE3")], hrg, admit, disch, method});
  }
  for (const auto& [nhs, spells] : spells_by_patient) {
    for (std::size_t i = 0; i < spells.size(); ++i) {
      for (std::size_t j = 0; j < spells.size(); ++j) {
        if (i == j) continue;
        const Spell& a = spells[i];
        const Spell& b = spells[j];
        const bool same_provider = a.provider == b.provider;
        if (a.disch < a.admit || b.disch < b.admit) continue;
        if (same_provider && a.admit == b.admit && a.disch == b.disch && a.hrg == b.hrg) {
          if (j > i) found[b.id].insert("duplicate_of");
          continue;
        }
        if (b.admit > a.admit && b.admit < a.disch) found[b.id].insert("overlaps");
        if (same_provider && b.admit == a.disch && j > i) found[b.id].insert("split_spell");
        if (same_provider && a.method >= 11 && a.method <= 13 && b.method >= 21 && b.method <= 28 &&
            b.admit - a.disch >= 0 && b.admit - a.disch <= 30) {
          found[b.id].insert("readmission_after");
        }
      }
    }
  }
  EXPECT_GT(checked, 7000u);

  // Compare both ways. A duplicate spell necessarily also overlaps its original (documented), and an
  // unsupported CC claim is planted either as cc_split_unsupported or by the upcoding provider.
  // cc_register_missing is about the practice's disease registers, checked in EveryAnomalyKindIsPlanted.
  const std::set<std::string> not_rules = {"malformed", "note", "upcoding_provider", "cc_register_missing"};
  for (const auto& [key, anomalies] : truth) {
    if (key.first != "apc") continue;
    for (const auto& a : anomalies) {
      const std::string kind = a.substr(0, a.find(':'));
      if (not_rules.count(kind)) continue;
      const std::string expect =
          kind == "cc_split_unsupported" || kind == "upcoded" ? std::string("cc_claim_too_high") : kind;
      EXPECT_TRUE(found[key.second].count(expect)) << key.second << " planted " << a << " but not found";
    }
  }
  for (const auto& [id, kinds] : found) {
    const auto it = truth.find({"apc", id});
    for (const auto& kind : kinds) {
      bool planted = it != truth.end() && has_kind(it->second, kind);
      if (kind == "cc_claim_too_high") {
        planted = it != truth.end() &&
                  (has_kind(it->second, "cc_split_unsupported") || has_kind(it->second, "upcoded"));
      }
      EXPECT_TRUE(planted) << id << " shows " << kind << " which truth.csv does not list";
    }
  }
}

TEST(Generate, PricesMatchTheTariff) {
  TempDir dir("prices");
  run_generator(small_options(dir.path()));
  const Table apc = read_csv(dir.path() / "apc.csv");
  const Table tariff = read_csv(dir.path() / "reference" / "tariff_apc.csv");
  std::map<std::string, std::vector<std::string>> prices;
  for (const auto& r : tariff.rows) prices[r[0]] = r;
  std::size_t with_price = 0;
  for (const auto& row : apc.rows) {
    if (row.size() != apc.header.size()) continue;
    const std::string& price = row[apc.col("PRICE")];
    const auto it = prices.find(row[apc.col("SUSHRG")]);
    if (price.empty() || it == prices.end()) continue;
    const int method = std::stoi(row[apc.col("ADMIMETH")]);
    const std::size_t column = row[apc.col("CLASSPAT")] == "2" ? 2 : method >= 11 && method <= 13 ? 3 : 4;
    EXPECT_DOUBLE_EQ(std::stod(price), std::stod(it->second[column])) << row[0];
    ++with_price;
  }
  EXPECT_GT(with_price, apc.rows.size() / 2);
  EXPECT_LT(with_price, apc.rows.size() * 9 / 10);
}

TEST(GenerateCommand, OptionsAndExitCodes) {
  TempDir dir("command");
  const std::string out = dir.path().string();
  auto run = [](std::vector<const char*> args) {
    return recon::generate_command(static_cast<int>(args.size()), args.data());
  };
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  EXPECT_EQ(run({"generate", "--help"}), 0);
  EXPECT_EQ(run({"generate"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--bogus"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--format", "xml"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--seed", "-1"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--anomaly-rate", "2"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--start-date", "2025-02-30"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--apc-rows", "5000", "--patients", "10"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "stray"}), 2);
  EXPECT_EQ(run({"generate", "--out", out.c_str(), "--apc-rows", "200", "--seed", "5", "--format", "ndjson",
                 "--start-date", "2024-01-01", "--months", "6"}),
            0);
  const std::string help = testing::internal::GetCapturedStdout();
  testing::internal::GetCapturedStderr();
  EXPECT_NE(help.find("--anomaly-rate"), std::string::npos);
  EXPECT_TRUE(fs::exists(dir.path() / "apc.ndjson"));
  const Table cal = read_csv(dir.path() / "reference" / "calendar.csv");
  ASSERT_FALSE(cal.rows.empty());
  EXPECT_LE(cal.rows.front()[0], std::string("2024-01"));
  EXPECT_GE(cal.rows.back()[0], std::string("2024-06"));
}

// The scanner itself: it must see quoted and spaced includes, and angle-bracket includes of project files.
TEST(GenerateIndependence, IncludeScannerFindsProjectHeaders) {
  TempDir dir("includes");
  fs::create_directories(dir.path());
  const fs::path file = dir.path() / "sample.cpp";
  std::ofstream(file) << "#include <vector>\n"
                         "#include \"recon/generate/rng.hpp\"\n"
                         "  #  include \"core/day.hpp\"  // the checker's calendar\n"
                         "#include <rules/rule.hpp>\n"
                         "// #include is mentioned in a comment\n";
  const std::vector<std::string> expected{"recon/generate/rng.hpp", "core/day.hpp", "rules/rule.hpp"};
  EXPECT_EQ(project_includes(file), expected);
  EXPECT_TRUE(generator_may_include("recon/generate/rng.hpp"));
  EXPECT_TRUE(generator_may_include("core/dataset.hpp"));
  EXPECT_FALSE(generator_may_include("core/day.hpp"));
  EXPECT_FALSE(generator_may_include("rules/rule.hpp"));
}

// The generator is an independent oracle: no file in recon/generate/ includes the checker's headers, and the
// one shared vocabulary header includes nothing of the project itself.
TEST(GenerateIndependence, IncludesNothingOfTheChecker) {
  const fs::path generator_dir = fs::path(RECON_SOURCE_DIR) / "recon" / "generate";
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(generator_dir)) {
    const fs::path& file = entry.path();
    if (file.extension() != ".cpp" && file.extension() != ".hpp") continue;
    ++files;
    for (const std::string& path : project_includes(file)) {
      EXPECT_TRUE(generator_may_include(path)) << file.filename().string() << " includes " << path;
    }
  }
  EXPECT_GT(files, 40u);  // the scan really read the generator's sources
  EXPECT_TRUE(project_includes(fs::path(RECON_SOURCE_DIR) / "core" / "dataset.hpp").empty());
}
