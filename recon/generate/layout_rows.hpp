// Writers of activity rows in the HES and SUS layouts (layout_columns.hpp gives their columns). The
// contract's rows are written by ActivityOutput itself; these take the same planned records and the text
// it has already settled (record id, practice, activity date), so every layout carries the same records
// and truth.csv's record ids (SUSSPELLID / APCS_Ident, ATTENDKEY / OPA_Ident, AEKEY / EC_Ident) hold in each.
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>

#include "recon/generate/episodes.hpp"
#include "recon/generate/output_layout.hpp"
#include "recon/generate/patient_context.hpp"
#include "recon/generate/record_writer.hpp"

namespace recon::generate {

// What ActivityOutput has settled about a row beyond the record itself.
struct RowText {
  std::string_view id;
  std::string_view provider;       // the trust's 3-character code
  std::string_view practice;       // GPPRAC as the record gives it
  std::string_view activity_date;  // as written: ISO, or the unreadable text of a malformed_bad_date row
  std::uint64_t patient_index = 0;
};

class LayoutRowWriter {
 public:
  virtual ~LayoutRowWriter() = default;
  // An APC spell: one row, or (HES) one per episode of `episodes`.
  virtual void apc(RecordWriter& w, const ApcRecord& rec, const RowText& text, std::string_view hrg,
                   const EpisodePlan& episodes) = 0;
  virtual void op(RecordWriter& w, const OpRecord& rec, const RowText& text, std::string_view hrg) = 0;
  virtual void ae(RecordWriter& w, const AeRecord& rec, const RowText& text, std::string_view hrg) = 0;
};

// The writer of `layout`; nullptr for the contract.
std::unique_ptr<LayoutRowWriter> make_layout_row_writer(OutputLayout layout, const GeneratorShared& shared);

// A trust's site code as PROCODE5 / Provider_Code give it: the trust's code and two digits (RTH01..RTH03),
// a patient mostly seen at one site.
std::string_view site_code(char* buf, std::string_view provider, std::uint64_t patient_index);

}  // namespace recon::generate
