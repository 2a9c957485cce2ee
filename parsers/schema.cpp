#include "parsers/schema.hpp"

#include <cstdio>

namespace recon {
namespace {

// Builds a schema from "NAME" / "NAME!" (required) tokens; "DIAG_##20" expands to DIAG_01..DIAG_20;
// `aliases`: former names (old name, field name).
Schema make(std::string dataset, std::initializer_list<std::string_view> names,
            std::vector<std::pair<std::string, std::string>> aliases = {}) {
  Schema s;
  s.dataset = std::move(dataset);
  s.aliases = std::move(aliases);
  for (std::string_view n : names) {
    bool required = n.ends_with('!');
    if (required) n.remove_suffix(1);
    if (auto hash = n.find("##"); hash != std::string_view::npos) {
      int count = std::stoi(std::string(n.substr(hash + 2)));
      for (int i = 1; i <= count; ++i) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%02d", i);
        s.fields.push_back({std::string(n.substr(0, hash)) + buf, false});
      }
    } else {
      s.fields.push_back({std::string(n), required});
    }
  }
  s.build_index();
  return s;
}
}  // namespace

void Schema::build_index() {
  index_.clear();
  for (std::size_t i = 0; i < fields.size(); ++i) index_.emplace(fields[i].name, static_cast<int>(i));
  for (const auto& [former, name] : aliases) {
    auto field = index_.find(name);
    if (field != index_.end())
      index_.emplace(former, field->second);  // a field's own name wins over an alias
  }
}

int Schema::add_field(FieldSpec field) {
  const int id = static_cast<int>(fields.size());
  index_.emplace(field.name, id);
  fields.push_back(std::move(field));
  return id;
}

int Schema::index_of(std::string_view upper) const {
  auto it = index_.find(upper);
  return it == index_.end() ? -1 : it->second;
}

// Field order below must match the enums in schema.hpp.
const Schema& apc_schema() {
  static const Schema s =
      make("apc", {"SUSSPELLID!", "PROCODE3!", "NHSNUMBER!", "DOB",      "SEX",       "GPPRAC",
                   "ADMIDATE!",   "DISDATE!",  "ADMIMETH",   "ADMISORC", "DISMETH",   "CLASSPAT",
                   "TRETSPEF",    "SUSHRG!",   "SUBDATE",    "PRICE",    "DIAG_##20", "OPERTN_##24",
                   "ADMINCAT",    "EPIORDER",  "EPISTART",   "EPIEND"});
  return s;
}
const Schema& op_schema() {
  static const Schema s = make(
      "op", {"ATTENDKEY!", "PROCODE3!", "NHSNUMBER!", "DOB", "SEX", "GPPRAC", "APPTDATE!", "ATTENDED",
             "FIRSTATT", "REFSOURC", "TRETSPEF", "SUSHRG", "SUBDATE", "PRICE", "OPERTN_##24", "ADMINCAT"});
  return s;
}
const Schema& ae_schema() {
  static const Schema s =
      make("ae", {"AEKEY!", "PROCODE3!", "NHSNUMBER!", "DOB", "SEX", "GPPRAC", "ARRIVALDATE!", "AEATTENDCAT",
                  "AEATTENDDISP", "SUSHRG", "SUBDATE", "PRICE", "ADMINCAT"});
  return s;
}
const Schema& register_schema() {
  static const Schema s =
      make("register", {"NHSNUMBER!", "GPPRAC!", "DOB", "SEX", "REGDATE!", "DEREGDATE", "DOD"});
  return s;
}
const Schema& referrals_schema() {
  static const Schema s = make("referrals", {"NHSNUMBER!", "GPPRAC!", "REFDATE!", "PROCODE3", "TRETSPEF"});
  return s;
}
const Schema& conditions_schema() {
  static const Schema s = make("conditions", {"NHSNUMBER!", "GPPRAC!", "REGISTER!", "FROMDATE"});
  return s;
}
const Schema& tariff_apc_schema() {
  static const Schema s = make("tariff_apc", {"HRG!", "NAME", "DAYCASE", "ELECTIVE", "NONELECTIVE", "EL_TRIM",
                                              "NEL_TRIM", "EXCESS_BED_DAY", "SSEM"});
  return s;
}
const Schema& tariff_op_schema() {
  static const Schema s = make("tariff_op", {"TRETSPEF!", "FIRST!", "FOLLOWUP!"});
  return s;
}
const Schema& tariff_ae_schema() {
  static const Schema s = make("tariff_ae", {"HRG!", "PRICE!"});
  return s;
}
const Schema& icd10_schema() {
  static const Schema s = make("icd10", {"CODE!", "SEX", "MIN_AGE", "MAX_AGE", "PRIMARY_OK", "CHAPTER"});
  return s;
}
const Schema& opcs4_schema() {
  static const Schema s = make("opcs4", {"CODE!", "SEX"});
  return s;
}
const Schema& cc_scores_schema() {
  static const Schema s = make("cc_scores", {"CODE!", "SCORE!"});
  return s;
}
const Schema& hrg_cc_bands_schema() {
  static const Schema s = make("hrg_cc_bands", {"HRG!", "MIN_SCORE!", "MAX_SCORE!"});
  return s;
}
const Schema& qof_map_schema() {
  static const Schema s = make("qof_map", {"CODE_PREFIX!", "REGISTER!"});
  return s;
}
const Schema& calendar_schema() {
  // The later SUS date is named for what it is, the post-reconciliation inclusion date, so that nobody fills
  // it with the (earlier) inclusion date; RECONCILIATION_DATE, its first name, is still read.
  static const Schema s =
      make("calendar", {"ACTIVITY_MONTH!", "INCLUSION_DATE!", "POST_RECONCILIATION_DATE!"},
           {{"RECONCILIATION_DATE", "POST_RECONCILIATION_DATE"}});
  return s;
}

const Schema& invoice_schema() {
  static const Schema s = make("invoice",
                               {"PROCODE3!", "POD!", "RECORD_ID", "NHSNUMBER", "ACTIVITY_DATE!", "DISDATE",
                                "SUSHRG", "TRETSPEF", "AMOUNT!"},
                               {{"HRG", "SUSHRG"}});  // SLAM files often name the HRG column plainly
  return s;
}

}  // namespace recon
