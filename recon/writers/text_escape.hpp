#pragma once
// How text is quoted and escaped in the CSV and JSON outputs.
//
// Both writers handle text the provider controls (record ids, codes, file names), so both are defensive:
//  * CSV: a text cell that starts with = + - @ tab or CR would be read by a spreadsheet as a formula (CSV
//    injection). Such a cell is written quoted with a single quote in front, "'=1+1", as OWASP advises, so it
//    shows as the text it is. Only text cells go through here: numbers (money, counts) are written by the
//    callers as they are, so -5000.00 stays a number.
//  * JSON: the output is always valid UTF-8. Input bytes that are not UTF-8 (e.g. ff fe) become U+FFFD, one
//    per maximal invalid subsequence (the Unicode Standard's recommended practice).
#include <string>
#include <string_view>

namespace recon {

// Field quoting for the CSV and JSON writers.
std::string csv_field(std::string_view s);
std::string json_string(std::string_view s);
// The same, appended to `out` (no temporary strings: the challenge writers format millions of fields).
void append_csv_field(std::string& out, std::string_view s);
void append_json_string(std::string& out, std::string_view s);

// Text an XML document (an .xlsx cell) may hold: valid UTF-8 as in JSON (U+FFFD for ill-formed bytes), and
// the control characters XML 1.0 forbids (all below 0x20 but tab, LF, CR) also as U+FFFD.
std::string xml_text(std::string_view s);

// Whether a spreadsheet would take a cell starting with this text for a formula.
bool csv_formula_start(std::string_view s);

}  // namespace recon
