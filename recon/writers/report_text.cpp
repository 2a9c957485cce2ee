#include "recon/writers/report_text.hpp"

namespace recon {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string format_count(std::uint64_t n) {
  std::string digits = std::to_string(n), out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

std::string format_pounds(Pence p) {
  if (p == kNoPrice) return {};
  const bool neg = p < 0;
  const std::uint64_t a = neg ? static_cast<std::uint64_t>(-(p + 1)) + 1 : static_cast<std::uint64_t>(p);
  return std::string(neg ? "-" : "") + "\xC2\xA3" + format_count(a / 100) +
         printf_string(".%02llu", static_cast<unsigned long long>(a % 100));
}

std::string mask_nhs_numbers(std::string_view text) {
  auto digit = [&](std::size_t k) { return k < text.size() && text[k] >= '0' && text[k] <= '9'; };
  auto run_end = [&](std::size_t k) {
    while (digit(k)) ++k;
    return k;
  };
  auto separator = [&](std::size_t k) { return k < text.size() && (text[k] == ' ' || text[k] == '-'); };
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    if (!digit(i)) {
      out += text[i++];
      continue;
    }
    const std::size_t j = run_end(i);
    std::size_t masked_to = j - i == 10 ? j : 0;
    // The 3-3-4 form, "943 476 5919" or "943-476-5919".
    if (j - i == 3 && separator(j) && run_end(j + 1) == j + 4 && separator(j + 4) && run_end(j + 5) == j + 9)
      masked_to = j + 9;
    if (masked_to) {
      out += "[NHS number]";
      i = masked_to;
    } else {
      out.append(text.substr(i, j - i));
      i = j;
    }
  }
  return out;
}

}  // namespace recon
