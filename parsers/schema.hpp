#pragma once
// The datasets of docs/data_contract.md as schemas: field names (matched case-insensitively), which are
// required (a missing required column is fatal), and field ids that the typed builders index by.
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

namespace recon {

struct FieldSpec {
  std::string name;  // upper case, as in the contract
  bool required = false;
};

struct Schema {
  std::string dataset;  // "apc", "op", ... (also the key of the column-mapping file)
  std::vector<FieldSpec> fields;
  // Former names of renamed fields (old name, field name): a file written with the old name reads the same.
  std::vector<std::pair<std::string, std::string>> aliases;
  int index_of(std::string_view upper_name) const;  // -1 if not a field of this schema (nor an alias)
  // Hashes every field name and alias for index_of (a header of thousands of columns, or an NDJSON file with
  // thousands of keys, is looked up name by name); call again after changing fields or aliases directly.
  void build_index();
  int add_field(FieldSpec field);  // appends (and indexes) a field; returns its id

 private:
  struct NameHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, int, NameHash, std::equal_to<>> index_;
};

namespace apc {
enum Field : int {
  SUSSPELLID,
  PROCODE3,
  NHSNUMBER,
  DOB,
  SEX,
  GPPRAC,
  ADMIDATE,
  DISDATE,
  ADMIMETH,
  ADMISORC,
  DISMETH,
  CLASSPAT,
  TRETSPEF,
  SUSHRG,
  SUBDATE,
  PRICE,
  DIAG_01,
  OPERTN_01 = DIAG_01 + 20,
  ADMINCAT = OPERTN_01 + 24,  // administrative category (01 NHS, 02 private, 03 amenity, 04 category II)
  EPIORDER,                   // episode-level extracts: the episode's place in its spell (1, 2, ...)
  EPISTART,
  EPIEND,
  kCount
};
}
namespace op {
enum Field : int {
  ATTENDKEY,
  PROCODE3,
  NHSNUMBER,
  DOB,
  SEX,
  GPPRAC,
  APPTDATE,
  ATTENDED,
  FIRSTATT,
  REFSOURC,
  TRETSPEF,
  SUSHRG,
  SUBDATE,
  PRICE,
  OPERTN_01,
  ADMINCAT = OPERTN_01 + 24,
  kCount
};
}
namespace ae {
enum Field : int {
  AEKEY,
  PROCODE3,
  NHSNUMBER,
  DOB,
  SEX,
  GPPRAC,
  ARRIVALDATE,
  AEATTENDCAT,
  AEATTENDDISP,
  SUSHRG,
  SUBDATE,
  PRICE,
  ADMINCAT,
  kCount
};
}
namespace reg {
enum Field : int { NHSNUMBER, GPPRAC, DOB, SEX, REGDATE, DEREGDATE, DOD, kCount };
}
namespace referral {
enum Field : int { NHSNUMBER, GPPRAC, REFDATE, PROCODE3, TRETSPEF, kCount };
}
namespace condition {
enum Field : int { NHSNUMBER, GPPRAC, REGISTER, FROMDATE, kCount };
}
namespace tariff_apc {
enum Field : int {
  HRG,
  NAME,
  DAYCASE,
  ELECTIVE,
  NONELECTIVE,
  EL_TRIM,
  NEL_TRIM,
  EXCESS_BED_DAY,
  SSEM,
  kCount
};
}
namespace tariff_op {
enum Field : int { TRETSPEF, FIRST, FOLLOWUP, kCount };
}
namespace tariff_ae {
enum Field : int { HRG, PRICE, kCount };
}
namespace icd10 {
enum Field : int { CODE, SEX, MIN_AGE, MAX_AGE, PRIMARY_OK, CHAPTER, kCount };
}
namespace opcs4 {
enum Field : int { CODE, SEX, kCount };
}
namespace cc_scores {
enum Field : int { CODE, SCORE, kCount };
}
namespace hrg_cc_bands {
enum Field : int { HRG, MIN_SCORE, MAX_SCORE, kCount };
}
namespace qof_map {
enum Field : int { CODE_PREFIX, REGISTER, kCount };
}
namespace calendar {
// RECONCILIATION_DATE: the POST_RECONCILIATION_DATE column (its former name, still read as an alias).
enum Field : int { ACTIVITY_MONTH, INCLUSION_DATE, RECONCILIATION_DATE, kCount };
}  // namespace calendar
namespace invoice {
// A provider's invoice (SLAM), one billed item per line (docs/invoice.md).
enum Field : int {
  PROCODE3,
  POD,
  RECORD_ID,
  NHSNUMBER,
  ACTIVITY_DATE,
  DISDATE,
  SUSHRG,
  TRETSPEF,
  AMOUNT,
  kCount
};
}  // namespace invoice

const Schema& apc_schema();
const Schema& op_schema();
const Schema& ae_schema();
const Schema& register_schema();
const Schema& referrals_schema();
const Schema& conditions_schema();
const Schema& tariff_apc_schema();
const Schema& tariff_op_schema();
const Schema& tariff_ae_schema();
const Schema& icd10_schema();
const Schema& opcs4_schema();
const Schema& cc_scores_schema();
const Schema& hrg_cc_bands_schema();
const Schema& qof_map_schema();
const Schema& calendar_schema();
const Schema& invoice_schema();

}  // namespace recon
