#pragma once
// The compact, priced record of a row (core/records.hpp Activity): what every kind of rule is handed beside
// the whole row (`priced` of a row rule, the aggregate rules' input) and what the patient store keeps for the
// patient rules. Made once per accepted row, in the row stage.
//
// `charged` is PRICE when submitted, else the tariff price; `tariff` is what the tariff gives. The few facts
// only the patient rules need of the wider row (READMIT's exclusions, DUP's choice of the original copy) are
// worked out here by rules/patient/patient_flags.hpp, so that a patient rule never needs the whole row.
#include "core/records.hpp"
#include "core/reference.hpp"

namespace recon {

Activity compact_apc(const ApcRow& row, const Reference& ref);
Activity compact_op(const OpRow& row, const Reference& ref);
Activity compact_ae(const AeRow& row, const Reference& ref);

}  // namespace recon
