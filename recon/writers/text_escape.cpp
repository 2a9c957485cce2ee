#include "recon/writers/text_escape.hpp"

#include <array>
#include <cstdio>

namespace recon {

namespace {
// Which bytes need work, as tables: the writers escape every reason and evidence text of every challenge, so
// the common case (nothing to escape) is a table scan and one append, not a branch and an append per byte.
constexpr std::array<bool, 256> table_of(std::string_view specials, bool control_chars, bool non_ascii) {
  std::array<bool, 256> t{};
  for (char c : specials) t[static_cast<unsigned char>(c)] = true;
  if (control_chars)
    for (int c = 0; c < 0x20; ++c) t[c] = true;
  if (non_ascii)
    for (int c = 0x80; c < 0x100; ++c) t[c] = true;
  return t;
}
constexpr std::array<bool, 256> kCsvQuoteIf = table_of(",\"\r\n", false, false);
// The characters OWASP lists as starting a formula in Excel, LibreOffice and Google Sheets.
constexpr std::array<bool, 256> kFormulaStart = table_of("=+-@\t\r", false, false);
// Non-ASCII bytes stop the scan so that their UTF-8 can be checked; ASCII text never leaves the fast path.
constexpr std::array<bool, 256> kJsonEscape = table_of("\"\\", true, true);

std::size_t first_of(std::string_view s, std::size_t from, const std::array<bool, 256>& table) {
  while (from < s.size() && !table[static_cast<unsigned char>(s[from])]) ++from;
  return from;
}

// The UTF-8 sequence that starts at s[at] (a byte >= 0x80): {its length, whether it is well-formed}. An
// ill-formed one's length is that of its maximal subpart (at least 1), which is replaced by one U+FFFD.
// Well-formed per RFC 3629 / Unicode table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF.
struct Utf8Sequence {
  std::size_t length;
  bool valid;
};
Utf8Sequence utf8_sequence(std::string_view s, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[at + k]); };
  const unsigned char lead = byte(0);
  std::size_t length;
  unsigned char low = 0x80, high = 0xBF;  // the range of the second byte
  if (lead >= 0xC2 && lead <= 0xDF) {
    length = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {1, false};  // a continuation byte, C0, C1 or F5..FF
  }
  if (at + 1 >= s.size() || byte(1) < low || byte(1) > high) return {1, false};
  for (std::size_t k = 2; k < length; ++k)
    if (at + k >= s.size() || byte(k) < 0x80 || byte(k) > 0xBF) return {k, false};
  return {length, true};
}

constexpr std::string_view kReplacementCharacter = "\xEF\xBF\xBD";  // U+FFFD in UTF-8
}  // namespace

bool csv_formula_start(std::string_view s) {
  return !s.empty() && kFormulaStart[static_cast<unsigned char>(s[0])];
}

void append_csv_field(std::string& out, std::string_view s) {
  const bool formula = csv_formula_start(s);
  if (!formula && first_of(s, 0, kCsvQuoteIf) == s.size()) {
    out.append(s);
    return;
  }
  out += formula ? "\"'" : "\"";
  for (std::size_t at = 0;;) {  // copy up to and including each quote, then double it
    const std::size_t quote = s.find('"', at);
    if (quote == std::string_view::npos) {
      out.append(s.substr(at));
      break;
    }
    out.append(s.substr(at, quote + 1 - at));
    out += '"';
    at = quote + 1;
  }
  out += '"';
}

void append_json_string(std::string& out, std::string_view s) {
  out += '"';
  for (std::size_t at = 0;;) {
    const std::size_t special = first_of(s, at, kJsonEscape);
    out.append(s.substr(at, special - at));
    if (special == s.size()) break;
    const char c = s[special];
    at = special + 1;
    if (static_cast<unsigned char>(c) >= 0x80) {
      const Utf8Sequence seq = utf8_sequence(s, special);
      if (seq.valid)
        out.append(s.substr(special, seq.length));
      else
        out += kReplacementCharacter;
      at = special + seq.length;
      continue;
    }
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned char>(c));
        out += buf;
      }
    }
  }
  out += '"';
}

std::string xml_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t at = 0; at < s.size();) {
    const unsigned char c = static_cast<unsigned char>(s[at]);
    if (c >= 0x80) {
      const Utf8Sequence seq = utf8_sequence(s, at);
      if (seq.valid)
        out.append(s.substr(at, seq.length));
      else
        out += kReplacementCharacter;
      at += seq.length;
      continue;
    }
    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
      out += kReplacementCharacter;
    else
      out += static_cast<char>(c);
    ++at;
  }
  return out;
}

std::string csv_field(std::string_view s) {
  std::string out;
  append_csv_field(out, s);
  return out;
}

std::string json_string(std::string_view s) {
  std::string out;
  append_json_string(out, s);
  return out;
}

}  // namespace recon
