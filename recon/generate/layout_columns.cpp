#include "recon/generate/layout_columns.hpp"

#include <memory>
#include <string>
#include <vector>

#include "recon/generate/output_columns.hpp"

namespace recon::generate {

namespace {

// A column list built once: fixed names with numbered runs (DIAG_4_01..DIAG_4_20) spliced in.
class Columns {
 public:
  // One at a time: GCC 12's range insert here draws a false -Wstringop-overflow.
  Columns& add(std::initializer_list<std::string_view> names) {
    for (std::string_view name : names) names_.push_back(name);
    return *this;
  }
  Columns& add(std::span<const std::string_view> names) {
    for (std::string_view name : names) names_.push_back(name);
    return *this;
  }
  Columns& numbered(std::string_view stem, int count) {
    for (int i = 1; i <= count; ++i) {
      const char number[2] = {static_cast<char>('0' + i / 10), static_cast<char>('0' + i % 10)};
      storage_.push_back(std::make_unique<std::string>(std::string(stem) + std::string(number, 2)));
      names_.push_back(*storage_.back());
    }
    return *this;
  }
  std::span<const std::string_view> view() const { return names_; }

 private:
  std::vector<std::unique_ptr<std::string>> storage_;  // the numbered names, alive as long as the list
  std::vector<std::string_view> names_;
};

// HES: the patient as a pseudonym (PSEUDO_HESID) and, in an extract approved for identifiers, NEWNHSNO;
// the date of birth as MYDOB (MMYYYY); the trust (PROCODE3) and its site (PROCODE5).
constexpr std::string_view kHesPatient[] = {"PSEUDO_HESID", "NEWNHSNO", "PROCODE3", "PROCODE5",
                                            "MYDOB",        "SEX",      "GPPRAC"};

const Columns& hes_apc() {
  static const Columns c = [] {
    Columns c;
    c.add({"EPIKEY", "SUSSPELLID"}).add(kHesPatient).add({"ADMIDATE", "EPIORDER", "EPISTART", "EPIEND"});
    c.add({"EPISTAT", "DISDATE", "ADMIMETH", "ADMISORC", "DISMETH", "CLASSPAT", "TRETSPEF", "SUSHRG"});
    c.numbered("DIAG_4_", 20).numbered("OPERTN_4_", 24).add({"SUBDATE", "PRICE", "ADMINCAT", "COMMENT"});
    return c;
  }();
  return c;
}

const Columns& hes_op() {
  static const Columns c = [] {
    Columns c;
    c.add({"ATTENDKEY"}).add(kHesPatient);
    c.add({"APPTDATE", "ATTENDED", "FIRSTATT", "REFSOURC", "TRETSPEF", "SUSHRG"});
    c.numbered("OPERTN_4_", 24).add({"SUBDATE", "PRICE", "ADMINCAT", "COMMENT"});
    return c;
  }();
  return c;
}

const Columns& hes_ae() {
  static const Columns c = [] {
    Columns c;
    c.add({"AEKEY"}).add(kHesPatient);
    c.add(
        {"ARRIVALDATE", "AEATTENDCAT", "AEATTENDDISP", "SUSHRG", "SUBDATE", "PRICE", "ADMINCAT", "COMMENT"});
    return c;
  }();
  return c;
}

// SUS: the derived trust code and the code as sent (a site); NHS_Number and the warehouse's pseudonym;
// the month and year of birth in two columns.
constexpr std::string_view kSusPatient[] = {
    "Der_Provider_Code",  "Provider_Code",     "NHS_Number", "Der_Pseudo_NHS_Number",
    "Month_of_Birth_SUS", "Year_of_Birth_SUS", "Sex",        "GP_Practice_Code"};

const Columns& sus_apc() {
  static const Columns c = [] {
    Columns c;
    c.add({"APCS_Ident"}).add(kSusPatient);
    c.add({"Admission_Date", "Discharge_Date", "Admission_Method", "Source_of_Admission", "Discharge_Method",
           "Patient_Classification", "Der_Dischg_Treatment_Function_Code", "Spell_Core_HRG_SUS",
           "Der_Diagnosis_All", "Der_Procedure_All", "Tariff_Total_Payment", "SUBDATE",
           "Administrative_Category", "COMMENT"});
    return c;
  }();
  return c;
}

const Columns& sus_op() {
  static const Columns c = [] {
    Columns c;
    c.add({"OPA_Ident"}).add(kSusPatient);
    c.add({"Appointment_Date", "Attendance_Status", "First_Attendance", "OPA_Referral_Source",
           "Treatment_Function_Code", "Core_HRG", "Der_Procedure_All", "Tariff_Total_Payment", "SUBDATE",
           "Administrative_Category", "COMMENT"});
    return c;
  }();
  return c;
}

const Columns& sus_ae() {
  static const Columns c = [] {
    Columns c;
    c.add({"EC_Ident"}).add(kSusPatient);
    c.add({"Arrival_Date", "EC_AttendanceCategory", "Attend_Core_HRG", "Tariff_Total_Payment", "SUBDATE",
           "Administrative_Category", "COMMENT"});
    return c;
  }();
  return c;
}

}  // namespace

std::span<const std::string_view> activity_columns(OutputLayout layout, Dataset dataset) {
  switch (layout) {
    case OutputLayout::hes:
      return dataset == Dataset::kApc  ? hes_apc().view()
             : dataset == Dataset::kOp ? hes_op().view()
                                       : hes_ae().view();
    case OutputLayout::sus:
      return dataset == Dataset::kApc  ? sus_apc().view()
             : dataset == Dataset::kOp ? sus_op().view()
                                       : sus_ae().view();
    default:
      return dataset == Dataset::kApc ? apc_columns() : dataset == Dataset::kOp ? op_columns() : ae_columns();
  }
}

}  // namespace recon::generate
