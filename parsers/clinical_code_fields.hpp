#pragma once
// ICD-10 and OPCS-4 codes as activity extracts write them: one code per DIAG_nn / OPERTN_nn field, with the
// fillers and marks of HES and SUS, or a whole list of codes in one field.
#include <cstddef>
#include <span>
#include <string_view>

#include "core/code.hpp"

namespace recon {

// ICD-10 / OPCS-4 code as written ("I50.0", "i500", "I10X", "A17.0+", "A170†", "G01X*") -> the canonical
// form in the reference lists ("I500", "I10", "A170", "G01"): upper case, letters and digits only (so the
// dot, the dagger and asterisk marks '†' '*' '+', and padding are dropped), and the 'X' filler of a
// 3-character category (R69X) dropped. Only an X in the 4th place of a 4-character code is a filler: X is
// also a chapter letter (X59, X599 are codes). OPCS-4 codes are a letter and three digits, so an X never
// ends one and the rule is harmless there.
Code normalise_clinical_code(std::string_view text);

// One position of a DIAG_nn / OPERTN_nn field: normalise_clinical_code, where what stands for "no code in
// this position" is the empty code: HES's '-' (none) and '&' (not known), which normalise to nothing, and a
// lone 'X' filler.
Code position_code(std::string_view text);

// A field holding several codes: the HES *_CONCAT columns ("F32,Z37,I50", "-  ,Z94"), SUS
// Der_Diagnosis_All / Der_Procedure_All, or a list exported into DIAG_01 ("H811,K590||H811").
//  * Entries are separated by ',', ';' or '|'. A run of separators is one separator: "||", ",," and a
//    leading or trailing separator make no entry. White space is not a separator but padding inside an
//    entry ("I10 ,E119 " reads as I10, E119), as in a single code.
//  * Each entry is read as position_code reads a field, and takes the next position, a placeholder too:
//    HES writes '-' for "no code here", so "-,Z94" is no primary and Z94 second, as in the numbered
//    columns. An entry of marks only ("A17.0,+") belongs to the code before it and takes no position.
//  * A code that the list already holds is not repeated (a list of a spell's episodes repeats codes).
bool holds_code_list(std::string_view text);  // the field has a separator

// The Commissioning Data Set's default procedure codes (NHS Data Dictionary, PROCEDURE (OPCS) data element):
// X998 "procedure carried out but no appropriate OPCS-4 code available" and X999 "no procedure carried out".
// They say something about the procedure field, not which procedure: read as no code, never judged as one.
// Inline: asked of every position of every row's procedures.
inline bool is_opcs_default_code(Code code) { return code == Code::of("X998") || code == Code::of("X999"); }
// The list's positions, first to last, written to `out`; returns how many positions the list has, which
// may be more than out.size() (those past the end are not written).
std::size_t split_code_list(std::string_view text, std::span<Code> out);

}  // namespace recon
