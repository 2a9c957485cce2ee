#include "parsers/national/trud_code_files.hpp"

#include <cctype>
#include <map>

#include "parsers/fatal_error.hpp"
#include "parsers/national/headings.hpp"

namespace recon::national {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_letter(char c) { return c >= 'A' && c <= 'Z'; }

// "A04.7" -> "A047", "J46.X" -> "J46X", "M00.00" -> "M0000": the code without its dot, as recon's tables
// hold codes (recon reads a trailing X as the 3-character code). Empty when not an ICD-10 code.
std::string icd10_code(std::string_view text) {
  std::string code;
  for (char c : text)
    if (c != '.') code += c;
  if (code.size() < 3 || code.size() > 6 || !is_letter(code[0]) || !is_digit(code[1]) || !is_digit(code[2]))
    return {};
  for (std::size_t i = 3; i < code.size(); ++i)
    if (!is_digit(code[i]) && code[i] != 'X') return {};
  return code;
}

// "A01.1" / "A011" -> "A011"; empty when not an OPCS-4 code (a letter, then 2 or 3 digits).
std::string opcs4_code(std::string_view text) {
  std::string code;
  for (char c : text)
    if (c != '.') code += c;
  if (code.size() < 3 || code.size() > 4 || !is_letter(code[0])) return {};
  for (std::size_t i = 1; i < code.size(); ++i)
    if (!is_digit(code[i])) return {};
  return code;
}

// The category ranges whose codes ICD-10 says are for supplementary use only, never in primary coding:
// B95-B98 (infectious agents as the cause of diseases classified elsewhere) and U82-U85 (resistance to
// antimicrobial and antineoplastic drugs).
bool supplementary_only(std::string_view code) {
  std::string_view cat = code.substr(0, 3);
  return (cat >= "B95" && cat <= "B98") || (cat >= "U82" && cat <= "U85");
}

namespace icd {
enum Spec : int { CODE, ALT_CODE, USAGE, USAGE_UK, DESCRIPTION, GENDER_MASK, MIN_AGE, MAX_AGE, kCount };
const std::vector<ColumnSpec>& specs() {
  static const std::vector<ColumnSpec> s = {
      {"CODE", {"code"}, true},
      {"ALT_CODE", {"alt code"}, false},
      {"USAGE", {"usage"}, true},
      {"USAGE_UK", {"usage uk"}, false},
      {"DESCRIPTION", {"description"}, false},
      {"GENDER_MASK", {"gender mask"}, true},
      {"MIN_AGE", {"min age"}, true},
      {"MAX_AGE", {"max age"}, true},
  };
  return s;
}
}  // namespace icd

// An age limit in years: 0..130; MAX_AGE 999 is "no upper limit" (-1). The unit is taken to be years (see
// docs/national_reference.md: not confirmed from the file's own documentation), so anything that could
// only be days or months is an error rather than a silently wrong limit.
int read_age(const SourceTable& file, const SourceRow& row, int column, const std::string& heading,
             bool is_max) {
  const std::string& t = row.cell(column);
  if (t.empty()) return -1;
  int value = 0;
  for (char c : t) {
    if (!is_digit(c) || value > 100000)
      throw FatalError(file.where(row, column, heading) + ": '" + t.substr(0, 12) +
                       "' is not a whole number of years");
    value = value * 10 + (c - '0');
  }
  if (is_max && value == 999) return -1;
  if (value > 130)
    throw FatalError(
        file.where(row, column, heading) + ": " + t +
        " is not an age in years (999 means no limit); recon reads these limits as years, a unit "
        "not confirmed by the file's documentation, and will not guess another");
  return value;
}

}  // namespace

std::string icd10_chapter(std::string_view code) {
  if (code.size() < 3) return {};
  struct Range {
    const char* first;
    const char* last;
    const char* chapter;
  };
  // ICD-10 5th edition (WHO, 2016), Volume 1, chapter ranges by 3-character category.
  static const Range kChapters[] = {
      {"A00", "B99", "I"},    {"C00", "D48", "II"},    {"D50", "D89", "III"}, {"E00", "E90", "IV"},
      {"F00", "F99", "V"},    {"G00", "G99", "VI"},    {"H00", "H59", "VII"}, {"H60", "H95", "VIII"},
      {"I00", "I99", "IX"},   {"J00", "J99", "X"},     {"K00", "K93", "XI"},  {"L00", "L99", "XII"},
      {"M00", "M99", "XIII"}, {"N00", "N99", "XIV"},   {"O00", "O99", "XV"},  {"P00", "P96", "XVI"},
      {"Q00", "Q99", "XVII"}, {"R00", "R99", "XVIII"}, {"S00", "T98", "XIX"}, {"V01", "Y98", "XX"},
      {"Z00", "Z99", "XXI"},  {"U00", "U99", "XXII"},
  };
  std::string_view cat = code.substr(0, 3);
  for (const Range& r : kChapters)
    if (cat >= r.first && cat <= r.last) return r.chapter;
  return {};
}

OutputTable read_icd10_metadata(const SourceTable& file, ConversionReport& report) {
  using namespace icd;
  const Header h = find_header(file, specs(), CODE);
  const auto cell = [&](const SourceRow& row, Spec s) -> const std::string& { return row.cell(h.column[s]); };
  OutputTable out{"icd10", {"CODE", "SEX", "MIN_AGE", "MAX_AGE", "PRIMARY_OK", "CHAPTER"}, {}};
  std::map<std::string, std::uint64_t> seen;
  std::size_t asterisk = 0, external = 0, supplementary = 0, male = 0, female = 0, aged = 0, categories = 0;
  for (std::size_t r = h.row + 1; r < file.rows.size(); ++r) {
    const SourceRow& row = file.rows[r];
    const std::string raw = upper(cell(row, CODE));
    if (raw.ends_with("-")) {
      // "E10.-": a category whose codes are its subdivisions, each on its own row; the category alone is
      // not a code a record may carry.
      report.skipped.push_back(
          {file.where(row), raw + ": a category with subdivisions (its codes are listed on their own rows)"});
      ++categories;
      continue;
    }
    const std::string code = icd10_code(raw);
    if (code.empty())
      throw FatalError(file.where(row, h.column[CODE], h.heading[CODE]) + ": '" + raw.substr(0, 12) +
                       "' is not an ICD-10 code");
    auto [it, fresh] = seen.try_emplace(code, row.number);
    if (!fresh)
      throw FatalError(file.where(row, h.column[CODE], h.heading[CODE]) + ": " + raw + " again (as " + code +
                       ", first on line " + std::to_string(it->second) + ")");

    const std::string usage = upper(cell(row, USAGE));
    if (usage != "DEFAULT" && usage != "DAGGER" && usage != "ASTERISK" && !usage.empty())
      throw FatalError(file.where(row, h.column[USAGE], h.heading[USAGE]) + ": '" + usage.substr(0, 16) +
                       "' is not DEFAULT, DAGGER or ASTERISK");
    const std::string chapter = icd10_chapter(code);
    if (chapter.empty())
      throw FatalError(file.where(row, h.column[CODE], h.heading[CODE]) + ": " + raw +
                       " is in no ICD-10 chapter");
    bool primary_ok = true;
    if (usage == "ASTERISK")
      primary_ok = false, ++asterisk;
    else if (chapter == "XX")
      primary_ok = false, ++external;
    else if (supplementary_only(code))
      primary_ok = false, ++supplementary;

    const std::string& mask = cell(row, GENDER_MASK);
    std::string sex;
    if (mask == "1")
      sex = "M", ++male;
    else if (mask == "2")
      sex = "F", ++female;
    else if (!mask.empty() && mask != "0" && mask != "3" && mask != "9")
      throw FatalError(file.where(row, h.column[GENDER_MASK], h.heading[GENDER_MASK]) + ": '" +
                       mask.substr(0, 8) +
                       "' is not a gender mask recon knows (1 male, 2 female; 0, 3, 9 or empty: either)");
    const int min_age = read_age(file, row, h.column[MIN_AGE], h.heading[MIN_AGE], false);
    const int max_age = read_age(file, row, h.column[MAX_AGE], h.heading[MAX_AGE], true);
    if (min_age > 0 || max_age >= 0) ++aged;
    if (min_age >= 0 && max_age >= 0 && max_age < min_age)
      throw FatalError(file.where(row, h.column[MAX_AGE], h.heading[MAX_AGE]) + ": MAX_AGE " +
                       std::to_string(max_age) + " is below MIN_AGE " + std::to_string(min_age));
    out.rows.push_back({code, sex, min_age < 0 ? "" : std::to_string(min_age),
                        max_age < 0 ? "" : std::to_string(max_age), primary_ok ? "Y" : "N", chapter});
  }
  report.read.push_back(file.where(file.rows[h.row]) + " (header): " + std::to_string(out.rows.size()) +
                        " ICD-10 codes");
  report.derived.push_back("icd10: PRIMARY_OK N for " + std::to_string(asterisk) +
                           " asterisk codes (USAGE), " + std::to_string(external) +
                           " external-cause codes (chapter XX) and " + std::to_string(supplementary) +
                           " supplementary-only codes (B95-B98, U82-U85); Y for the rest");
  report.derived.push_back("icd10: SEX from GENDER_MASK: " + std::to_string(male) + " M (1), " +
                           std::to_string(female) + " F (2), the rest either");
  report.derived.push_back("icd10: age limits in years (MAX_AGE 999 = none): " + std::to_string(aged) +
                           " codes with a limit; CHAPTER from the code's category");
  if (categories)
    report.derived.push_back("icd10: " + std::to_string(categories) +
                             " category rows (CODE ending '-') skipped");
  return out;
}

OutputTable read_opcs4_codes(const SourceTable& file, const SourceTable* sex_list, ConversionReport& report) {
  OutputTable out{"opcs4", {"CODE", "SEX"}, {}};
  std::map<std::string, std::size_t> index;  // code -> row in out
  std::size_t categories = 0;
  for (std::size_t r = 0; r < file.rows.size(); ++r) {
    const SourceRow& row = file.rows[r];
    const std::string raw = upper(row.cell(0));
    const std::string code = opcs4_code(raw);
    if (code.empty()) {
      if (r == 0) {  // a header someone added: the published file has none
        report.skipped.push_back(
            {file.where(row), "'" + raw.substr(0, 20) + "' is not an OPCS-4 code (a header row)"});
        continue;
      }
      throw FatalError(file.where(row, 0, "") + ": '" + raw.substr(0, 12) + "' is not an OPCS-4 code");
    }
    if (code.size() == 3) {
      ++categories;
      report.skipped.push_back(
          {file.where(row), code + ": a 3-character category (its codes are its 4-character subdivisions)"});
      continue;
    }
    auto [it, fresh] = index.try_emplace(code, out.rows.size());
    if (!fresh) throw FatalError(file.where(row, 0, "") + ": " + code + " again");
    out.rows.push_back({code, ""});
  }
  report.read.push_back(file.file + ": " + std::to_string(out.rows.size()) + " OPCS-4 codes");
  if (!sex_list) {
    report.derived.push_back("opcs4: SEX empty for every code (the codes-and-titles file has none)");
    return out;
  }
  std::vector<ColumnSpec> specs = {{"CODE", {"code"}, true}, {"SEX", {"sex"}, true}};
  const Header h = find_header(*sex_list, specs, 0);
  std::size_t given = 0;
  for (std::size_t r = h.row + 1; r < sex_list->rows.size(); ++r) {
    const SourceRow& row = sex_list->rows[r];
    const std::string sex = upper(row.cell(h.column[1]));
    if (sex.empty()) continue;
    if (sex != "M" && sex != "F")
      throw FatalError(sex_list->where(row, h.column[1], h.heading[1]) + ": '" + sex.substr(0, 8) +
                       "' is not M or F");
    const std::string code = opcs4_code(upper(row.cell(h.column[0])));
    auto it = index.find(code);
    if (it == index.end()) {
      report.skipped.push_back(
          {sex_list->where(row), "'" + row.cell(h.column[0]).substr(0, 12) +
                                     "': not a code of the OPCS-4 file, so its SEX is not used"});
      continue;
    }
    out.rows[it->second][1] = sex;
    ++given;
  }
  report.read.push_back(sex_list->file + ": SEX for " + std::to_string(given) + " OPCS-4 codes");
  report.derived.push_back("opcs4: SEX from " + sex_list->file + " (" + std::to_string(given) +
                           " codes), empty for the rest");
  return out;
}

}  // namespace recon::national
