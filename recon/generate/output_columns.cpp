#include "recon/generate/output_columns.hpp"

#include <initializer_list>
#include <memory>
#include <string>
#include <vector>

namespace recon::generate {

namespace {

std::vector<std::string_view> make_columns(std::initializer_list<std::string_view> head,
                                           std::string_view repeated1, int count1, std::string_view repeated2,
                                           int count2, std::initializer_list<std::string_view> tail) {
  // Names such as DIAG_01..DIAG_20 are built once and kept alive for the whole run.
  static std::vector<std::unique_ptr<std::string>> storage;
  std::vector<std::string_view> columns(head);
  auto add_numbered = [&](std::string_view stem, int count) {
    for (int i = 1; i <= count; ++i) {
      char number[3] = {static_cast<char>('0' + i / 10), static_cast<char>('0' + i % 10), 0};
      storage.push_back(std::make_unique<std::string>(std::string(stem) + number));
      columns.push_back(*storage.back());
    }
  };
  add_numbered(repeated1, count1);
  add_numbered(repeated2, count2);
  columns.insert(columns.end(), tail);
  return columns;
}

}  // namespace

std::span<const std::string_view> apc_columns() {
  static const auto columns =
      make_columns({"SUSSPELLID", "PROCODE3", "NHSNUMBER", "DOB", "SEX", "GPPRAC", "ADMIDATE", "DISDATE",
                    "ADMIMETH", "ADMISORC", "DISMETH", "CLASSPAT", "TRETSPEF", "SUSHRG"},
                   "DIAG_", 20, "OPERTN_", 24, {"SUBDATE", "PRICE", "ADMINCAT", "COMMENT"});
  return columns;
}

std::span<const std::string_view> op_columns() {
  static const auto columns =
      make_columns({"ATTENDKEY", "PROCODE3", "NHSNUMBER", "DOB", "SEX", "GPPRAC", "APPTDATE", "ATTENDED",
                    "FIRSTATT", "REFSOURC", "TRETSPEF", "SUSHRG"},
                   "OPERTN_", 24, "", 0, {"SUBDATE", "PRICE", "ADMINCAT", "COMMENT"});
  return columns;
}

std::span<const std::string_view> ae_columns() {
  static const std::string_view columns[] = {
      "AEKEY",       "PROCODE3",     "NHSNUMBER", "DOB",     "SEX",   "GPPRAC",   "ARRIVALDATE",
      "AEATTENDCAT", "AEATTENDDISP", "SUSHRG",    "SUBDATE", "PRICE", "ADMINCAT", "COMMENT"};
  return columns;
}

std::span<const std::string_view> register_columns() {
  static const std::string_view columns[] = {"NHSNUMBER", "GPPRAC",    "DOB", "SEX",
                                             "REGDATE",   "DEREGDATE", "DOD"};
  return columns;
}

std::span<const std::string_view> referral_columns() {
  static const std::string_view columns[] = {"NHSNUMBER", "GPPRAC", "REFDATE", "PROCODE3", "TRETSPEF"};
  return columns;
}

std::span<const std::string_view> condition_columns() {
  static const std::string_view columns[] = {"NHSNUMBER", "GPPRAC", "REGISTER", "FROMDATE"};
  return columns;
}

std::span<const std::string_view> truth_columns() {
  static const std::string_view columns[] = {"DATASET", "RECORD_ID", "ANOMALY"};
  return columns;
}

}  // namespace recon::generate
