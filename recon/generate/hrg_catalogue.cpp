#include "recon/generate/hrg_catalogue.hpp"

#include <stdexcept>
#include <string>

namespace recon::generate {

namespace {

struct RootSpec {
  std::string_view code;
  std::string_view name;
  std::uint8_t splits;
  int daycase, elective, nonelective;
  int el_trim, nel_trim, excess_bed_day, ssem;
};

// Prices are for the lowest CC split; each split letter towards A adds 30%.
constexpr RootSpec kRoots[] = {
    {"EB03", "Heart Failure or Shock", 5, 1650, 1650, 2100, 8, 21, 310, 40},
    {"EB07", "Arrhythmia or Conduction Disorders", 5, 950, 950, 1250, 5, 12, 300, 40},
    {"EB10", "Actual or Suspected Myocardial Infarction", 5, 1400, 1400, 1900, 6, 15, 320, 0},
    {"EB13", "Angina", 4, 900, 900, 1100, 4, 10, 300, 30},
    {"EB12", "Unexplained Syncope or Collapse", 4, 700, 700, 950, 3, 9, 280, 0},
    {"EB04", "Hypertension", 3, 600, 600, 850, 3, 8, 280, 30},
    {"EY43", "Standard Cardiac Catheterisation", 3, 1500, 1600, 2200, 4, 10, 330, 0},
    {"EY40", "Standard Percutaneous Transluminal Coronary Angioplasty", 3, 2900, 3100, 3900, 4, 10, 330, 0},
    {"DZ09", "Pulmonary Embolus", 5, 1300, 1300, 1700, 6, 14, 290, 40},
    {"DZ11", "Lobar, Atypical or Viral Pneumonia", 5, 1500, 1500, 2000, 7, 18, 300, 40},
    {"DZ22", "Unspecified Acute Lower Respiratory Infection", 5, 1000, 1000, 1350, 5, 12, 290, 40},
    {"DZ65", "Chronic Obstructive Pulmonary Disease or Bronchitis", 5, 1200, 1200, 1600, 6, 14, 290, 40},
    {"DZ15", "Asthma", 4, 700, 700, 950, 3, 8, 280, 30},
    {"FD01", "Gastrointestinal Infections", 4, 650, 650, 900, 3, 9, 270, 30},
    {"FD03", "Gastrointestinal Bleed", 5, 900, 900, 1250, 4, 11, 290, 40},
    {"FD05", "Abdominal Pain", 3, 500, 500, 700, 2, 6, 260, 0},
    {"FE20", "Diagnostic Colonoscopy", 3, 550, 600, 900, 2, 5, 270, 0},
    {"FE21", "Diagnostic Upper Gastrointestinal Endoscopy", 3, 500, 550, 850, 2, 5, 270, 0},
    {"GA10", "Laparoscopic Cholecystectomy", 3, 2600, 2700, 3300, 4, 9, 300, 0},
    {"FF62", "Inguinal, Umbilical or Femoral Hernia Procedures", 3, 1700, 1800, 2400, 3, 8, 290, 0},
    {"FF10", "Appendix Procedures", 3, 2300, 2400, 2900, 4, 9, 300, 0},
    {"GC01", "Liver Failure Disorders", 5, 1600, 1600, 2100, 7, 18, 310, 40},
    {"HN12", "Very Major Hip Procedures for Non-Trauma", 4, 5900, 6100, 7600, 8, 20, 320, 0},
    {"HN22", "Very Major Knee Procedures for Non-Trauma", 4, 5700, 5900, 7400, 8, 20, 320, 0},
    {"HT12", "Very Major Hip Procedures for Trauma", 4, 6200, 6400, 7400, 14, 30, 330, 0},
    {"HN53", "Intermediate Hand Procedures for Non-Trauma", 2, 1250, 1300, 1700, 2, 6, 280, 0},
    {"HD26", "Musculoskeletal Signs and Symptoms", 3, 550, 550, 800, 3, 8, 270, 0},
    {"HE41", "Hand, Wrist or Forearm Fractures without Interventions", 3, 600, 600, 850, 2, 7, 270, 30},
    {"BZ34", "Phacoemulsification Cataract Extraction and Lens Implant", 3, 850, 900, 1350, 2, 4, 260, 0},
    {"BZ87", "Minor Vitreous Retinal Procedures", 2, 550, 550, 800, 1, 3, 250, 0},
    {"CA60", "Tonsillectomy", 2, 1300, 1400, 1800, 2, 5, 280, 0},
    {"CB01", "Non-Malignant Ear Disorders", 3, 550, 550, 750, 2, 6, 260, 30},
    {"LB25", "Transurethral Resection of Prostate", 3, 2200, 2400, 3000, 4, 9, 300, 0},
    {"LA04", "Kidney or Urinary Tract Infections", 5, 1050, 1050, 1400, 5, 13, 290, 40},
    {"LA07", "Acute Kidney Injury", 5, 1400, 1400, 1850, 6, 16, 300, 40},
    {"LA08", "Chronic Kidney Disease", 4, 1100, 1100, 1450, 5, 12, 290, 40},
    {"LB15", "Diagnostic Flexible Cystoscopy", 2, 420, 450, 700, 1, 3, 250, 0},
    {"LB61", "Kidney or Urinary Tract Stones", 3, 800, 850, 1100, 3, 7, 270, 30},
    {"MA07", "Major Open Upper Genital Tract Procedures", 3, 3300, 3400, 4100, 5, 10, 300, 0},
    {"MA10", "Endoscopic Upper Genital Tract Procedures", 2, 850, 900, 1200, 2, 4, 260, 0},
    {"NZ30", "Normal Delivery", 3, 1700, 1700, 1900, 3, 5, 280, 0},
    {"NZ50", "Planned Lower Uterine Caesarean Section", 3, 3300, 3300, 3600, 4, 7, 300, 0},
    {"AA35", "Stroke", 5, 3100, 3100, 4200, 14, 35, 320, 0},
    {"AA29", "Transient Ischaemic Attack", 4, 800, 800, 1100, 3, 8, 280, 30},
    {"AA26", "Muscular, Balance, Cranial or Peripheral Nerve Disorders, Epilepsy or Head Injury", 5, 800, 800,
     1150, 4, 10, 280, 30},
    {"AA25", "Cerebral Degenerations or Miscellaneous Disorders of Nervous System", 4, 1900, 1900, 2500, 10,
     25, 300, 0},
    {"KB01", "Diabetes with Hyperglycaemic Disorders", 4, 1200, 1200, 1600, 5, 12, 290, 30},
    {"KC05", "Fluid or Electrolyte Disorders", 5, 1000, 1000, 1300, 5, 12, 280, 40},
    {"SA04", "Iron Deficiency Anaemia", 4, 600, 600, 900, 3, 8, 270, 30},
    {"SB97", "Same Day Chemotherapy Admission or Attendance", 1, 320, 320, 400, 1, 2, 250, 0},
    {"WJ06", "Sepsis", 5, 2100, 2100, 2900, 9, 24, 310, 40},
    {"WH04", "Poisoning, Toxic Effects or Overdose", 4, 500, 500, 700, 2, 6, 260, 30},
    {"JD07", "Cellulitis or Other Skin Infections", 4, 900, 900, 1250, 5, 12, 280, 30},
    {"JC43", "Minor Skin Procedures", 1, 450, 500, 700, 1, 3, 250, 0},
    {"WD22", "Frailty, Falls or Immobility", 4, 1500, 1500, 2000, 10, 24, 290, 40},
    {"PD11", "Paediatric Bronchiolitis", 3, 800, 800, 1100, 2, 6, 400, 0},
    {"PF14", "Paediatric Gastroenteritis", 2, 550, 550, 750, 2, 4, 380, 0},
    {"PB01", "Neonatal Jaundice or Feeding Problems", 2, 700, 700, 950, 2, 5, 400, 0},
    {"PD13", "Paediatric Asthma", 2, 650, 650, 900, 2, 5, 390, 0},
    {"PR02", "Paediatric Epilepsy or Seizures", 3, 750, 750, 1050, 3, 7, 390, 0},
};

struct CaseSpec {
  std::string_view root;
  std::uint16_t tretspef;
  char type;  // E emergency, D day case, L elective (day case share below), M maternity
  std::uint16_t daycase_permille;
  std::uint8_t los_min, los_max;
  std::string_view primaries;  // "" = the patient's own code for `condition`
  std::string_view procedures;
  std::uint16_t procedure_permille;
  std::string_view extra_diagnosis;
  std::string_view supplementary;
  bool laterality;
  std::uint8_t min_age, max_age;
  char sex;
  int condition;  // Register or -1
  std::uint16_t weight;
};

constexpr int kNone = -1;
constexpr int DM = static_cast<int>(Register::DM), HYP = static_cast<int>(Register::HYP),
              CHD = static_cast<int>(Register::CHD), AF = static_cast<int>(Register::AF),
              HF = static_cast<int>(Register::HF), COPD = static_cast<int>(Register::COPD),
              AST = static_cast<int>(Register::AST), CKD = static_cast<int>(Register::CKD),
              STIA = static_cast<int>(Register::STIA), DEM = static_cast<int>(Register::DEM),
              CAN = static_cast<int>(Register::CAN);

// Cases whose primary diagnosis maps to a QOF register are only given to patients on that register,
// so activity and the practice registers stay consistent.
const CaseSpec kCases[] = {
    {"EB03", 320, 'E', 0, 2, 14, "I500 I501 I509", "", 0, "", "", false, 45, 120, 0, HF, 25},
    {"EB07", 320, 'E', 0, 1, 6, "I489 I481 I480", "", 0, "", "", false, 40, 120, 0, AF, 15},
    {"EB07", 320, 'E', 0, 0, 3, "I471", "", 0, "", "", false, 18, 120, 0, kNone, 6},
    {"EB10", 320, 'E', 0, 3, 9, "I214 I219", "K634", 500, "", "", false, 40, 120, 0, CHD, 12},
    {"EB13", 320, 'E', 0, 1, 4, "I200 I209", "", 0, "", "", false, 40, 120, 0, CHD, 8},
    {"EB12", 300, 'E', 0, 0, 4, "R55X", "", 0, "", "", false, 18, 120, 0, kNone, 18},
    {"EB04", 300, 'E', 0, 0, 3, "I10X", "", 0, "", "", false, 30, 120, 0, HYP, 3},
    {"EY43", 320, 'L', 800, 0, 2, "I209 I251", "K634", 1000, "", "", false, 40, 120, 0, CHD, 10},
    {"EY40", 320, 'L', 500, 0, 3, "I251 I209", "K751 K752", 1000, "", "", false, 40, 120, 0, CHD, 6},
    {"DZ09", 300, 'E', 0, 2, 9, "I269", "", 0, "", "", false, 18, 120, 0, kNone, 8},
    {"DZ11", 340, 'E', 0, 2, 14, "J189 J181 J129", "", 0, "", "", false, 18, 120, 0, kNone, 30},
    {"DZ22", 300, 'E', 0, 1, 8, "J22X", "", 0, "", "", false, 18, 120, 0, kNone, 20},
    {"DZ65", 340, 'E', 0, 1, 10, "J441 J440", "E852", 200, "", "", false, 40, 120, 0, COPD, 20},
    {"DZ15", 340, 'E', 0, 0, 4, "J459 J450", "", 0, "", "", false, 16, 120, 0, AST, 8},
    {"FD01", 300, 'E', 0, 0, 5, "A099 A090 A084 A047", "", 0, "", "", false, 16, 120, 0, kNone, 12},
    {"FD03", 301, 'E', 0, 1, 6, "K922 K920 K921", "G451 X332", 600, "", "", false, 18, 120, 0, kNone, 10},
    {"FD05", 100, 'E', 0, 0, 3, "R104 R101", "", 0, "", "", false, 16, 120, 0, kNone, 25},
    {"FE20", 301, 'D', 1000, 0, 0, "K573 K635 R195", "H229 H221", 1000, "", "", false, 30, 120, 0, kNone, 20},
    {"FE21", 301, 'D', 1000, 0, 0, "K219 K295 R12X", "G459 G451", 1000, "", "", false, 18, 120, 0, kNone, 20},
    {"GA10", 100, 'L', 400, 1, 3, "K802 K801", "J183", 1000, "", "Y752", false, 18, 120, 0, kNone, 10},
    {"FF62", 100, 'L', 750, 1, 2, "K409", "T201 T202", 1000, "", "", false, 18, 120, 0, kNone, 12},
    {"FF10", 100, 'E', 0, 1, 5, "K358 K359", "H011 H012", 1000, "", "", false, 5, 120, 0, kNone, 8},
    {"GC01", 301, 'E', 0, 3, 15, "K729 K704", "", 0, "", "", false, 25, 120, 0, kNone, 3},
    {"HN12", 110, 'L', 0, 2, 6, "M161 M169", "W371 W381 W391", 1000, "", "", true, 45, 120, 0, kNone, 8},
    {"HN22", 110, 'L', 0, 2, 5, "M171 M179", "W401 W421", 1000, "", "", true, 45, 120, 0, kNone, 8},
    {"HT12", 110, 'E', 0, 5, 21, "S720 S721", "W461 W471 W191", 1000, "W019", "", true, 60, 120, 0, kNone,
     10},
    {"HN53", 110, 'D', 1000, 0, 0, "G560", "A651", 1000, "", "", true, 25, 120, 0, kNone, 8},
    {"HD26", 300, 'E', 0, 0, 4, "M545 M255", "", 0, "", "", false, 18, 120, 0, kNone, 10},
    {"HE41", 110, 'E', 0, 0, 2, "S525 S526", "", 0, "W019", "", false, 5, 120, 0, kNone, 8},
    {"BZ34", 130, 'D', 1000, 0, 0, "H251 H259", "C751 C712", 1000, "", "", true, 50, 120, 0, kNone, 25},
    {"BZ87", 130, 'D', 1000, 0, 0, "H353", "C794", 1000, "", "", true, 55, 120, 0, kNone, 15},
    {"CA60", 120, 'L', 300, 0, 1, "J350 J351 J352", "F341 F342", 1000, "", "", false, 3, 40, 0, kNone, 6},
    {"CB01", 120, 'E', 0, 0, 3, "H811", "", 0, "", "", false, 18, 120, 0, kNone, 5},
    {"LB25", 101, 'L', 0, 1, 3, "N40X", "M651", 1000, "", "", false, 50, 120, 'M', kNone, 7},
    {"LA04", 300, 'E', 0, 1, 7, "N390 N10X", "", 0, "", "", false, 16, 120, 0, kNone, 20},
    {"LA07", 300, 'E', 0, 2, 10, "N179", "X403", 50, "", "", false, 30, 120, 0, kNone, 10},
    {"LA08", 300, 'E', 0, 2, 8, "", "", 0, "", "", false, 40, 120, 0, CKD, 4},
    {"LB15", 101, 'D', 1000, 0, 0, "R31X", "M459", 1000, "", "", false, 30, 120, 0, kNone, 10},
    {"LB61", 101, 'E', 0, 0, 4, "N201 N200 N209", "", 0, "", "", false, 18, 120, 0, kNone, 6},
    {"MA07", 502, 'L', 0, 2, 4, "D259 N800", "Q073 Q074", 1000, "", "", false, 30, 70, 'F', kNone, 5},
    {"MA10", 502, 'D', 1000, 0, 0, "N939 N920", "Q181 Q103", 1000, "", "", false, 25, 70, 'F', kNone, 8},
    {"NZ30", 501, 'M', 0, 0, 3, "O800 O700", "R249", 1000, "Z370", "", false, 16, 45, 'F', kNone, 15},
    {"NZ50", 501, 'M', 0, 2, 4, "O342", "R179", 1000, "Z370", "", false, 16, 45, 'F', kNone, 6},
    {"AA35", 328, 'E', 0, 5, 28, "I634 I639", "U051", 900, "", "", false, 40, 120, 0, STIA, 8},
    {"AA29", 300, 'E', 0, 0, 3, "G459", "U051", 500, "", "", false, 40, 120, 0, STIA, 5},
    {"AA26", 300, 'E', 0, 0, 5, "G409 S060 R51X", "U051", 400, "", "", false, 16, 120, 0, kNone, 12},
    {"AA25", 430, 'E', 0, 5, 25, "G309 F03X", "", 0, "", "", false, 65, 120, 0, DEM, 5},
    {"KB01", 300, 'E', 0, 1, 7, "", "", 0, "", "", false, 16, 120, 0, DM, 8},
    {"KC05", 300, 'E', 0, 1, 7, "E871 E86X", "", 0, "", "", false, 30, 120, 0, kNone, 10},
    {"SA04", 303, 'E', 0, 0, 4, "D509", "X332", 400, "", "", false, 18, 120, 0, kNone, 6},
    {"SB97", 800, 'D', 1000, 0, 0, "", "X721 X722 X723", 1000, "", "", false, 25, 120, 0, CAN, 25},
    {"WJ06", 300, 'E', 0, 3, 20, "A419 A415", "", 0, "", "", false, 18, 120, 0, kNone, 10},
    {"WH04", 300, 'E', 0, 0, 3, "T391 T424", "", 0, "X409", "", false, 14, 90, 0, kNone, 6},
    {"JD07", 300, 'E', 0, 2, 9, "L031 L039", "", 0, "", "", false, 18, 120, 0, kNone, 12},
    {"JC43", 330, 'D', 1000, 0, 0, "D485 L82X", "S068", 1000, "", "", false, 30, 120, 0, kNone, 8},
    {"WD22", 430, 'E', 0, 3, 20, "R296 R268", "", 0, "W199", "", false, 75, 120, 0, kNone, 10},
    {"PD11", 420, 'E', 0, 1, 5, "J219", "", 0, "", "", false, 0, 1, 0, kNone, 10},
    {"PF14", 420, 'E', 0, 0, 2, "A090 A084", "", 0, "", "", false, 1, 15, 0, kNone, 8},
    {"PB01", 420, 'E', 0, 1, 4, "P599 P929", "", 0, "", "", false, 0, 0, 0, kNone, 10},
    {"PD13", 420, 'E', 0, 0, 2, "J459", "", 0, "", "", false, 2, 15, 0, AST, 5},
    {"PR02", 420, 'E', 0, 1, 3, "G409 R568", "", 0, "", "", false, 1, 15, 0, kNone, 4},
};

struct SpecialtySpec {
  std::uint16_t tretspef;
  std::string_view name;
  int first, followup;
  std::uint8_t min_age, max_age;
  char sex;
  std::uint16_t weight;
  std::string_view procedures;
  std::uint16_t procedure_permille;
};

constexpr SpecialtySpec kSpecialties[] = {
    {100, "General Surgery", 170, 105, 16, 120, 0, 10, "", 0},
    {101, "Urology", 150, 95, 16, 120, 0, 7, "M459 M451", 200},
    {110, "Trauma & Orthopaedics", 165, 95, 5, 120, 0, 12, "", 0},
    {120, "ENT", 140, 90, 3, 120, 0, 7, "E251", 200},
    {130, "Ophthalmology", 140, 85, 5, 120, 0, 12, "C794", 150},
    {160, "Plastic Surgery", 155, 90, 16, 120, 0, 3, "S068", 200},
    {300, "General Medicine", 230, 130, 16, 120, 0, 5, "", 0},
    {301, "Gastroenterology", 220, 120, 16, 120, 0, 6, "", 0},
    {303, "Clinical Haematology", 250, 140, 16, 120, 0, 3, "", 0},
    {320, "Cardiology", 190, 110, 16, 120, 0, 8, "U201", 200},
    {328, "Stroke Medicine", 200, 115, 40, 120, 0, 1, "", 0},
    {330, "Dermatology", 130, 80, 5, 120, 0, 7, "S068", 150},
    {340, "Respiratory Medicine", 210, 125, 16, 120, 0, 5, "", 0},
    {370, "Medical Oncology", 240, 150, 25, 120, 0, 3, "", 0},
    {400, "Neurology", 235, 130, 16, 120, 0, 4, "", 0},
    {420, "Paediatrics", 230, 140, 0, 15, 0, 30, "", 0},
    {430, "Geriatric Medicine", 260, 160, 70, 120, 0, 6, "", 0},
    {501, "Obstetrics", 120, 75, 16, 45, 'F', 8, "", 0},
    {502, "Gynaecology", 160, 105, 16, 120, 'F', 6, "Q181", 100},
    {800, "Clinical Oncology", 190, 115, 25, 120, 0, 3, "", 0},
};

constexpr AeHrg kAeHrgs[] = {
    {"VB01Z", 420, 2},  {"VB02Z", 360, 3},  {"VB03Z", 330, 8},  {"VB04Z", 280, 6},
    {"VB05Z", 250, 8},  {"VB06Z", 210, 10}, {"VB07Z", 190, 14}, {"VB08Z", 160, 14},
    {"VB09Z", 130, 16}, {"VB10Z", 110, 10}, {"VB11Z", 80, 9},
};

template <typename Fn>
void for_each_word(std::string_view words, Fn fn) {
  while (!words.empty()) {
    const auto space = words.find(' ');
    fn(words.substr(0, space));
    if (space == std::string_view::npos) break;
    words.remove_prefix(space + 1);
  }
}

// CC bands by number of splits; `v` shifts the cut points by one for every other root so that rules have
// to read hrg_cc_bands instead of assuming one template.
void set_bands(HrgRoot& root, int v) {
  constexpr int kTop = 999;
  switch (root.splits) {
    case 2:
      root.band_min = {4 + v, 0};
      root.band_max = {kTop, 3 + v};
      break;
    case 3:
      root.band_min = {7 + v, 3 + v, 0};
      root.band_max = {kTop, 6 + v, 2 + v};
      break;
    case 4:
      root.band_min = {9 + v, 5 + v, 2 + v, 0};
      root.band_max = {kTop, 8 + v, 4 + v, 1 + v};
      break;
    case 5:
      root.band_min = {11 + v, 7 + v, 4 + v, 1 + v, 0};
      root.band_max = {kTop, 10 + v, 6 + v, 3 + v, 0 + v};
      break;
    default:
      root.band_min = {0};
      root.band_max = {kTop};
      break;
  }
}

std::uint16_t root_index(std::span<const HrgRoot> roots, std::string_view code) {
  for (std::size_t i = 0; i < roots.size(); ++i) {
    if (roots[i].code == code) return static_cast<std::uint16_t>(i);
  }
  throw std::logic_error("case refers to an unknown HRG root: " + std::string(code));
}

// C00-D48: neoplasms (the readmission rule leaves them out).
bool is_neoplasm_code(std::string_view code) {
  return code[0] == 'C' || (code[0] == 'D' && (code[1] - '0') * 10 + (code[2] - '0') <= 48);
}

ClinicalCase make_case(const CaseSpec& spec, std::uint16_t root, const CodeCatalogue& codes) {
  ClinicalCase c{};
  c.root = root;
  c.tretspef = spec.tretspef;
  c.type = spec.type == 'E'   ? CaseType::emergency
           : spec.type == 'D' ? CaseType::daycase
           : spec.type == 'L' ? CaseType::elective
                              : CaseType::maternity;
  c.daycase_permille = spec.daycase_permille;
  c.los_min = spec.los_min;
  c.los_max = spec.los_max;
  for_each_word(spec.primaries, [&](std::string_view code) { c.primaries.push_back(codes.icd_id(code)); });
  for_each_word(spec.procedures, [&](std::string_view code) { c.procedures.push_back(codes.opcs_id(code)); });
  c.procedure_permille = spec.procedure_permille;
  c.extra_diagnosis = spec.extra_diagnosis.empty() ? -1 : codes.icd_id(spec.extra_diagnosis);
  c.supplementary_procedure = spec.supplementary.empty() ? -1 : codes.opcs_id(spec.supplementary);
  c.laterality = spec.laterality;
  c.min_age = spec.min_age;
  c.max_age = spec.max_age;
  c.sex = spec.sex;
  c.condition = static_cast<std::int8_t>(spec.condition);
  c.weight = spec.weight;
  // Derived from the primaries: whether every one scores nothing, and whether the case treats a neoplasm.
  c.zero_score_primary = !c.primaries.empty();
  c.neoplasm = c.condition == static_cast<int>(Register::CAN);
  for (CodeId id : c.primaries) {
    if (codes.icd(id).cc_score != 0) c.zero_score_primary = false;
    if (is_neoplasm_code(codes.icd(id).code())) c.neoplasm = true;
  }
  return c;
}

}  // namespace

int HrgRoot::letter_for_score(int score) const {
  for (int i = 0; i < splits; ++i) {
    if (score >= band_min[i] && score <= band_max[i]) return i;
  }
  return 0;  // above every band: the top split
}

std::int64_t HrgRoot::price_pence(int index, int column) const {
  const int base = column == 0 ? daycase : column == 1 ? elective : nonelective;
  const int rank = splits - 1 - index;                         // 0 for the lowest split
  return static_cast<std::int64_t>(base) * (100 + 30 * rank);  // pounds * percent = pence
}

const HrgCatalogue& HrgCatalogue::instance() {
  static const HrgCatalogue catalogue;
  return catalogue;
}

HrgCatalogue::HrgCatalogue() {
  const CodeCatalogue& codes = CodeCatalogue::instance();
  for (const auto& spec : kRoots) {
    HrgRoot root{spec.code,           spec.name,        spec.splits,  spec.daycase,
                 spec.elective,       spec.nonelective, spec.el_trim, spec.nel_trim,
                 spec.excess_bed_day, spec.ssem,        {},           {}};
    set_bands(root, static_cast<int>(roots_.size() % 2));
    roots_.push_back(root);
  }
  for (const auto& spec : kCases) cases_.push_back(make_case(spec, root_index(roots_, spec.root), codes));
  for (const auto& spec : kSpecialties) {
    Specialty s{spec.tretspef, spec.name,   spec.first, spec.followup,          spec.min_age, spec.max_age,
                spec.sex,      spec.weight, {},         spec.procedure_permille};
    for_each_word(spec.procedures,
                  [&](std::string_view code) { s.procedures.push_back(codes.opcs_id(code)); });
    specialties_.push_back(std::move(s));
  }
  ae_hrgs_.assign(std::begin(kAeHrgs), std::end(kAeHrgs));
  unknown_apc_hrgs_ = {"UZ01Z", "EB99Z", "WD99Z", "HN99C", "DZ99A"};
  unknown_ae_hrgs_ = {"VB99Z", "VB12Z"};
}

const Specialty* HrgCatalogue::specialty(std::uint16_t tretspef) const {
  for (const auto& s : specialties_) {
    if (s.tretspef == tretspef) return &s;
  }
  return nullptr;
}

}  // namespace recon::generate
