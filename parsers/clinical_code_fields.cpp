#include "parsers/clinical_code_fields.hpp"

namespace recon {
namespace {

// ASCII only, and no locale look-up: codes are ASCII, and this runs for every character of every code.
inline char ascii_upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }
inline bool is_separator(char c) { return c == ',' || c == ';' || c == '|'; }

// An entry that is only dagger / asterisk marks ('+', '*', or the UTF-8 bytes of '†') and padding.
bool only_marks(std::string_view entry) {
  for (char c : entry)
    if (c != '+' && c != '*' && c != ' ' && c != '\t' && static_cast<unsigned char>(c) < 0x80) return false;
  return true;
}

}  // namespace

Code normalise_clinical_code(std::string_view text) {
  char buf[16];
  std::size_t n = 0;
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) continue;
    if (n == sizeof buf) break;
    buf[n++] = ascii_upper(c);
  }
  if (n == 4 && buf[3] == 'X') n = 3;  // HES writes 3-character codes as I10X
  // An over-long code is kept truncated: it matches no reference entry, so the code rules flag it.
  return Code::of({buf, n});
}

Code position_code(std::string_view text) {
  const Code code = normalise_clinical_code(text);
  return code == Code::of("X") ? Code{} : code;
}

bool holds_code_list(std::string_view text) {
  for (char c : text)
    if (is_separator(c)) return true;
  return false;
}

std::size_t split_code_list(std::string_view text, std::span<Code> out) {
  std::size_t n = 0;
  for (std::size_t i = 0; i < text.size();) {
    while (i < text.size() && is_separator(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && !is_separator(text[i])) ++i;
    const std::string_view entry = text.substr(start, i - start);
    if (entry.empty() || only_marks(entry)) continue;
    const Code code = position_code(entry);
    bool repeated = false;
    for (std::size_t k = 0; k < n && k < out.size() && !code.empty() && !repeated; ++k)
      repeated = out[k] == code;
    if (repeated) continue;
    if (n < out.size()) out[n] = code;
    ++n;
  }
  return n;
}

}  // namespace recon
