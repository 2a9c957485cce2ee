#include "tests/patient_placeholders.hpp"

#include <cctype>

#include "tests/rule_harness.hpp"

namespace recon::testing {
namespace {

// Calls `found(start, length, n)` for each {P<n>} in `text`, left to right.
template <class Found>
void for_each_placeholder(std::string_view text, Found found) {
  for (std::size_t at = text.find("{P"); at != std::string_view::npos; at = text.find("{P", at + 1)) {
    std::size_t end = at + 2;
    while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
    if (end == at + 2 || end - at - 2 > 6 || end >= text.size() || text[end] != '}') continue;
    found(at, end + 1 - at, std::stoi(std::string(text.substr(at + 2, end - at - 2))));
  }
}

}  // namespace

std::string with_patients(std::string_view text) {
  std::string out;
  std::size_t copied = 0;
  for_each_placeholder(text, [&](std::size_t at, std::size_t length, int n) {
    out.append(text.substr(copied, at - copied));
    out += valid_nhs(n);
    copied = at + length;
  });
  out.append(text.substr(copied));
  return out;
}

std::set<int> patients_in(std::string_view text) {
  std::set<int> numbers;
  for_each_placeholder(text, [&](std::size_t, std::size_t, int n) { numbers.insert(n); });
  return numbers;
}

std::string as_placeholders(std::string text, const std::set<int>& numbers) {
  for (int n : numbers) {
    const std::string nhs = valid_nhs(n), token = "{P" + std::to_string(n) + "}";
    for (std::size_t at = text.find(nhs); at != std::string::npos; at = text.find(nhs, at + token.size()))
      text.replace(at, nhs.size(), token);
  }
  return text;
}

}  // namespace recon::testing
