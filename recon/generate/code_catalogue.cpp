#include "recon/generate/code_catalogue.hpp"

#include <stdexcept>
#include <string>

namespace recon::generate {

namespace {

// One ICD-10 category and the 4th characters the catalogue lists for it ("X" = 3-character code, written
// with the UK filler X as in HES). Sex/age edits and primary-position edits follow the usual SUS rules:
// pregnancy (O) female 10-60, perinatal (P) under 1, asterisk and external-cause codes never primary.
struct Category {
  std::string_view cat;
  std::string_view fourth;
  char sex;
  std::uint8_t min_age;
  std::uint8_t max_age;
  bool primary_ok;
};

constexpr Category kCategories[] = {
    {"A04", "7", 0, 0, 120, true},    {"A08", "04", 0, 0, 120, true},   {"A09", "09", 0, 0, 120, true},
    {"A41", "0589", 0, 0, 120, true}, {"B34", "9", 0, 0, 120, true},    {"B96", "2", 0, 0, 120, false},
    {"C18", "0279", 0, 0, 120, true}, {"C34", "1389", 0, 0, 120, true}, {"C43", "9", 0, 0, 120, true},
    {"C50", "49", 0, 0, 120, true},   {"C56", "X", 'F', 0, 120, true},  {"C61", "X", 'M', 0, 120, true},
    {"C67", "9", 0, 0, 120, true},    {"C78", "07", 0, 0, 120, true},   {"C79", "35", 0, 0, 120, true},
    {"D12", "6", 0, 0, 120, true},    {"D25", "9", 'F', 0, 120, true},  {"D48", "5", 0, 0, 120, true},
    {"D50", "089", 0, 0, 120, true},  {"D64", "9", 0, 0, 120, true},    {"E10", "19", 0, 0, 120, true},
    {"E11", "2689", 0, 0, 120, true}, {"E16", "2", 0, 0, 120, true},    {"E44", "01", 0, 0, 120, true},
    {"E66", "9", 0, 0, 120, true},    {"E78", "05", 0, 0, 120, true},   {"E86", "X", 0, 0, 120, true},
    {"E87", "156", 0, 0, 120, true},  {"F00", "9", 0, 0, 120, false},   {"F03", "X", 0, 0, 120, true},
    {"F05", "9", 0, 0, 120, true},    {"F10", "12", 0, 0, 120, true},   {"F32", "9", 0, 0, 120, true},
    {"F41", "19", 0, 0, 120, true},   {"G20", "X", 0, 0, 120, true},    {"G30", "9", 0, 0, 120, true},
    {"G40", "9", 0, 0, 120, true},    {"G45", "9", 0, 0, 120, true},    {"G47", "3", 0, 0, 120, true},
    {"G56", "0", 0, 0, 120, true},    {"G63", "2", 0, 0, 120, false},   {"H25", "19", 0, 40, 120, true},
    {"H26", "9", 0, 0, 120, true},    {"H35", "3", 0, 0, 120, true},    {"H36", "0", 0, 0, 120, false},
    {"H40", "1", 0, 0, 120, true},    {"H66", "9", 0, 0, 120, true},    {"H81", "1", 0, 0, 120, true},
    {"I10", "X", 0, 0, 120, true},    {"I20", "09", 0, 0, 120, true},   {"I21", "49", 0, 0, 120, true},
    {"I25", "129", 0, 0, 120, true},  {"I26", "9", 0, 0, 120, true},    {"I47", "1", 0, 0, 120, true},
    {"I48", "019", 0, 0, 120, true},  {"I50", "019", 0, 0, 120, true},  {"I63", "49", 0, 0, 120, true},
    {"I69", "34", 0, 0, 120, true},   {"I70", "2", 0, 0, 120, true},    {"I80", "2", 0, 0, 120, true},
    {"J12", "9", 0, 0, 120, true},    {"J18", "19", 0, 0, 120, true},   {"J21", "9", 0, 0, 120, true},
    {"J22", "X", 0, 0, 120, true},    {"J35", "0123", 0, 0, 120, true}, {"J44", "019", 0, 0, 120, true},
    {"J45", "09", 0, 0, 120, true},   {"J90", "X", 0, 0, 120, true},    {"J96", "09", 0, 0, 120, true},
    {"K21", "9", 0, 0, 120, true},    {"K29", "57", 0, 0, 120, true},   {"K35", "89", 0, 0, 120, true},
    {"K40", "9", 0, 0, 120, true},    {"K57", "23", 0, 0, 120, true},   {"K59", "0", 0, 0, 120, true},
    {"K63", "5", 0, 0, 120, true},    {"K70", "34", 0, 0, 120, true},   {"K72", "9", 0, 0, 120, true},
    {"K80", "012", 0, 0, 120, true},  {"K92", "012", 0, 0, 120, true},  {"L03", "19", 0, 0, 120, true},
    {"L82", "X", 0, 0, 120, true},    {"L89", "012", 0, 0, 120, true},  {"M16", "19", 0, 0, 120, true},
    {"M17", "19", 0, 0, 120, true},   {"M25", "5", 0, 0, 120, true},    {"M54", "5", 0, 0, 120, true},
    {"N10", "X", 0, 0, 120, true},    {"N17", "9", 0, 0, 120, true},    {"N18", "345", 0, 0, 120, true},
    {"N20", "019", 0, 0, 120, true},  {"N39", "0", 0, 0, 120, true},    {"N40", "X", 'M', 0, 120, true},
    {"N43", "3", 'M', 0, 120, true},  {"N47", "X", 'M', 0, 120, true},  {"N80", "09", 'F', 0, 120, true},
    {"N83", "2", 'F', 0, 120, true},  {"N92", "0", 'F', 0, 120, true},  {"N93", "9", 'F', 0, 120, true},
    {"O34", "2", 'F', 10, 60, true},  {"O70", "01", 'F', 10, 60, true}, {"O80", "09", 'F', 10, 60, true},
    {"P07", "13", 0, 0, 0, true},     {"P22", "1", 0, 0, 0, true},      {"P59", "9", 0, 0, 0, true},
    {"P92", "9", 0, 0, 0, true},      {"R06", "0", 0, 0, 120, true},    {"R07", "234", 0, 0, 120, true},
    {"R10", "14", 0, 0, 120, true},   {"R12", "X", 0, 0, 120, true},    {"R13", "X", 0, 0, 120, true},
    {"R19", "5", 0, 0, 120, true},    {"R26", "8", 0, 0, 120, true},    {"R29", "6", 0, 0, 120, true},
    {"R31", "X", 0, 0, 120, true},    {"R41", "0", 0, 0, 120, true},    {"R50", "9", 0, 0, 120, true},
    {"R51", "X", 0, 0, 120, true},    {"R54", "X", 0, 60, 120, true},   {"R55", "X", 0, 0, 120, true},
    {"R56", "8", 0, 0, 120, true},    {"S06", "0", 0, 0, 120, true},    {"S52", "56", 0, 0, 120, true},
    {"S72", "01", 0, 0, 120, true},   {"T39", "1", 0, 0, 120, true},    {"T42", "4", 0, 0, 120, true},
    {"T81", "4", 0, 0, 120, true},    {"V89", "2", 0, 0, 120, false},   {"W01", "9", 0, 0, 120, false},
    {"W19", "9", 0, 0, 120, false},   {"X40", "9", 0, 0, 120, false},   {"X59", "9", 0, 0, 120, false},
    {"Y83", "1", 0, 0, 120, false},   {"Y95", "X", 0, 0, 120, false},   {"Z37", "0", 'F', 10, 60, false},
    {"Z51", "1", 0, 0, 120, true},    {"Z86", "7", 0, 0, 120, true},    {"Z88", "0", 0, 0, 120, true},
    {"Z92", "1", 0, 0, 120, true},    {"Z95", "05", 0, 0, 120, true},   {"Z96", "46", 0, 0, 120, true},
};

// Codes that look like ICD-10 but are not in the catalogue (typos such as letter O for zero): the
// "invalid/unknown ICD-10 code" anomaly. None matches a cc_scores or qof_map prefix.
constexpr std::string_view kUnknownCodes[] = {"ZZ99", "I5O0", "1500", "E1X9", "QQ12", "K9Z9"};

// CC scores (the complication/comorbidity weight a secondary diagnosis adds). Prefixes never nest,
// so "longest prefix" and "any prefix" matching agree.
constexpr ScoreEntry kCcScores[] = {
    {"A41", 5}, {"C18", 3}, {"C34", 4},  {"C43", 2},  {"C50", 3},  {"C56", 3}, {"C61", 2},
    {"C67", 3}, {"C78", 6}, {"C79", 6},  {"D50", 1},  {"D64", 1},  {"E10", 3}, {"E11", 2},
    {"E44", 3}, {"E66", 1}, {"E86", 1},  {"E87", 2},  {"F00", 3},  {"F03", 3}, {"F05", 2},
    {"F10", 2}, {"G20", 2}, {"G30", 3},  {"I10", 1},  {"I25", 2},  {"I26", 4}, {"I48", 2},
    {"I50", 4}, {"I69", 2}, {"J18", 3},  {"J44", 3},  {"J96", 5},  {"K70", 3}, {"K72", 5},
    {"L89", 3}, {"N17", 4}, {"N183", 2}, {"N184", 4}, {"N185", 6}, {"N39", 1},
};

constexpr QofEntry kQofMap[] = {
    {"E10", Register::DM},  {"E11", Register::DM},  {"J44", Register::COPD}, {"I50", Register::HF},
    {"I48", Register::AF},  {"N18", Register::CKD}, {"I10", Register::HYP},  {"J45", Register::AST},
    {"I20", Register::CHD}, {"I21", Register::CHD}, {"I22", Register::CHD},  {"I23", Register::CHD},
    {"I24", Register::CHD}, {"I25", Register::CHD}, {"I63", Register::STIA}, {"G45", Register::STIA},
    {"F00", Register::DEM}, {"F01", Register::DEM}, {"F02", Register::DEM},  {"F03", Register::DEM},
    {"G30", Register::DEM}, {"C", Register::CAN},
};

struct ConditionSpec {
  Register reg;
  std::uint8_t min_age;
  std::array<std::uint16_t, kAgeBands> prevalence_permille;  // by age band 0-17, 18-44, 45-64, 65-79, 80+
  std::string_view codes;
};

// Prevalences are rough England figures; conditions shape both admissions and CC scores.
constexpr ConditionSpec kConditions[] = {
    {Register::DM, 5, {3, 25, 80, 150, 160}, "E119 E118 E112 E109"},
    {Register::HYP, 25, {0, 30, 150, 350, 450}, "I10X"},
    {Register::CHD, 40, {0, 2, 30, 100, 150}, "I251 I209 I252"},
    {Register::AF, 40, {0, 2, 15, 70, 130}, "I489 I481 I480"},
    {Register::HF, 45, {0, 0, 8, 40, 90}, "I500 I501 I509"},
    {Register::COPD, 40, {0, 3, 25, 60, 70}, "J449"},
    {Register::AST, 5, {60, 60, 60, 60, 50}, "J459 J450"},
    {Register::CKD, 40, {0, 5, 25, 100, 200}, "N183 N184 N185"},
    {Register::STIA, 40, {0, 2, 12, 50, 90}, "I693 I694"},
    {Register::DEM, 60, {0, 0, 2, 40, 150}, "F03X G309 F009"},
    {Register::CAN, 25, {0, 5, 25, 60, 80}, "C509 C61X C189 C349 C679 C439 C56X"},
};

struct PoolSpec {
  std::string_view code;
  std::uint8_t min_age;
  std::uint8_t max_age;
};

// Acute comorbidities and history codes coded as secondary diagnoses. None maps to a QOF register, so
// coding them never contradicts the practice registers.
constexpr PoolSpec kSecondaryPool[] = {
    {"J960", 18, 120}, {"N179", 18, 120}, {"A419", 18, 120}, {"E871", 18, 120}, {"E86X", 0, 120},
    {"D649", 0, 120},  {"D509", 0, 120},  {"L890", 65, 120}, {"J189", 18, 120}, {"N390", 0, 120},
    {"E669", 18, 120}, {"F102", 18, 120}, {"E440", 65, 120}, {"K590", 0, 120},  {"R296", 70, 120},
    {"Z867", 30, 120}, {"Z921", 40, 120}, {"Z880", 0, 120},  {"Z950", 60, 120}, {"Z966", 50, 120},
    {"E785", 40, 120}, {"F329", 16, 120}, {"F411", 16, 120}, {"R13X", 60, 120}, {"R410", 70, 120},
    {"G473", 30, 120}, {"B962", 0, 120},  {"R54X", 75, 120}, {"Y95X", 18, 120}, {"F059", 70, 120},
};

struct OpcsSpec {
  std::string_view code;
  char sex;
};

constexpr OpcsSpec kOpcs[] = {
    {"A651", 0},   {"C712", 0},   {"C751", 0},   {"C794", 0},   {"E251", 0},   {"E852", 0},   {"F341", 0},
    {"F342", 0},   {"G451", 0},   {"G459", 0},   {"H011", 0},   {"H012", 0},   {"H221", 0},   {"H229", 0},
    {"H251", 0},   {"J183", 0},   {"K634", 0},   {"K751", 0},   {"K752", 0},   {"M451", 0},   {"M459", 0},
    {"M651", 'M'}, {"N171", 'M'}, {"N303", 'M'}, {"Q073", 'F'}, {"Q074", 'F'}, {"Q103", 'F'}, {"Q181", 'F'},
    {"R179", 'F'}, {"R182", 'F'}, {"R249", 'F'}, {"S068", 0},   {"T201", 0},   {"T202", 0},   {"U051", 0},
    {"U201", 0},   {"W191", 0},   {"W371", 0},   {"W381", 0},   {"W391", 0},   {"W401", 0},   {"W421", 0},
    {"W461", 0},   {"W471", 0},   {"X332", 0},   {"X403", 0},   {"X721", 0},   {"X722", 0},   {"X723", 0},
    {"Y752", 0},   {"Z942", 0},   {"Z943", 0},
};

std::string_view chapter_of(std::string_view code) {
  const char letter = code[0];
  const int number = (code[1] - '0') * 10 + (code[2] - '0');
  switch (letter) {
    case 'A':
    case 'B':
      return "I";
    case 'C':
      return "II";
    case 'D':
      return number <= 48 ? "II" : "III";
    case 'E':
      return "IV";
    case 'F':
      return "V";
    case 'G':
      return "VI";
    case 'H':
      return number <= 59 ? "VII" : "VIII";
    case 'I':
      return "IX";
    case 'J':
      return "X";
    case 'K':
      return "XI";
    case 'L':
      return "XII";
    case 'M':
      return "XIII";
    case 'N':
      return "XIV";
    case 'O':
      return "XV";
    case 'P':
      return "XVI";
    case 'Q':
      return "XVII";
    case 'R':
      return "XVIII";
    case 'S':
    case 'T':
      return "XIX";
    case 'V':
    case 'W':
    case 'X':
    case 'Y':
      return "XX";
    case 'Z':
      return "XXI";
    default:
      return "XXII";
  }
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

template <typename Fn>
void for_each_word(std::string_view words, Fn fn) {
  while (!words.empty()) {
    const auto space = words.find(' ');
    fn(words.substr(0, space));
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
}

// A catalogue code (`cat` gives its sex, age and primary-position edits and its chapter) or, with no
// category, an unknown code that only looks like ICD-10.
IcdCode make_icd_code(std::string_view code4, const Category* cat) {
  IcdCode code;
  for (int i = 0; i < 4; ++i) code.text[i] = code4[i];
  if (cat != nullptr) {
    code.sex = cat->sex;
    code.min_age = cat->min_age;
    code.max_age = cat->max_age;
    code.primary_ok = cat->primary_ok;
    code.chapter = chapter_of(code4);
  } else {
    code.in_catalogue = false;
  }
  return code;
}

}  // namespace

std::string_view register_name(Register reg) {
  constexpr std::string_view kNames[] = {"DM",  "HYP", "CHD",  "AF",  "HF", "COPD",
                                         "AST", "CKD", "STIA", "DEM", "CAN"};
  return kNames[static_cast<int>(reg)];
}

int age_band(int age) {
  if (age < 18) return 0;
  if (age < 45) return 1;
  if (age < 65) return 2;
  if (age < 80) return 3;
  return 4;
}

const CodeCatalogue& CodeCatalogue::instance() {
  static const CodeCatalogue catalogue;
  return catalogue;
}

CodeCatalogue::CodeCatalogue() {
  cc_scores_.assign(std::begin(kCcScores), std::end(kCcScores));
  qof_map_.assign(std::begin(kQofMap), std::end(kQofMap));
  build_icd_codes();
  score_and_index_icd_codes();
  build_opcs_codes();
  build_code_lists();
}

void CodeCatalogue::build_icd_codes() {
  // Every code is built before any is indexed: the vector must not reallocate once string_views point
  // into it.
  std::size_t count = std::size(kUnknownCodes);
  for (const auto& c : kCategories) count += c.fourth.size();
  icd_.reserve(count);
  for (const auto& cat : kCategories) {
    for (char fourth : cat.fourth) icd_.push_back(make_icd_code(std::string(cat.cat) + fourth, &cat));
  }
  for (auto unknown : kUnknownCodes) icd_.push_back(make_icd_code(unknown, nullptr));
}

void CodeCatalogue::score_and_index_icd_codes() {
  score_entry_.assign(icd_.size(), -1);
  for (std::size_t id = 0; id < icd_.size(); ++id) {
    IcdCode& code = icd_[id];
    icd_index_.emplace(code.code(), static_cast<CodeId>(id));
    if (!code.in_catalogue) continue;
    for (std::size_t e = 0; e < cc_scores_.size(); ++e) {
      if (starts_with(code.code(), cc_scores_[e].prefix)) {
        code.cc_score = static_cast<std::uint8_t>(cc_scores_[e].score);
        score_entry_[id] = static_cast<int>(e);
      }
    }
    for (const auto& q : qof_map_) {
      if (starts_with(code.code(), q.prefix)) code.qof = static_cast<std::int8_t>(q.reg);
    }
  }
}

void CodeCatalogue::build_opcs_codes() {
  opcs_.reserve(std::size(kOpcs));
  for (const auto& spec : kOpcs) {
    OpcsCode code;
    for (int i = 0; i < 4; ++i) code.text[i] = spec.code[i];
    code.sex = spec.sex;
    opcs_.push_back(code);
  }
  for (std::size_t id = 0; id < opcs_.size(); ++id)
    opcs_index_.emplace(opcs_[id].code(), static_cast<CodeId>(id));
}

void CodeCatalogue::build_code_lists() {
  for (const auto& spec : kConditions) {
    ChronicCondition condition{spec.reg, spec.min_age, spec.prevalence_permille, {}};
    for_each_word(spec.codes, [&](std::string_view code) { condition.codes.push_back(icd_id(code)); });
    conditions_.push_back(std::move(condition));
  }
  for (const auto& spec : kSecondaryPool)
    secondary_pool_.push_back({icd_id(spec.code), spec.min_age, spec.max_age});
  for (auto code : kUnknownCodes) unknown_codes_.push_back(icd_id(code));
  for (auto code : {"V892", "X599", "Y831", "G632", "H360", "B962"})
    not_primary_codes_.push_back(icd_id(code));
  for (auto code : {"N47X", "N433", "N40X"}) male_only_codes_.push_back(icd_id(code));
  for (auto code : {"N832", "O800", "O342"}) female_only_codes_.push_back(icd_id(code));
  for (auto code : {"P599", "P073", "P221", "P929"}) perinatal_codes_.push_back(icd_id(code));
  for (auto code : {"R54X"}) elderly_only_codes_.push_back(icd_id(code));
  for (auto code : {"P071", "P073", "P929"}) infant_secondary_codes_.push_back(icd_id(code));
  male_only_procedure_ = opcs_id("N303");
  female_only_procedure_ = opcs_id("Q181");
}

CodeId CodeCatalogue::icd_id(std::string_view code) const {
  const auto it = icd_index_.find(code);
  if (it == icd_index_.end())
    throw std::logic_error("ICD-10 code missing from the catalogue: " + std::string(code));
  return it->second;
}

CodeId CodeCatalogue::opcs_id(std::string_view code) const {
  const auto it = opcs_index_.find(code);
  if (it == opcs_index_.end())
    throw std::logic_error("OPCS-4 code missing from the catalogue: " + std::string(code));
  return it->second;
}

}  // namespace recon::generate
