// Text of the values written into rows: dates, fixed-width codes, prices, record ids, ICD-10 codes with
// or without the dot, and the deliberately broken or awkward values of planted rows. Each function writes
// into the caller's buffer (at least 32 bytes) or returns static text, and returns a view of the result.
#pragma once

#include <cstdint>
#include <string_view>

#include "recon/generate/civil_date.hpp"
#include "recon/generate/code_catalogue.hpp"

namespace recon::generate {

std::string_view date_text(char* buf, Day day);
std::string_view digits_text(char* buf, int value, int width);  // zero-padded, e.g. 21 -> "021" for width 3
std::string_view price_text(char* buf, std::int64_t pence);     // "1234.50"
std::string_view id_text(char* buf, std::string_view prefix, std::uint64_t number, int width);
std::string_view icd_text(char* buf, const IcdCode& code, bool dotted);
std::string_view bad_date_text(char* buf, Day day, std::uint32_t variant);
std::string_view note_text(std::uint8_t note);  // COMMENT of the valid-quoting rows (1 comma, 2 newline)
int id_width(std::uint64_t rows);               // digits of a record id: at least 7

}  // namespace recon::generate
